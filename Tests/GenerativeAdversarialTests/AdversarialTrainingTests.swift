// Training the game: G's gradient through a frozen D and D's gradient of -V against central differences
// in Double; each player's step leaves the other bit-identical (D frozen with the platform's
// `freeze(parameters:statistics:)`); the saturation experiment; short seeded trainings with floors.

import Foundation
import Testing
import Core
import NeuralNetworks
@testable import GenerativeAdversarial

@Suite("Algorithm 1: k steps of D ascending V, one step of G through a frozen D")
struct AdversarialTrainingTests {
    @Test("G's gradient through D under both losses matches central differences of the loss in G's parameters, in Double (seed 21)")
    func generatorGradientThroughDiscriminator() {
        var random = Xoshiro256StarStar(seed: 21)
        let (g, d) = smallNetworks(&random)
        let gan = AdversarialNetworks(generator: g, discriminator: d, noiseDimension: 2, sampleDimension: 2)
        let noise = random.uniformTensor(shape: [6, 2], -1, 1)
        let dValues = flatValues(d)
        for loss in GeneratorLoss.allCases {
            let analytic = gan.generatorGradient(noise: noise, loss: loss).map(Double.init)
            let error = GradientCheck.error(analytic: analytic, at: flatValues(g)) { theta in
                let samples = doubleNetwork(g, noise.doubles, rows: 6, parameters: theta)
                let logits = doubleNetwork(d, samples, rows: 6, parameters: dValues)
                let terms = logits.map { loss == .saturating ? -doubleSoftplus($0) : doubleSoftplus(-$0) }
                return terms.reduce(0, +) / 6
            }
            #expect(error < gradientTolerance, "\(loss): error \(error)")
        }
    }

    @Test("D's gradient of -V on a stacked batch (4 real, 3 generated) matches central differences in D's parameters, in Double (seed 22)")
    func discriminatorGradient() {
        var random = Xoshiro256StarStar(seed: 22)
        let (_, d) = smallNetworks(&random)
        let batch = random.normalTensor(shape: [7, 2]), labels = Tensor(column: [1, 1, 0, 1, 0, 0, 1])
        let output = d.forward(batch, training: true)
        d.backward(loss: DiscriminatorLoss(), output: output, target: labels)
        let error = GradientCheck.error(analytic: flatGradients(d), at: flatValues(d)) { theta in
            let logits = doubleNetwork(d, batch.doubles, rows: 7, parameters: theta)
            var (real, fake) = (0.0, 0.0)
            for (s, label) in zip(logits, labels.scalars) {
                if label == 1 { real += -doubleSoftplus(-s) } else { fake += -doubleSoftplus(s) }
            }
            return -(real / 4 + fake / 3)          // -V
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("G's step leaves every parameter of D bit-identical and D thawed afterwards; D's step leaves G bit-identical (seed 23)")
    func eachStepMovesOnlyItsPlayer() {
        var random = Xoshiro256StarStar(seed: 23)
        let (g, d) = smallNetworks(&random)
        let gan = AdversarialNetworks(generator: g, discriminator: d, noiseDimension: 2, sampleDimension: 2,
                                      settings: AdversarialSettings(discriminatorSteps: 3, batchSize: 16))
        let ring = GaussianMixture.ring()
        for round in 0..<3 {
            let (gBefore, dBefore) = (g.snapshot(), d.snapshot())
            gan.discriminatorStep(real: ring.sample(16, generator: &random), noise: random.uniformTensor(shape: [16, 2], -1, 1))
            #expect(g.snapshot() == gBefore, "round \(round): D's step leaves G alone")
            #expect(d.snapshot() != dBefore, "round \(round): D's step moves D")
            let dAfter = d.snapshot()
            gan.generatorStep(noise: random.uniformTensor(shape: [16, 2], -1, 1))
            #expect(d.snapshot() == dAfter, "round \(round): G's step leaves D bit-identical")
            #expect(g.snapshot() != gBefore, "round \(round): G's step moves G")
            #expect(d.parameters.allSatisfy { !$0.isFrozen }, "round \(round): D is thawed after G's step")
        }
    }

    @Test("k = 3: one training step is three D steps on fresh draws, then one G step: a replay by hand gives the same weights bit for bit (seeds 24-26)")
    func kDiscriminatorSteps() throws {
        var random = Xoshiro256StarStar(seed: 24)
        let (g, d) = smallNetworks(&random)
        let gan = AdversarialNetworks(generator: g, discriminator: d, noiseDimension: 2, sampleDimension: 2,
                                      settings: AdversarialSettings(discriminatorSteps: 3, batchSize: 8))
        // The same networks stepped by hand: three D steps, one G step, with the same draws.
        var replay = Xoshiro256StarStar(seed: 25)
        let (g2, d2) = smallNetworks(&replay)
        g2.restore(g.snapshot())
        d2.restore(d.snapshot())
        let byHand = AdversarialNetworks(generator: g2, discriminator: d2, noiseDimension: 2, sampleDimension: 2,
                                         settings: AdversarialSettings(discriminatorSteps: 3, batchSize: 8))
        var (first, second) = (Xoshiro256StarStar(seed: 26), Xoshiro256StarStar(seed: 26))
        let ring = GaussianMixture.ring()
        try gan.trainingStep(data: ring, generator: &first)
        for _ in 0..<3 {
            let real = ring.sample(8, generator: &second)
            byHand.discriminatorStep(real: real, noise: NoisePrior.uniform.sample(8, dimension: 2, generator: &second))
        }
        byHand.generatorStep(noise: NoisePrior.uniform.sample(8, dimension: 2, generator: &second))
        #expect(g.snapshot() == g2.snapshot() && d.snapshot() == d2.snapshot())
    }

    @Test("Saturation: after D alone learns to reject a fixed untrained G (1000 steps), the saturating loss gives G under 5 % of the non-saturating gradient (seeds 27, 1, 2)")
    func saturatingGradientVanishes() {
        for seed: UInt64 in [27, 1, 2] {
            let measured = AdversarialNetworks.saturationExperiment(seed: seed)
            #expect(measured.meanDiscriminatorOutput < 0.01, "seed \(seed): D rejects G's samples: mean D(G(z)) = \(measured.meanDiscriminatorOutput)")
            #expect(measured.ratio < 0.05, "seed \(seed): saturating / non-saturating gradient norm \(measured.ratio)")
        }
        // Before D has learnt anything, the two losses push G alike (D near 1/2, ratio near 1).
        let untrained = AdversarialNetworks.saturationExperiment(seed: 27, steps: 0)
        #expect(untrained.ratio > 0.5, "untrained D: ratio \(untrained.ratio)")
    }

    @Test("The ring, non-saturating GAN, noise dimension 2, 32 units, 1,200 steps (seed 1): at least 7 of 8 modes captured, V near -log 4, far above the untrained G")
    func shortRingTraining() throws {
        let settings = MixtureSettings(steps: 1200, hidden: 32, batchSize: 128, learningRate: 0.002)
        let run = try trainOnMixture(.nonSaturating, target: GaussianMixture.ring(), settings: settings, seed: 1, snapshotSteps: [0])
        let before = ModeCoverage(samples: run.snapshots[0].samples, target: GaussianMixture.ring())
        #expect(before.modesCaptured <= 1, "the untrained G: \(before.modesCaptured) modes")
        #expect(run.coverage.modesCaptured >= 7, "\(run.coverage.modesCaptured) modes, \(run.coverage.highQualityPercent) % high quality")
        let lateValue = run.values.suffix(100).reduce(0, +) / 100
        #expect(abs(Double(lateValue) - AdversarialValue.atHalf) < 0.3, "mean V over the last 100 steps \(lateValue)")
    }
}
