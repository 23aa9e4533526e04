// The published experiment of the chapter: Aharon, Elad & Bruckstein, IEEE Trans. Signal Processing
// 54(11), 2006, Sec. V.A -- can K-SVD (and MOD) find the dictionary that generated the signals?

import Core
import SparseCoding

/// One way of learning the dictionary in the comparison.
struct LearningVariant {
    let name: String
    let key: String
    let update: DictionaryUpdateRule
    let replacesAtoms: Bool
}

/// K-SVD and MOD as the authors released them, and MOD given K-SVD's atom replacement as well.
let variants = [
    LearningVariant(name: "K-SVD", key: "ksvd", update: .kSVD, replacesAtoms: true),
    LearningVariant(name: "MOD", key: "mod", update: .methodOfOptimalDirections, replacesAtoms: false),
    LearningVariant(name: "MOD + replacement", key: "mod_with_replacement", update: .methodOfOptimalDirections, replacesAtoms: true),
]

/// Mean recovered percentage after the last iteration, per variant key, at 10, 20, 30 dB and without noise.
func recoverySection(options: ChapterOptions, runs: Int) throws -> [String: [Double]] {
    let levels: [Double?] = [10, 20, 30, nil]
    let seeds = (0..<runs).map { options.seed &+ UInt64($0) }
    print("7. Aharon, Elad & Bruckstein (2006), Sec. V.A: a random 20 x 50 dictionary (unit-norm columns), 1,500 signals of"
          + " 3 atoms with N(0, 1) coefficients, white noise at 10, 20, 30 dB and none; \(options.epochs) iterations of OMP (k = 3)"
          + " and K-SVD or MOD from 50 training signals; an atom is recovered when 1 - |d_i . d~_i| < 0.01 for its closest learnt atom.")
    print("   As in the authors' toolbox, K-SVD replaces atoms used by 3 signals or fewer, or with |d_i . d_j| > 0.99, by the"
          + " worst-represented signal after each iteration; their MOD does not (it only redraws atoms that come out zero)."
          + " \"MOD + replacement\" gives MOD K-SVD's rule too. \(runs) seeded runs each (seeds \(seeds.first!)...\(seeds.last!)), on two threads.")
    var progress = ProgressLine(total: levels.count * variants.count, label: "setting")
    var finals: [String: [Double]] = [:]
    var ranges: [String: [(Double, Double)]] = [:]
    var plot = LinePlot(title: "Recovered atoms against iteration (mean of \(runs) runs)", xLabel: "iteration",
                        yLabel: "recovered atoms (%)")
    for (levelIndex, level) in levels.enumerated() {
        var experiment = RecoveryExperiment(signalToNoiseRatio: level)
        experiment.iterations = options.epochs
        for (variantIndex, variant) in variants.enumerated() {
            let curves = recoveryCurves(experiment, update: variant.update, replacesAtoms: variant.replacesAtoms, seeds: seeds, threads: 2)
            let mean = (0..<options.epochs).map { i in 100 * curves.reduce(0) { $0 + $1[i] } / Double(runs) }
            let lasts = curves.map { 100 * $0.last! }
            finals[variant.key, default: []].append(mean.last!)
            ranges[variant.key, default: []].append((lasts.min()!, lasts.max()!))
            if variant.key != "mod_with_replacement" {
                plot.add(x: (1...options.epochs).map(Double.init), y: mean, name: "\(variant.name), \(levelName(level))")
            }
            progress.update(levelIndex * variants.count + variantIndex + 1, message: "\(variant.name) at \(levelName(level))")
        }
    }
    progress.finish()
    print("   recovered atoms after \(options.epochs) iterations, mean of \(runs) runs (lowest-highest run):")
    print("   noise      " + variants.map { pad($0.name, 24) }.joined())
    for (index, level) in levels.enumerated() {
        let cells = variants.map { variant -> String in
            let (low, high) = ranges[variant.key]![index]
            return pad("\(formatted(finals[variant.key]![index], digits: 1)) % (\(formatted(low, digits: 0))-\(formatted(high, digits: 0)))", 24)
        }
        print("   " + pad(levelName(level), 11) + cells.joined())
    }
    print("   The paper reports K-SVD ahead of MOD at every noise level (Fig. 3), as in the first two columns; the third shows how much"
          + " of that lead the atom replacement makes (Sources/SparseCoding/README.md).")
    let path = try options.figurePath("recovery-ksvd-mod.svg")
    try plot.write(to: path)
    print("   wrote \(path)")
    return finals
}

func levelName(_ level: Double?) -> String { level.map { "\(Int($0)) dB" } ?? "no noise" }

func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(1, width - text.count)) }
