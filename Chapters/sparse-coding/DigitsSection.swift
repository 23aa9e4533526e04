// The digits part of the chapter: a dictionary of 8x8 digits learnt by K-SVD (Eq. (2.8.14), Eq. (2.8.15),
// Eq. (2.8.17)), Fig. 2.7.4 made real (a digit as a few atoms), OMP step by step on it, the atoms, and denoising.

import Core
import SparseCoding

func digitsSection(options: ChapterOptions) throws -> (atoms: Int, noisy: Double, initial: Double, learnt: Double, clipped: Double) {
    let (train, test) = try Digits.standardSplit()
    var experiment = DenoisingExperiment()
    experiment.iterations = min(options.epochs, 20)
    print("5. Learning a dictionary of \(experiment.atoms) atoms from the \(train.labels.count) training digits (8x8 = 64 pixels in [0, 1])"
          + " with K-SVD, k = \(experiment.sparsity), \(experiment.iterations) iterations"
          + " (Eq. (2.8.14), Eq. (2.8.15), Eq. (2.8.17))")
    var progress = ProgressLine(total: experiment.iterations, label: "iteration")
    let result = experiment.run(train: train.images.transposed(), test: test.images.transposed(), seed: options.seed) { iteration, _ in
        progress.update(iteration)
    }
    progress.finish()
    let history = result.history
    print("   root-mean-square error per pixel with 4 atoms: \(formatted(history.first!.rootMeanSquareError)) after iteration 1,"
          + " \(formatted(history.last!.rootMeanSquareError)) after \(history.count); \(history.map(\.replacedAtoms).reduce(0, +)) atom replacements")
    let dictionary = result.learntDictionary
    try writeDigitAsAtoms(test.images.row(0), label: test.labels[0], dictionary: dictionary, options: options)

    var atoms = ImageGrid(title: "\(dictionary.columns) atoms learnt by K-SVD from 8x8 digits (each on its own grey scale)", columns: 16,
                          imageSize: 40)
    for k in 0..<dictionary.columns { atoms.add(image: column(k, of: dictionary), width: 8, height: 8) }
    let atomsPath = try options.figurePath("digits-atoms.svg")
    try atoms.write(to: atomsPath)
    print("   wrote \(atomsPath)")

    print("\n6. Denoising the \(test.labels.count) test digits, noise sigma = \(experiment.noiseStandardDeviation): OMP until"
          + " ||x - D alpha|| <= C sigma sqrt(64), C = \(experiment.gain) (Eq. (2.8.3) with epsilon from the noise; Elad & Aharon 2006)")
    print("   PSNR noisy \(formatted(result.noisyPSNR, digits: 2)) dB -> \(formatted(result.initialPSNR, digits: 2)) dB with the"
          + " initial dictionary (random training digits) -> \(formatted(result.learntPSNR, digits: 2)) dB with the learnt one"
          + " (\(formatted(result.clippedPSNR, digits: 2)) dB clipped to [0, 1])")
    var grid = ImageGrid(title: "Test digits: clean (top), noisy (middle), denoised with the learnt dictionary (bottom)", columns: 12,
                         valueRange: 0...1, imageSize: 40)
    for source in [test.images.transposed(), result.noisy, result.denoised] {
        for n in 0..<12 { grid.add(image: column(n, of: source), width: 8, height: 8) }
    }
    let gridPath = try options.figurePath("digits-denoising.svg")
    try grid.write(to: gridPath)
    print("   wrote \(gridPath)\n")
    return (dictionary.columns, result.noisyPSNR, result.initialPSNR, result.learntPSNR, result.clippedPSNR)
}

/// Fig. 2.7.4 for one test digit: x ~ D alpha with 4 atoms, the pursuit printed step by step and drawn.
func writeDigitAsAtoms(_ digit: [Float], label: Int, dictionary: Tensor, options: ChapterOptions) throws {
    let pursuit = orthogonalMatchingPursuit(signal: digit, dictionary: dictionary, sparsity: 4)
    print("   Fig. 2.7.4 made real: the first test digit (a \(label)) as D alpha with 4 atoms, by OMP step by step:")
    for (index, step) in pursuit.steps.enumerated() {
        let largest = step.correlations.map { abs($0) }.max() ?? 0
        print("     step \(index + 1): max |d_j . r| = \(formatted(largest)) at atom \(step.atom + 1); coefficients on \(step.support.map { $0 + 1 }):"
              + " \(list(step.coefficients, digits: 3)); ||r|| = \(formatted(step.residualNorm)) of ||x|| = \(formatted(euclideanLength(digit)))")
    }
    var figure = ImageGrid(title: "Fig. 2.7.4 made real: digit = sum of coefficient x atom (+ residual)", columns: 7, imageSize: 56)
    figure.add(image: digit, width: 8, height: 8, caption: "digit \(label)")
    for (atom, coefficient) in zip(pursuit.support, pursuit.coefficients) {
        figure.add(image: column(atom, of: dictionary), width: 8, height: 8, caption: "\(formatted(coefficient, digits: 2)) x atom \(atom + 1)")
    }
    let reconstruction = zip(digit, pursuit.residual).map { $0 - $1 }
    figure.add(image: reconstruction, width: 8, height: 8, caption: "D alpha")
    figure.add(image: pursuit.residual, width: 8, height: 8, caption: "residual")
    let path = try options.figurePath("fig-2.7.4-digit-as-atoms.svg")
    try figure.write(to: path)
    print("   wrote \(path)\n      Fig. 2.7.4: a test digit as a weighted sum of four learnt atoms (numbered from 1), and the residual")
}

func euclideanLength(_ v: [Float]) -> Float { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
