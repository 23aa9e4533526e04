// The published experiment of the chapter: Aharon, Elad & Bruckstein, IEEE Trans. Signal Processing
// 54(11), 2006, Sec. V.A -- can K-SVD (and MOD) find the dictionary that generated the signals?

import Core
import SparseCoding

/// Mean recovered percentage after the last iteration, per update rule, at 10, 20, 30 dB and without noise.
func recoverySection(options: ChapterOptions, runs: Int) throws -> [DictionaryUpdateRule: [Double]] {
    let levels: [Double?] = [10, 20, 30, nil]
    let rules = DictionaryUpdateRule.allCases
    let seeds = (0..<runs).map { options.seed &+ UInt64($0) }
    print("7. Aharon, Elad & Bruckstein (2006), Sec. V.A: a random 20 x 50 dictionary (unit-norm columns), 1,500 signals of"
          + " 3 atoms with N(0, 1) coefficients, white noise at 10, 20, 30 dB and none; \(options.epochs) iterations of OMP (k = 3)"
          + " and K-SVD or MOD from 50 training signals; an atom is recovered when 1 - |d_i . d~_i| < 0.01 for its closest learnt atom."
          + " Atoms used by 3 signals or fewer, or with |d_i . d_j| > 0.99, are replaced by the worst-represented signal after each"
          + " iteration (the authors' toolbox). \(runs) seeded runs each (seeds \(seeds.first!)...\(seeds.last!)), on two threads.")
    var progress = ProgressLine(total: levels.count * rules.count, label: "setting")
    var finals: [DictionaryUpdateRule: [Double]] = [:]
    var ranges: [DictionaryUpdateRule: [(Double, Double)]] = [:]
    var plot = LinePlot(title: "Recovered atoms against iteration (mean of \(runs) runs)", xLabel: "iteration",
                        yLabel: "recovered atoms (%)")
    for (levelIndex, level) in levels.enumerated() {
        var experiment = RecoveryExperiment(signalToNoiseRatio: level)
        experiment.iterations = options.epochs
        for (ruleIndex, rule) in rules.enumerated() {
            let curves = recoveryCurves(experiment, update: rule, seeds: seeds, threads: 2)
            let mean = (0..<options.epochs).map { i in 100 * curves.reduce(0) { $0 + $1[i] } / Double(runs) }
            let lasts = curves.map { 100 * $0.last! }
            finals[rule, default: []].append(mean.last!)
            ranges[rule, default: []].append((lasts.min()!, lasts.max()!))
            plot.add(x: (1...options.epochs).map(Double.init), y: mean, name: "\(rule.rawValue), \(levelName(level))")
            progress.update(levelIndex * rules.count + ruleIndex + 1, message: "\(rule.rawValue) at \(levelName(level))")
        }
    }
    progress.finish()
    print("   recovered atoms after \(options.epochs) iterations, mean of \(runs) runs (lowest-highest run):")
    print("   noise      " + rules.map { pad($0.rawValue, 22) }.joined())
    for (index, level) in levels.enumerated() {
        let cells = rules.map { rule -> String in
            let (low, high) = ranges[rule]![index]
            return pad("\(formatted(finals[rule]![index], digits: 1)) % (\(formatted(low, digits: 0))-\(formatted(high, digits: 0)))", 22)
        }
        print("   " + pad(levelName(level), 11) + cells.joined())
    }
    print("   (the paper's Fig. 3 reports K-SVD ahead of MOD at every noise level; see Sources/SparseCoding/README.md)")
    let path = try options.figurePath("recovery-ksvd-mod.svg")
    try plot.write(to: path)
    print("   wrote \(path)")
    return finals
}

func levelName(_ level: Double?) -> String { level.map { "\(Int($0)) dB" } ?? "no noise" }

func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(1, width - text.count)) }
