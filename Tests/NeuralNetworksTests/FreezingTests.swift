// Tests of freezing (issue 11, point 3): frozen parameters are left alone by every optimiser, by
// penalties and by clipping, with their optimiser state kept; frozen statistics are left alone by
// batch normalisation; and a GAN's generator step through a frozen discriminator with batch
// normalisation leaves every parameter and statistic of the discriminator bit-identical.

import Testing
import Core
import NeuralNetworks

@Suite("Freezing parameters and statistics")
struct FreezingTests {
    /// Runs `steps` updates of `optimiser` on (frozen, free), with fixed gradients, and returns both.
    static func run<O: Optimiser>(_ optimiser: O, steps: Int, freezing: Bool) -> (frozen: Parameter, free: Parameter, optimiser: O) {
        var optimiser = optimiser
        let frozen = Parameter("frozen", value: Tensor([[1, -2, 3, 0.5, 1, 2, 3, 4, 5]]))
        let free = Parameter("free", value: Tensor([[0.5, 1.5, -1, 2, 3, 4, 5, 6, 7, 8, 9]]))
        frozen.isFrozen = freezing
        for step in 0..<steps {
            frozen.gradient = Tensor(shape: frozen.value.shape, repeating: 0.3 + Float(step))
            free.gradient = Tensor(shape: free.value.shape, repeating: -0.7 + Float(step))
            optimiser.update([frozen, free])
        }
        return (frozen, free, optimiser)
    }

    @Test("SGD, momentum, RMSprop, Adam and diffGrad leave a frozen parameter bit-identical and move the others as if it were not there")
    func optimisersSkipFrozen() {
        let optimisers: [any Optimiser] = [SGD(learningRate: 0.1), SGD(learningRate: 0.1, momentum: 0.9), RMSprop(learningRate: 0.01),
                                           Adam(learningRate: 0.01), DiffGrad(learningRate: 0.01)]
        for optimiser in optimisers {
            let before = Self.run(optimiser, steps: 0, freezing: true)
            let frozenRun = Self.run(optimiser, steps: 3, freezing: true)
            #expect(frozenRun.frozen.value == before.frozen.value, "\(type(of: optimiser))")
            // The free parameter alone, with its own optimiser: the same values, bit for bit.
            var alone = optimiser
            let free = Parameter("free", value: before.free.value)
            for step in 0..<3 {
                free.gradient = Tensor(shape: free.value.shape, repeating: -0.7 + Float(step))
                alone.update([free])
            }
            #expect(frozenRun.free.value == free.value, "\(type(of: optimiser))")
            #expect(frozenRun.free.value != before.free.value, "\(type(of: optimiser))")
        }
    }

    @Test("A thawed parameter resumes from untouched optimiser state: with momentum its first step is -alpha g, as from zero velocity")
    func stateKeptWhileFrozen() {
        let (frozen, free, optimiser) = Self.run(SGD(learningRate: 0.1, momentum: 0.9), steps: 3, freezing: true)
        var sgd = optimiser
        frozen.isFrozen = false
        let start = frozen.value
        frozen.gradient = Tensor(shape: start.shape, repeating: 2)
        free.gradient = Tensor(shape: free.value.shape, repeating: 0)
        sgd.update([frozen, free])
        #expect(isApproximatelyEqual(frozen.value.scalars, (start - 0.2 * Tensor(shape: start.shape, repeating: 1)).scalars))
    }

    @Test("Penalties and gradient clipping skip frozen parameters")
    func penaltiesAndClippingSkipFrozen() {
        let frozen = Parameter("W1", value: Tensor([[3, 4]]), isPenalised: true)
        let free = Parameter("W2", value: Tensor([[1, -2]]), isPenalised: true)
        frozen.isFrozen = true
        #expect(Penalty.l2(0.1).value([frozen, free]) == Penalty.l2(0.1).value([free]))
        (frozen.gradient, free.gradient) = (Tensor([[30, 40]]), Tensor([[3, 4]]))
        Penalty.l1(0.5).addGradient(to: [frozen, free])
        #expect(frozen.gradient.scalars == [30, 40] && free.gradient.scalars == [3.5, 3.5])
        free.gradient = Tensor([[3, 4]])
        #expect(clipGradientNorm([frozen, free], maximumNorm: 1) == 5)
        #expect(frozen.gradient.scalars == [30, 40] && isApproximatelyEqual(free.gradient.scalars, [0.6, 0.8]))
    }

    @Test("Batch normalisation with frozen statistics: a training batch is still normalised by its own mean and variance, the running ones stay; gamma and beta still learn (seed 81)")
    func frozenStatistics() {
        var generator = Xoshiro256StarStar(seed: 81)
        let x = generator.normalTensor(shape: [6, 3], mean: 2, standardDeviation: 3)
        let (free, frozen) = (BatchNormalisation(features: 3), BatchNormalisation(features: 3))
        frozen.freeze(parameters: false, statistics: true)
        #expect(frozen.freezesStatistics && !frozen.scale.isFrozen)
        let (mean, variance) = (frozen.runningMean.value, frozen.runningVariance.value)
        #expect(frozen.forward(x, training: true) == free.forward(x, training: true))
        #expect(frozen.runningMean.value == mean && frozen.runningVariance.value == variance)
        #expect(free.runningMean.value != mean && free.runningVariance.value != variance)
        var sgd = SGD(learningRate: 0.1)
        _ = frozen.backward(generator.normalTensor(shape: x.shape))
        let gamma = frozen.scale.value
        sgd.update(frozen.parameters)
        #expect(frozen.scale.value != gamma)
        // The other way round: parameters frozen, statistics free.
        frozen.freeze(parameters: true, statistics: false)
        let (frozenGamma, frozenBeta) = (frozen.scale.value, frozen.shift.value)
        _ = frozen.forward(x, training: true)
        _ = frozen.backward(generator.normalTensor(shape: x.shape))
        sgd.update(frozen.parameters)
        #expect(frozen.scale.value == frozenGamma && frozen.shift.value == frozenBeta)
        #expect(frozen.runningMean.value != mean)
        frozen.freeze(parameters: false, statistics: false)
        #expect(frozen.parameters.allSatisfy { !$0.isFrozen })
    }

    /// A generator G: noise [N, 4] -> samples [N, 6].
    static func generatorNetwork(_ generator: inout Xoshiro256StarStar) -> Network {
        Network([
            Dense(inputs: 4, outputs: 8, activation: .relu, generator: &generator),
            Dense(inputs: 8, outputs: 6, activation: .linear, generator: &generator),
        ])
    }

    /// A discriminator D with batch normalisation and dropout: samples [N, 6] -> P(real) [N, 1].
    static func discriminatorNetwork(_ generator: inout Xoshiro256StarStar) -> Network {
        Network([
            Dense(inputs: 6, outputs: 8, activation: .linear, generator: &generator),
            BatchNormalisation(features: 8),
            ActivationLayer(.leakyReLU(slope: 0.2)),
            Dropout(rate: 0.25, generator: &generator),
            Dense(inputs: 8, outputs: 1, activation: .sigmoid, generator: &generator),
        ])
    }

    @Test("GAN: a generator step through a frozen discriminator with batch norm leaves every D parameter and statistic bit-identical, and moves G (seed 82)")
    func generatorStepThroughFrozenDiscriminator() {
        var generator = Xoshiro256StarStar(seed: 82)
        let (g, d) = (Self.generatorNetwork(&generator), Self.discriminatorNetwork(&generator))
        let gan = Network([g, d])
        var (generatorAdam, discriminatorAdam) = (Adam(learningRate: 0.01), Adam(learningRate: 0.01))
        let batch = 8
        let (ones, zeros) = (Tensor(shape: [batch, 1], repeating: 1), Tensor(shape: [batch, 1]))
        for round in 0..<5 {
            // D's step: real samples (around 3) against generated ones, everything of D free.
            d.freeze(parameters: false, statistics: false)
            let real = generator.normalTensor(shape: [batch, 6], mean: 3)
            let fake = g.forward(generator.normalTensor(shape: [batch, 4]), training: false)
            let dBefore = d.snapshot()
            d.trainingStep(real, ones, loss: .binaryCrossEntropy, optimiser: &discriminatorAdam)
            d.trainingStep(fake, zeros, loss: .binaryCrossEntropy, optimiser: &discriminatorAdam)
            #expect(d.snapshot() != dBefore, "round \(round): D's own step moves D")
            // G's step: through D, frozen (parameters and running statistics).
            d.freeze()
            let (dFrozen, gBefore) = (d.snapshot(), g.snapshot())
            gan.trainingStep(generator.normalTensor(shape: [batch, 4]), ones, loss: .binaryCrossEntropy, optimiser: &generatorAdam)
            #expect(d.snapshot() == dFrozen, "round \(round): every D parameter and statistic bit-identical")
            #expect(zip(g.snapshot(), gBefore).allSatisfy { $0 != $1 }, "round \(round): every G parameter moves")
        }
    }
}
