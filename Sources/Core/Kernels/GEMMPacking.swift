// GEMMPacking.swift: copies slices of op(A) and op(B) into the one panel layout the GEMM micro-kernel reads.
// Goals, in order: every transpose case and leading dimension lands in the same layout, with the
// ragged edge padded by zeros (so the micro-kernel never needs a bounds check inside its k loop);
// then reads that walk memory in order (the source is usually not in cache); the copies are
// O(mk + kn) against O(mnk) for the product, a few per cent of the time.
//
// Layouts (tile sizes MR = 6, NR = 16; `depth` is the k slice, at most 512):
//
//   packed A: one panel of 6 rows, k running slowest:
//             panel[p * 6 + r] = op(A)[r, p]                  (6 floats per k step)
//   packed B: panels of 16 columns, one after another, k running slowest inside each:
//             panel[p * 16 + j] = op(B)[p, tileColumn + j]    (16 floats per k step, one cache line)
//
// So at step p the micro-kernel reads 6 consecutive floats of A and 16 consecutive floats of B.

extension Kernels {
    /// Packs the `rows` x `depth` block of op(A) whose corner is `a`'s (0, 0), rows <= 6, into one
    /// 6-row panel of 6 * depth floats; rows past the edge are zeros.
    static func packPanelOfA(_ a: StridedMatrix, rows: Int, depth: Int, into panel: UnsafeMutablePointer<Float>) {
        let tileRows = GEMMBlocking.tileRows
        if rows == tileRows && a.columnStride == 1 {
            // A not transposed: six rows of memory, read side by side, each from left to right.
            let row0 = a.base, row1 = row0 + a.rowStride, row2 = row1 + a.rowStride
            let row3 = row2 + a.rowStride, row4 = row3 + a.rowStride, row5 = row4 + a.rowStride
            var destination = panel
            for p in 0..<depth {
                destination[0] = row0[p]; destination[1] = row1[p]; destination[2] = row2[p]
                destination[3] = row3[p]; destination[4] = row4[p]; destination[5] = row5[p]
                destination += tileRows
            }
            return
        }
        if rows == tileRows && a.rowStride == 1 {
            // A transposed: the 6 values of one k step are contiguous in memory.
            var destination = panel
            for p in 0..<depth {
                let source = a.base + p * a.columnStride
                destination[0] = source[0]; destination[1] = source[1]; destination[2] = source[2]
                destination[3] = source[3]; destination[4] = source[4]; destination[5] = source[5]
                destination += tileRows
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

    /// Packs the `depth` x `columns` block of op(B) whose corner is `b`'s (0, 0) into 16-column panels.
    /// `packed` must hold depth * roundUp(columns, 16) floats; columns past the edge are zeros.
    static func packPanelsOfB(_ b: StridedMatrix, depth: Int, columns: Int, into packed: UnsafeMutablePointer<Float>) {
        let tileColumns = GEMMBlocking.tileColumns
        let wholePanelColumns = columns / tileColumns * tileColumns
        if b.columnStride == 1 {
            // B not transposed: sweep each row of B once, left to right, dealing 16 floats (two
            // SIMD8 copies) to each panel in turn.
            for p in 0..<depth {
                let source = b.base + p * b.rowStride
                for tileColumn in stride(from: 0, to: wholePanelColumns, by: tileColumns) {
                    let destination = packed + tileColumn * depth + p * tileColumns
                    store8(load8(source + tileColumn), destination)
                    store8(load8(source + tileColumn + 8), destination + 8)
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
