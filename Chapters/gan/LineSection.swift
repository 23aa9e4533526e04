// A GAN learning a 1-D Gaussian, N(1, 0.5^2), from uniform noise: the generator's density against the
// target's at several steps, and D(x) at the end (Goodfellow et al. 2014, Fig. 1: D tends to 1/2 where
// p_g = p_data).

import Core
import Foundation
import GenerativeAdversarial
import NeuralNetworks

struct LineResults {
    var mean = 0.0
    var standardDeviation = 0.0
}

func lineSection(options: ChapterOptions) throws -> LineResults {
    let target = GaussianMixture.line(mean: 1, standardDeviation: 0.5)
    let steps = max(options.epochs * 3 / 5, 10)
    let rate = 2 * options.learningRate
    print("3. A GAN on the line: data N(1, 0.5^2), z ~ U(-1, 1), G 1-32-32-1 (ReLU), D 1-32-32-1 (leaky ReLU), k = 1, batch 256,")
    print("   non-saturating loss, \(steps) steps of Adam (beta1 = 0.5) from alpha = \(rate), cosine-annealed.")
    var random = Xoshiro256StarStar(seed: options.seed)
    let schedule = CosineAnnealingSchedule(maximum: rate, minimum: rate / 100, period: steps)
    let gan = AdversarialNetworks.multilayer(noiseDimension: 1, sampleDimension: 1, hidden: 32,
                                             settings: AdversarialSettings(schedule: schedule), learningRate: rate, generator: &random)
    let snapshotSteps = Set([0, steps / 10, steps * 2 / 5, steps])
    var evaluation = Xoshiro256StarStar(seed: options.seed &+ 7)
    var plot = LinePlot(title: "GAN on N(1, 0.5^2): the generator's density through training", xLabel: "x", yLabel: "density  /  D(x)")
    let grid = (0..<121).map { -2 + Double($0) * 0.05 }
    plot.add(x: grid, y: grid.map { target.density(at: [$0]) }, name: "p_data")
    var progress = ProgressLine(total: steps, label: "   step")
    var results = LineResults()
    for step in 0...steps {
        if step > 0 {
            let report = try gan.trainingStep(data: target, generator: &random)
            progress.update(step, message: "V \(formatted(report.value, digits: 3))")
        }
        guard snapshotSteps.contains(step) else { continue }
        let samples = gan.sample(5000, generator: &evaluation).scalars.map(Double.init)
        let mean = samples.reduce(0, +) / 5000
        let deviation = (samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 5000).squareRoot()
        (results.mean, results.standardDeviation) = (mean, deviation)
        plot.add(x: grid, y: histogramDensity(samples, at: grid, width: 0.1), name: "p_g, step \(step)")
        if step == steps { progress.finish() }
        print("   step \(step): generated mean \(formatted(mean, digits: 3)), standard deviation \(formatted(deviation, digits: 3)) (target 1, 0.5)")
    }
    let d = gan.discriminatorProbabilities(Tensor(column: grid.map(Float.init))).scalars.map(Double.init)
    plot.add(x: grid, y: d, name: "D(x), end")
    let path = try options.figurePath("line-density.svg")
    try plot.write(to: path)
    print("   D(x) at the end ranges over \(formatted(d.min()!, digits: 2))...\(formatted(d.max()!, digits: 2)) (1/2 would mean D can tell nothing)")
    print("   wrote \(path)\n")
    return results
}

/// The density of `samples` at each point of `grid`: the share within +-width/2, divided by width.
func histogramDensity(_ samples: [Double], at grid: [Double], width: Double) -> [Double] {
    grid.map { x in Double(samples.filter { abs($0 - x) < width / 2 }.count) / (Double(samples.count) * width) }
}
