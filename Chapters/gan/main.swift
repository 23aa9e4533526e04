// gan: DL Padova "Generative Adversal Network" and "MvM" (Goodfellow et al. 2014; Srivastava et al.
// 2017) as a program a student runs beside the notes.
//   swift run -c release gan [--seed N] [--epochs N] [--learning-rate X] [--runs N] [--out DIR]
// It prints the game's derived values beside their formulas, shows why the notes' generator loss
// saturates, trains a GAN on a 1-D Gaussian (its density through training), counts the modes that
// the non-saturating GAN, the saturating GAN and the MMD generator capture on the ring and the grid
// over several seeds (VEEGAN's protocol), and trains a GAN on the 8x8 digits, judged by the
// project's digits CNN.

import Core
import Foundation
import GenerativeAdversarial

let defaults = ChapterOptions(seed: 1, epochs: 5000, learningRate: 0.001, outputDirectory: "gan-figures", runs: 5)
let summary = """
    Generative adversarial networks (DL Padova "Generative Adversal Network", "MvM"; Goodfellow et al. 2014):
    the value V(D, G) and its derived values; the saturating and non-saturating generator losses; a GAN
    learning a 1-D Gaussian; the ring of 8 Gaussians and the 5 x 5 grid, trained by the non-saturating GAN,
    the saturating GAN and an MMD generator, with modes counted as in VEEGAN (Srivastava et al. 2017) over
    --runs seeds (--seed, --seed + 1, ...); a GAN on the 8x8 digits judged by the digits CNN.
    --epochs sets the training steps of the ring, grid and digits runs (the 1-D run takes 3/5 of them);
    --learning-rate the peak Adam step of both players (cosine annealing to 1/100 of it).
    """

func run() throws {
    let options = defaults.parsingCommandLine(program: "gan", summary: summary)
    let start = ContinuousClock.now
    print("Generative adversarial networks (DL Padova \"Generative Adversal Network\", \"MvM\"). Seed \(options.seed),"
          + " \(options.epochs) steps, \(options.runs ?? 5) seeds; figures go to \(options.outputDirectory)/\n")
    let worked = workedValuesSection(options: options)
    let line = try lineSection(options: options)
    let ring = try mixtureSection(name: "ring", target: GaussianMixture.ring(), options: options)
    let grid = try mixtureSection(name: "grid", target: GaussianMixture.grid(), options: options)
    let digits = try digitsSection(options: options)
    let seconds = Double((ContinuousClock.now - start).components.seconds)

    print(report.closingLines(exercises: chapterExercises, outputDirectory: options.outputDirectory))
    print("\n" + summaryLine([
        "value_at_half": formatted(worked.valueAtHalf),
        "batch_value": formatted(worked.batchValue),
        "mvm_distance": formatted(worked.metricDistance),
        "saturating_gradient_ratio": formatted(worked.saturationRatio, digits: 4),
        "line_mean": formatted(line.mean, digits: 3),
        "line_standard_deviation": formatted(line.standardDeviation, digits: 3),
        "ring_modes_captured": formatted(ring[.nonSaturating]!.modes, digits: 1),
        "ring_high_quality_percent": formatted(ring[.nonSaturating]!.highQuality, digits: 1),
        "ring_seeds_with_all_modes": "\(ring[.nonSaturating]!.seedsWithAllModes)",
        "ring_modes_one_percent": formatted(ring[.nonSaturating]!.modesOnePercent, digits: 1),
        "ring_saturating_modes_captured": formatted(ring[.saturating]!.modes, digits: 1),
        "ring_saturating_high_quality_percent": formatted(ring[.saturating]!.highQuality, digits: 1),
        "ring_mmd_modes_captured": formatted(ring[.matching]!.modes, digits: 1),
        "ring_mmd_high_quality_percent": formatted(ring[.matching]!.highQuality, digits: 1),
        "grid_modes_captured": formatted(grid[.nonSaturating]!.modes, digits: 1),
        "grid_high_quality_percent": formatted(grid[.nonSaturating]!.highQuality, digits: 1),
        "grid_saturating_modes_captured": formatted(grid[.saturating]!.modes, digits: 1),
        "grid_mmd_modes_captured": formatted(grid[.matching]!.modes, digits: 1),
        "digits_confident_percent": formatted(digits.generated.confidentPercent, digits: 1),
        "real_digits_confident_percent": formatted(digits.real.confidentPercent, digits: 1),
        "digits_classes_present": "\(digits.generated.classesPresent)",
        "steps": "\(options.epochs)",
        "seeds": "\(options.runs ?? 5)",
        "seconds": "\(Int(seconds))",
    ]))
    try report.write(into: options.outputDirectory)
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("gan: \(error)\n".utf8))
    exit(1)
}
