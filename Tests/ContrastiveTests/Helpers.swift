// Shared pieces of the Contrastive tests: the gradient tolerance, random matrices, and the text of an
// exit test's standard error.

import Foundation
import Testing
import Core

/// The largest error `GradientCheck.error` may report. The analytic gradients are Float sums of a few
/// dozen products (about 1e-7 relative each, amplified by 1/tau <= 10); the references are central
/// differences in Double. A wrong term, sign or factor errs by 1e-2 or more.
let gradientTolerance = 2e-4

/// `rows` lists of `columns` normal numbers, in Double (so they are exactly representable in Float too).
func randomRows(_ rows: Int, _ columns: Int, _ generator: inout Xoshiro256StarStar) -> [[Double]] {
    (0..<rows).map { _ in (0..<columns).map { _ in Double(generator.normal()) } }
}

/// A Tensor [rows, columns] from lists.
func tensor(_ rows: [[Double]]) -> Tensor {
    Tensor(shape: [rows.count, rows.first?.count ?? 0], doubles: rows.flatMap { $0 })
}

/// The flat list back into rows of `columns`.
func unflatten(_ values: [Double], columns: Int) -> [[Double]] {
    stride(from: 0, to: values.count, by: columns).map { Array(values[$0..<($0 + columns)]) }
}

func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}
