// Tests of basis pursuit (the L1 relaxation of MLiS II Sec. 2.8, "relaxation methods such as basis
// pursuit") solved by ISTA and FISTA:
// a problem whose minimiser is known from its optimality conditions, the gradient of the data term,
// the closed form for an orthonormal dictionary, and the two methods' rates.

import Testing
import Core
import SparseCoding

@Suite("Basis pursuit by ISTA and FISTA (MLiS II 2.8)")
struct BasisPursuitTests {
    /// A LASSO problem with a known minimiser alpha*: support S, signs s, and x = D alpha* + lambda u with
    /// u = D_S (D_S^T D_S)^-1 s. Then D_S^T (x - D alpha*) = lambda s (the optimality condition on S),
    /// and |d_j . (x - D alpha*)| < lambda off S makes alpha* the unique minimiser.
    func knownProblem(seed: UInt64) -> (dictionary: Tensor, signal: [Float], solution: [Float], lambda: Double) {
        var generator = Xoshiro256StarStar(seed: seed)
        let dictionary = randomDictionary(signalLength: 20, atoms: 40, generator: &generator)
        let support = [3, 17, 29]
        let signs: [Double] = [1, -1, 1]
        var solution = [Float](repeating: 0, count: 40)
        for (atom, sign) in zip(support, signs) { solution[atom] = Float(sign) * generator.uniform(1, 2) }
        let lambda = 0.1
        let columns = support.map { column($0, of: dictionary).map(Double.init) }
        let gram = DoubleMatrix(size: 3, entries: columns.flatMap { a in columns.map { b in zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } } })
        let weights = try! solveLinearSystem(gram, signs)
        let u = (0..<20).map { i in zip(columns, weights).reduce(0.0) { $0 + $1.0[i] * $1.1 } }
        let clean = synthesise(dictionary: dictionary, codes: Tensor(column: solution)).scalars
        let signal = zip(clean, u).map { $0 + Float(lambda * $1) }
        for j in 0..<40 where !support.contains(j) {                       // strict complementarity
            let correlation = zip(column(j, of: dictionary), u).reduce(0.0) { $0 + Double($1.0) * $1.1 }
            precondition(abs(correlation) < 0.95, "seed \(seed): atom \(j) violates strict complementarity (\(correlation))")
        }
        return (dictionary, signal, solution, lambda)
    }

    @Test("FISTA reaches the known L1 minimiser of a 20 x 40 problem (seed 401)")
    func fistaReachesKnownOptimum() {
        let problem = knownProblem(seed: 401)
        let result = iterativeShrinkage(signals: Tensor(column: problem.signal), dictionary: problem.dictionary,
                                        lambda: problem.lambda, iterations: 3000)
        #expect(isApproximatelyEqual(result.codes.scalars, problem.solution, relativeTolerance: 1e-3, absoluteTolerance: 1e-4))
        let optimum = lassoObjective(signals: Tensor(column: problem.signal), dictionary: problem.dictionary,
                                     codes: Tensor(column: problem.solution), lambda: problem.lambda)
        #expect(isApproximatelyEqual(result.objectives.last!, optimum, relativeTolerance: 1e-5))
    }

    @Test("FISTA's O(1/k^2) beats ISTA's O(1/k): after 30 steps its gap to F* is at least 10 times smaller (seed 402)")
    func fistaFasterThanIsta() {
        let problem = knownProblem(seed: 402)
        let X = Tensor(column: problem.signal)
        let optimum = lassoObjective(signals: X, dictionary: problem.dictionary, codes: Tensor(column: problem.solution),
                                     lambda: problem.lambda)
        let ista = iterativeShrinkage(signals: X, dictionary: problem.dictionary, lambda: problem.lambda, iterations: 30,
                                      accelerated: false)
        let fista = iterativeShrinkage(signals: X, dictionary: problem.dictionary, lambda: problem.lambda, iterations: 30)
        #expect(fista.objectives.last! - optimum < (ista.objectives.last! - optimum) / 10)
        // ISTA is a descent method: F never increases (Beck & Teboulle 2009, Lemma 2.3).
        #expect(zip(ista.objectives, ista.objectives.dropFirst()).allSatisfy { $1 <= $0 * (1 + 1e-6) })
    }

    @Test("For an orthonormal D the minimiser is the soft threshold S_lambda(D^T x); ISTA finds it in one step (seed 403)")
    func orthonormalClosedForm() {
        var generator = Xoshiro256StarStar(seed: 403)
        let q = orthonormalMatrix(8, generator: &generator)
        let X = generator.normalTensor(shape: [8, 5])
        let expected = threshold(matmul(q, X, transposeA: true), by: .soft, thresholds: [Float](repeating: 0.4, count: 8))
        let result = iterativeShrinkage(signals: X, dictionary: q, lambda: 0.4, iterations: 1, accelerated: false)
        #expect(isApproximatelyEqual(result.codes.scalars, expected.scalars, relativeTolerance: 1e-4, absoluteTolerance: 1e-5))
        #expect(isApproximatelyEqual(result.step, 1, relativeTolerance: 1e-5))        // ||Q||_2 = 1
    }

    @Test("The data term's gradient D^T (D A - X) matches central differences (seed 404)")
    func dataGradient() {
        var generator = Xoshiro256StarStar(seed: 404)
        let (n, K, P) = (6, 9, 3)
        let D = generator.normalTensor(shape: [n, K]), X = generator.normalTensor(shape: [n, P])
        let A = generator.normalTensor(shape: [K, P])
        let analytic = lassoDataGradient(signals: X, dictionary: D, codes: A).doubles
        let error = GradientCheck.error(analytic: analytic, at: A.doubles) { a in
            var total = 0.0
            for i in 0..<n {
                for p in 0..<P {
                    let model = (0..<K).reduce(0.0) { $0 + Double(D[i, $1]) * a[$1 * P + p] }
                    total += 0.5 * (model - Double(X[i, p])) * (model - Double(X[i, p]))
                }
            }
            return total
        }
        #expect(error < 1e-4)  // Float analytic gradient against a Double reference
    }

    @Test("OMP and basis pursuit agree on the support of a 3-sparse signal (the two approaches of 2.8, seed 405)")
    func bothApproachesFindTheSupport() {
        var generator = Xoshiro256StarStar(seed: 405)
        let dictionary = randomDictionary(signalLength: 30, atoms: 60, generator: &generator)
        let (x, alpha) = sparseSignal(dictionary, sparsity: 3, generator: &generator)
        let truth = Set(alpha.indices.filter { alpha[$0] != 0 })
        let omp = orthogonalMatchingPursuit(signal: x, dictionary: dictionary, sparsity: 3)
        let bp = iterativeShrinkage(signals: Tensor(column: x), dictionary: dictionary, lambda: 0.05, iterations: 2000)
        let largest = bp.codes.scalars.indices.sorted { abs(bp.codes.scalars[$0]) > abs(bp.codes.scalars[$1]) }.prefix(3)
        #expect(Set(omp.support) == truth && Set(largest) == truth)
    }
}
