// Tests of the Double solver (LinearSolve.swift) used by the normal equations.

import Testing
@testable import Core

@Suite("Gaussian elimination with partial pivoting")
struct LinearSolveTests {
    @Test("Solves the AND normal equations X^T X w = X^T Y of LIN-1 exactly")
    func normalEquationsOfAnd() throws {
        // X^T X = [[4,2,2],[2,2,1],[2,1,2]], X^T Y = [1,1,1] (WORKED-NUMBERS.md LIN-1).
        let gram = DoubleMatrix(size: 3, entries: [4, 2, 2, 2, 2, 1, 2, 1, 2])
        let w = try solveLinearSystem(gram, [1, 1, 1])
        #expect(isApproximatelyEqual(w, [-0.25, 0.5, 0.5], absoluteTolerance: 1e-15))
    }

    @Test("Needs pivoting: a zero in the (0,0) position")
    func pivoting() throws {
        let a = DoubleMatrix(size: 2, entries: [0, 1, 1, 0])
        #expect(try solveLinearSystem(a, [3, 4]) == [4, 3])
    }

    @Test("Several right-hand sides at once, on a random well-conditioned system (seed 5)")
    func randomSystem() throws {
        var generator = Xoshiro256StarStar(seed: 5)
        let n = 12
        var a = DoubleMatrix(size: n, entries: (0..<(n * n)).map { _ in generator.normalDouble() })
        for i in 0..<n { a[i, i] += Double(n) }  // diagonally dominant
        let x = (0..<(n * 2)).map { _ in generator.normalDouble() }
        var b = [Double](repeating: 0, count: n * 2)
        for i in 0..<n { for j in 0..<2 { for k in 0..<n { b[i * 2 + j] += a[i, k] * x[k * 2 + j] } } }
        #expect(isApproximatelyEqual(try solveLinearSystem(a, b), x, relativeTolerance: 1e-10, absoluteTolerance: 1e-12))
    }

    @Test("A singular matrix throws an error that explains itself")
    func singular() {
        let a = DoubleMatrix(size: 2, entries: [1, 2, 2, 4])
        #expect(throws: SingularMatrixError.self) { try solveLinearSystem(a, [1, 2]) }
        do {
            _ = try solveLinearSystem(a, [1, 2])
        } catch {
            #expect("\(error)".contains("singular"))
        }
    }
}
