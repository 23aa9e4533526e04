// The ring and the grid (Srivastava et al. 2017, VEEGAN Sec. 5.1): each method trained with --runs seeds,
// its modes counted on 2,500 samples; the first seed's samples drawn through training (mode collapse as
// it happens), D(x) as a map over the plane, and both players' losses.

import Core
import Foundation
import GenerativeAdversarial
import NeuralNetworks

/// A method's numbers averaged over the seeds.
struct MixtureSummary {
    var modes = 0.0
    var modesOnePercent = 0.0
    var highQuality = 0.0
    var seedsWithAllModes = 0
}

func mixtureSection(name: String, target: GaussianMixture, options: ChapterOptions) throws -> [GenerativeMethod: MixtureSummary] {
    let settings = MixtureSettings(steps: options.epochs, learningRate: options.learningRate)
    let runs = options.runs ?? 5
    let number = name == "ring" ? 4 : 5
    print("\(number). The \(name): \(target.modes.count) Gaussians, standard deviation \(target.standardDeviation). G 2-\(settings.hidden)-\(settings.hidden)-2 (ReLU) from"
          + " z ~ U(-1, 1)^\(settings.noiseDimension),")
    print("   D 2-\(settings.hidden)-\(settings.hidden)-1 (leaky ReLU), k = 1, batch \(settings.batchSize), \(settings.steps) steps of Adam (beta1 = 0.5) from"
          + " alpha = \(settings.learningRate), cosine-annealed.")
    print("   The MMD generator uses the same G and Gaussian kernels of sigma \(settings.bandwidths). 2,500 samples each; a sample is of high")
    print("   quality within 3 sigma of its nearest mode, a mode captured when it has one (VEEGAN); '>= 1 %' asks 25 samples of a mode.")
    var summaries: [GenerativeMethod: MixtureSummary] = [:]
    for method in GenerativeMethod.allCases {
        var summary = MixtureSummary()
        for run in 0..<runs {
            let seed = options.seed + UInt64(run)
            let snapshots = run == 0 && method == .nonSaturating ? snapshotSteps(settings.steps) : []
            var progress = ProgressLine(total: settings.steps, label: "   \(method.rawValue), seed \(seed), step")
            let result = try trainOnMixture(method, target: target, settings: settings, seed: seed, snapshotSteps: snapshots) { step in
                progress.update(step)
            }
            progress.finish()
            let coverage = result.coverage
            print("   \(method.rawValue), seed \(seed): \(coverage.modesCaptured) of \(target.modes.count) modes captured,"
                  + " \(coverage.modesHolding()) hold >= 1 %, \(formatted(coverage.highQualityPercent, digits: 1)) % high quality")
            summary.modes += Double(coverage.modesCaptured) / Double(runs)
            summary.modesOnePercent += Double(coverage.modesHolding()) / Double(runs)
            summary.highQuality += coverage.highQualityPercent / Double(runs)
            if coverage.modesCaptured == target.modes.count { summary.seedsWithAllModes += 1 }
            if run == 0 { try drawRun(result, name: name, target: target, options: options) }
        }
        print("   => \(method.rawValue): \(formatted(summary.modes, digits: 1)) modes captured (\(summary.seedsWithAllModes) of \(runs) seeds all),"
              + " \(formatted(summary.modesOnePercent, digits: 1)) holding >= 1 %, \(formatted(summary.highQuality, digits: 1)) % high quality\n")
        summaries[method] = summary
    }
    return summaries
}

/// Where the first seed's samples are drawn: before training, after 2 %, 5 %, 10 %, 30 % and at the end.
func snapshotSteps(_ steps: Int) -> [Int] {
    Array(Set([0, steps / 50, steps / 20, steps / 10, steps * 3 / 10, steps])).sorted()
}

/// The figures of a method's first seed: samples through training (or at the end), D's map, the losses.
func drawRun(_ run: MixtureRun, name: String, target: GaussianMixture, options: ChapterOptions) throws {
    let tag = ["non-saturating GAN": "nonsaturating", "saturating GAN": "saturating", "MMD generator (GMN)": "mmd"][run.method.rawValue]!
    var paths: [String] = []
    var counts: [String] = []
    let pictures = run.snapshots.isEmpty ? [(step: run.values.count, samples: run.samples)] : run.snapshots
    for (step, samples) in pictures {
        let coverage = ModeCoverage(samples: samples, target: target)
        counts.append("step \(step): \(coverage.modesCaptured) (\(coverage.modesHolding()) >= 1 %)")
        var plot = ScatterPlot(title: "\(name), \(tag), step \(step): \(coverage.modesCaptured) modes,"
                                      + " \(formatted(coverage.highQualityPercent, digits: 1)) % HQ",
                               xLabel: "x1", yLabel: "x2", classNames: ["generated", "mode centres"])
        plot.add(points: (0..<samples.rows).map { samples.row($0) }, labels: [Int](repeating: 0, count: samples.rows))
        plot.add(points: target.modes, labels: [Int](repeating: 1, count: target.modes.count))
        let path = try options.figurePath("\(name)-\(tag)-step-\(step).svg")
        try plot.write(to: path)
        paths.append(path)
    }
    if let gan = run.adversarial, run.method == .nonSaturating {
        let extent = Double(target.modes.flatMap { $0 }.map(abs).max()!) + 1
        var map = ValueMap(title: "\(name): D(x) after training (\(run.method.rawValue))", xLabel: "x1", yLabel: "x2",
                           xRange: -extent...extent, yRange: -extent...extent, resolution: 80, valueRange: 0...1,
                           colourBarLabel: "D(x) = P(real)") { x1, x2 in
            Double(gan.discriminatorProbabilities(Tensor([[Float(x1), Float(x2)]])).scalars[0])
        }
        map.classNames = ["generated"]
        map.add(points: (0..<500).map { run.samples.row($0) }, labels: [Int](repeating: 0, count: 500))
        let mapPath = try options.figurePath("\(name)-discriminator.svg")
        try map.write(to: mapPath)
        var losses = LinePlot(title: "\(name): the players' losses (means over 50 steps)", xLabel: "step", yLabel: "loss")
        losses.add(x: windowCentres(run.values.count), y: windowMeans(run.values.map { -$0 }), name: "D: -V")
        losses.add(x: windowCentres(run.values.count), y: windowMeans(run.generatorLosses), name: "G: -log D(G(z))")
        losses.add(x: [1, Double(run.values.count)], y: [Foundation.log(4.0), Foundation.log(4.0)], name: "log 4: -V at D = 1/2")
        losses.add(x: [1, Double(run.values.count)], y: [Foundation.log(2.0), Foundation.log(2.0)], name: "log 2: G's loss at D = 1/2")
        let lossPath = try options.figurePath("\(name)-losses.svg")
        try losses.write(to: lossPath)
        paths += [mapPath, lossPath]
    }
    if pictures.count > 1 { print("   modes captured through training: " + counts.joined(separator: ", ")) }
    print("   wrote " + paths.joined(separator: "\n   wrote "))
}

/// Means of consecutive windows of 50 values (the last window may be shorter).
func windowMeans(_ values: [Float]) -> [Double] {
    stride(from: 0, to: values.count, by: 50).map { start in
        let window = values[start..<min(start + 50, values.count)]
        return Double(window.reduce(0, +)) / Double(window.count)
    }
}

/// The middle step of each window of `windowMeans`.
func windowCentres(_ count: Int) -> [Double] {
    stride(from: 0, to: count, by: 50).map { Double($0 + min($0 + 50, count)) / 2 }
}
