// scratch experiment (to be replaced by the chapter)
import Core
import Foundation
import NeuralNetworks
import GenerativeAdversarial

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

func experiment() throws {
    let args = CommandLine.arguments
    let steps = Int(args.count > 1 ? args[1] : "5000")!
    let hidden = Int(args.count > 2 ? args[2] : "128")!
    let lr = Float(args.count > 3 ? args[3] : "0.001")!
    let k = Int(args.count > 4 ? args[4] : "1")!
    let lossName = args.count > 5 ? args[5] : "ns"
    let target = (args.count > 6 ? args[6] : "ring") == "ring" ? GaussianMixture.ring() : GaussianMixture.grid()
    let seeds = Int(args.count > 7 ? args[7] : "5")!
    let prior: NoisePrior = (args.count > 8 ? args[8] : "u") == "u" ? .uniform : .normal
    let layers = Int(args.count > 9 ? args[9] : "2")!
    let cosine = (args.count > 10 ? args[10] : "none") == "cos"
    for seed in 1...UInt64(seeds) {
        var random = Xoshiro256StarStar(seed: seed)
        let settings = AdversarialSettings(generatorLoss: lossName == "ns" ? .nonSaturating : .saturating, discriminatorSteps: k, batchSize: 256, prior: prior, schedule: cosine ? CosineAnnealingSchedule(maximum: lr, minimum: lr / 100, period: steps) : nil)
        let gan = AdversarialNetworks.multilayer(noiseDimension: 2, sampleDimension: 2, hidden: hidden, layers: layers, settings: settings, learningRate: lr, generator: &random)
        let start = now()
        var line = "seed \(seed):"
        for step in 1...steps {
            let r = try gan.trainingStep(data: target, generator: &random)
            if step % (steps / 5) == 0 {
                var eval = Xoshiro256StarStar(seed: 999)
                let c = ModeCoverage(samples: gan.sample(2500, generator: &eval), target: target)
                line += " [\(step): \(c.modesCaptured)/\(c.modesHolding()) \(formatted(c.highQualityPercent, digits: 1))% V=\(formatted(r.value, digits: 2))]"
            }
        }
        line += " \(formatted((now() - start) / Double(steps) * 1000, digits: 2)) ms/step"
        print(line)
    }
}
try experiment()
