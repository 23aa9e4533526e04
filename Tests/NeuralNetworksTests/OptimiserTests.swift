// Tests of the optimisers of MLiS II Sec. 1.5 (Eq. (1.5.5), Eq. (1.5.6), Eq. (1.5.7), Eq. (1.5.8), Eq.
// (1.5.9), Eq. (1.5.10), Eq. (1.5.11)) and diffGrad (DL Padova): two
// steps from zero state against values computed by hand (numpy, the notes' equations), the notes'
// defaults, and WORKED-NUMBERS.md's Rosenbrock steps OPT-1 (Eq. (1.5.12), Fig. 1.5.2) to its printed digits.

import Testing
import Core
import NeuralNetworks

@Suite("Optimisers (MLiS II 1.5, DL Padova diffGrad)")
struct OptimiserTests {
    /// w_0 = (1, -1, 0.5); then the gradients g_1 = (0.5, -1, 2) and g_2 = (-0.3, -0.8, 1.5).
    static func twoSteps(_ optimiser: inout some Optimiser) -> [[Float]] {
        let w = Parameter("w", value: Tensor([[1, -1, 0.5]]))
        var after: [[Float]] = []
        for g in [Tensor([[0.5, -1, 2]]), Tensor([[-0.3, -0.8, 1.5]])] {
            w.gradient = g
            optimiser.update([w])
            after.append(w.value.scalars)
        }
        return after
    }

    @Test("Eq. (1.5.5): SGD, alpha 0.1: w_1 = (0.95, -0.9, 0.3), w_2 = (0.98, -0.82, 0.15)")
    func sgdSteps() {
        var sgd = SGD(learningRate: 0.1)
        let steps = Self.twoSteps(&sgd)
        #expect(isApproximatelyEqual(steps[0], [0.95, -0.9, 0.3]) && isApproximatelyEqual(steps[1], [0.98, -0.82, 0.15]))
    }

    @Test("Eq. (1.5.6): momentum, alpha 0.1, gamma 0.9: v_2 = 0.9 v_1 - 0.1 g_2 gives w_2 = (0.935, -0.73, -0.03)")
    func momentumSteps() {
        var sgd = SGD(learningRate: 0.1, momentum: 0.9)
        let steps = Self.twoSteps(&sgd)
        #expect(isApproximatelyEqual(steps[0], [0.95, -0.9, 0.3]))
        #expect(isApproximatelyEqual(steps[1], [0.935, -0.73, -0.03], absoluteTolerance: 1e-6))
    }

    @Test("Eq. (1.5.7): RMSprop, alpha 0.01, rho 0.9, epsilon 1e-7 inside the root")
    func rmspropSteps() {
        var rmsprop = RMSprop(learningRate: 0.01)
        let steps = Self.twoSteps(&rmsprop)
        #expect(isApproximatelyEqual(steps[0], [0.9683772866, -0.9683772392, 0.4683772274], relativeTolerance: 1e-6))
        #expect(isApproximatelyEqual(steps[1], [0.9852803449, -0.9479913582, 0.4487656155], relativeTolerance: 1e-6))
    }

    @Test("Eq. (1.5.8), Eq. (1.5.9), Eq. (1.5.10), Eq. (1.5.11): Adam, alpha 0.01: the bias-corrected first step is alpha sign(g); the second follows s_2, r_2")
    func adamSteps() {
        var adam = Adam(learningRate: 0.01)
        let steps = Self.twoSteps(&adam)
        #expect(isApproximatelyEqual(steps[0], [0.990000002, -0.990000001, 0.4900000005], relativeTolerance: 1e-6))
        #expect(isApproximatelyEqual(steps[1], [0.9880850221, -0.9801187441, 0.4801742502], relativeTolerance: 1e-6))
        #expect(adam.stepCount == 2)
    }

    @Test("diffGrad: Adam's step times xi = sigmoid(|g_(t-1) - g_t|), with g_0 = 0")
    func diffGradSteps() {
        var diffGrad = DiffGrad(learningRate: 0.01)
        let steps = Self.twoSteps(&diffGrad)
        #expect(isApproximatelyEqual(steps[0], [0.9937754079, -0.9926894149, 0.4911920297], relativeTolerance: 1e-6))
        #expect(isApproximatelyEqual(steps[1], [0.9924541207, -0.9872563639, 0.4850758997], relativeTolerance: 1e-6))
    }

    @Test("Sec. 3.4 (derived): the friction xi at |Delta g| = 0, 1, 5 is 0.5, 0.7310585786, 0.9933071491")
    func diffGradFriction() {
        #expect(DiffGrad.friction(previousGradient: 0.0, gradient: 0.0) == 0.5)
        #expect(isApproximatelyEqual(DiffGrad.friction(previousGradient: 2.0, gradient: 1.0), 0.7310585786, relativeTolerance: 1e-9))
        #expect(isApproximatelyEqual(DiffGrad.friction(previousGradient: -3.0, gradient: 2.0), 0.9933071491, relativeTolerance: 1e-9))
    }

    @Test("The notes' (TF2) defaults: SGD alpha 0.01, gamma 0; RMSprop 0.001, 0.9, 1e-7; Adam 0.001, 0.9, 0.999, 1e-7")
    func defaults() {
        let (sgd, rmsprop, adam) = (SGD(), RMSprop(), Adam())
        #expect(sgd.learningRate == 0.01 && sgd.momentum == 0)
        #expect(rmsprop.learningRate == 0.001 && rmsprop.decay == 0.9 && rmsprop.epsilon == 1e-7)
        #expect(adam.learningRate == 0.001 && adam.beta1 == 0.9 && adam.beta2 == 0.999 && adam.epsilon == 1e-7)
    }

    @Test("Optimisers skip parameters that are not trainable (batch-norm running statistics)")
    func skipsNonTrainable() {
        let frozen = Parameter("running mean", value: Tensor([[1, 2]]), isTrainable: false)
        let free = Parameter("w", value: Tensor([[1, 2]]))
        frozen.gradient = Tensor([[1, 1]]); free.gradient = Tensor([[1, 1]])
        var adam = Adam(learningRate: 0.1)
        adam.update([frozen, free])
        #expect(frozen.value.scalars == [1, 2] && free.value.scalars != [1, 2])
    }
}

@Suite("Rosenbrock race (MLiS II 1.5.5, Eq. (1.5.12), Fig. 1.5.2)")
struct RosenbrockTests {
    @Test("OPT-1, E-32: f(0, 1) = 101 with gradient (-2, 200), almost vertical; the caption's (1, 0) has f = 100, gradient (400, -200)")
    func startPoints() {
        #expect(Rosenbrock.start == SIMD2(0, 1))
        #expect(Rosenbrock.value(Rosenbrock.start) == 101 && Rosenbrock.gradient(Rosenbrock.start) == SIMD2(-2, 200))
        #expect(Rosenbrock.value(SIMD2(1, 0)) == 100 && Rosenbrock.gradient(SIMD2(1, 0)) == SIMD2(400, -200))
        #expect(Rosenbrock.value(Rosenbrock.minimum) == 0 && Rosenbrock.gradient(Rosenbrock.minimum) == SIMD2(0, 0))
    }

    /// WORKED-NUMBERS.md's OPT-1 table: after steps 1, 2 and 100, and the distance to (1, 1) after 100.
    static let table: [(Rosenbrock.Method, [SIMD2<Double>], Double)] = [
        (.sgd(learningRate: 0.001), [SIMD2(0.002, 0.8), SIMD2(0.0046359968, 0.6400008), SIMD2(0.1933393384, 0.0347042901)], 1.2579734618),
        (.momentum(learningRate: 0.001, momentum: 0.2),
         [SIMD2(0.002, 0.8), SIMD2(0.0050359968, 0.6000008), SIMD2(0.2224404161, 0.0466075679)], 1.2302666524),
        (.rmsprop(learningRate: 0.01),
         [SIMD2(0.0316227726, 0.9683772234), SIMD2(0.0629659435, 0.9457994576), SIMD2(0.7073029772, 0.4989055975)], 0.5803164200),
        (.adam(learningRate: 0.05),
         [SIMD2(0.0499999975, 0.95), SIMD2(0.0902344440, 0.9000884008), SIMD2(0.4877863322, 0.2388358006)], 0.9174605059),
    ]

    @Test("OPT-1: SGD, momentum, RMSprop and Adam from (0, 1) with the notebook's rates reproduce every printed digit of steps 1, 2, 100")
    func indexedSteps() {
        for (method, points, distance) in Self.table {
            let path = Rosenbrock.trajectory(method, steps: 100)
            // Ten significant digits printed: agreement to 5e-10 relative (at least 1e-10 absolute).
            for (step, expected) in zip([1, 2, 100], points) {
                for i in 0..<2 {
                    #expect(isApproximatelyEqual(path[step][i], expected[i], relativeTolerance: 5e-10, absoluteTolerance: 1e-10),
                            "\(method) step \(step): \(path[step])")
                }
            }
            #expect(isApproximatelyEqual(Rosenbrock.distancesToMinimum(path)[100], distance, relativeTolerance: 5e-10), "\(method)")
        }
    }

    @Test("The Float optimisers on a Parameter follow the Double trajectory of the same rule for 100 steps")
    func floatOptimisersAgree() {
        func run(_ optimiser: inout some Optimiser) -> [Float] {
            let point = Parameter("(x, y)", value: Tensor([[0, 1]]))
            for _ in 0..<100 {
                let g = Rosenbrock.gradient(SIMD2(Double(point.value.scalars[0]), Double(point.value.scalars[1])))
                point.gradient = Tensor([[Float(g.x), Float(g.y)]])
                optimiser.update([point])
            }
            return point.value.scalars
        }
        var (sgd, momentum, rmsprop, adam) = (SGD(learningRate: 0.001), SGD(learningRate: 0.001, momentum: 0.2),
                                              RMSprop(learningRate: 0.01), Adam(learningRate: 0.05))
        let floats = [run(&sgd), run(&momentum), run(&rmsprop), run(&adam)]
        for (index, (method, points, _)) in Self.table.enumerated() {
            // Float against Double over 100 steps of a steep valley: agreement to 1e-4.
            #expect(isApproximatelyEqual(floats[index].map(Double.init), [points[2].x, points[2].y], relativeTolerance: 1e-4),
                    "\(method): \(floats[index])")
        }
    }

    @Test("Each optimiser reaches (1, 1): distance below the stated tolerance over the last 1000 of its steps from (0, 1)")
    func convergence() {
        // (method, steps, tolerance). With a constant step, RMSprop ends on a cycle whose size scales with
        // alpha (0.0358 for alpha 0.01, 6.8e-4 for 0.001); Adam at alpha 0.05 keeps overshooting (up to
        // 0.018) and settles at alpha 0.01; diffGrad's friction damps that (6e-5 at alpha 0.02). SGD and
        // momentum converge, slowly, as Fig. 1.5.2 shows; gamma = 0.9 is much faster than the notebook's 0.2.
        let cases: [(Rosenbrock.Method, Int, Double)] = [
            (.sgd(learningRate: 0.001), 20_000, 1e-3),
            (.momentum(learningRate: 0.001, momentum: 0.2), 20_000, 1e-4),
            (.momentum(learningRate: 0.001, momentum: 0.9), 5_000, 1e-6),
            (.rmsprop(learningRate: 0.01), 20_000, 0.04),
            (.rmsprop(learningRate: 0.001), 20_000, 1e-3),
            (.adam(learningRate: 0.05), 20_000, 0.02),
            (.adam(learningRate: 0.01), 20_000, 5e-3),
            (.diffGrad(learningRate: 0.02), 20_000, 1e-4),
        ]
        for (method, steps, tolerance) in cases {
            let distances = Rosenbrock.distancesToMinimum(Rosenbrock.trajectory(method, steps: steps))
            let worst = distances.suffix(1000).max()!
            #expect(worst < tolerance, "\(method): largest distance over the last 1000 of \(steps) steps is \(worst)")
        }
    }
}
