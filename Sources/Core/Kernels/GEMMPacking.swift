// GEMMPacking.swift: copies slices of op(A) and op(B) into the one panel layout the GEMM micro-kernels read.
// Goals, in order: every transpose case and leading dimension lands in the same layout, with the
// ragged edge padded by zeros (so the micro-kernel never needs a bounds check inside its k loop);
// then reads that walk memory in order (the source is usually not in cache); the copies are
// O(mk + kn) against O(mnk) for the product, a few per cent of the time.
//
// Layouts (tile sizes MR x NR: 6 x 16 or 8 x 32, GEMMWideMicroKernel.swift; `depth` is the k slice,
// at most 512):
//
//   packed A: one panel of MR rows, k running slowest:
//             panel[p * MR + r] = op(A)[r, p]                  (MR floats per k step)
//   packed B: panels of NR columns, one after another, k running slowest inside each:
//             panel[p * NR + j] = op(B)[p, tileColumn + j]     (NR floats per k step, one or two cache lines)
//
// So at step p the micro-kernel reads MR consecutive floats of A and NR consecutive floats of B.

extension Kernels {
    /// Packs the `rows` x `depth` block of op(A) whose corner is `a`'s (0, 0), rows <= tileRows, into
    /// one panel of tileRows * depth floats; rows past the edge are zeros.
    static func packPanelOfA(_ a: StridedMatrix, rows: Int, depth: Int, tileRows: Int,
                             into panel: UnsafeMutablePointer<Float>) {
        if rows == tileRows && a.columnStride == 1 {
            // A not transposed: each row of memory read from left to right, written down the panel
            // with a stride of tileRows (the panel, at most 16 KiB, stays in L1).
            for r in 0..<tileRows {
                let source = a.base + r * a.rowStride
                var destination = panel + r
                for p in 0..<depth {
                    destination.pointee = source[p]
                    destination += tileRows
                }
            }
            return
        }
        if rows == tileRows && a.rowStride == 1 {
            // A transposed: the tileRows values of one k step are contiguous in memory.
            for p in 0..<depth {
                (panel + p * tileRows).update(from: a.base + p * a.columnStride, count: tileRows)
            }
            return
        }
        // The ragged last panel, element by element, padded with zeros.
        for p in 0..<depth {
            let destination = panel + p * tileRows
            for r in 0..<rows { destination[r] = a[r, p] }
            for r in rows..<tileRows { destination[r] = 0 }
        }
    }

    /// Packs the `depth` x `columns` block of op(B) whose corner is `b`'s (0, 0) into tileColumns-wide
    /// panels (tileColumns a multiple of 16). `packed` must hold depth * roundUp(columns, tileColumns)
    /// floats; columns past the edge are zeros.
    static func packPanelsOfB(_ b: StridedMatrix, depth: Int, columns: Int, tileColumns: Int,
                              into packed: UnsafeMutablePointer<Float>) {
        let wholePanelColumns = columns / tileColumns * tileColumns
        if b.columnStride == 1 {
            // B not transposed: sweep each row of B once, left to right, dealing tileColumns floats
            // (SIMD8 copies) to each panel in turn.
            for p in 0..<depth {
                let source = b.base + p * b.rowStride
                for tileColumn in stride(from: 0, to: wholePanelColumns, by: tileColumns) {
                    let destination = packed + tileColumn * depth + p * tileColumns
                    for offset in stride(from: 0, to: tileColumns, by: 8) {
                        store8(load8(source + tileColumn + offset), destination + offset)
                    }
                }
            }
        } else {
            // B transposed (rowStride == 1): column j of op(B) is row j of the stored B, contiguous
            // in k. Read each one from left to right, writing down one column of the panel.
            for tileColumn in stride(from: 0, to: wholePanelColumns, by: tileColumns) {
                let panel = packed + tileColumn * depth
                for j in 0..<tileColumns {
                    let source = b.base + (tileColumn + j) * b.columnStride
                    for p in 0..<depth { panel[p * tileColumns + j] = source[p] }
                }
            }
        }
        // The ragged last panel, element by element, padded with zeros.
        guard wholePanelColumns < columns else { return }
        let panel = packed + wholePanelColumns * depth
        let validColumns = columns - wholePanelColumns
        for p in 0..<depth {
            let destination = panel + p * tileColumns
            for j in 0..<validColumns { destination[j] = b[p, wholePanelColumns + j] }
            for j in validColumns..<tileColumns { destination[j] = 0 }
        }
    }
}
