// Inside the trained CapsNet: capsule lengths read as class probabilities, the coupling coefficients of
// the routing across its iterations, reconstructions of test digits from their longest capsule, and
// Sabour et al.'s Fig. 4 (one dimension of the winning capsule moved from -0.25 to 0.25, decoded).

import Capsules
import Core
import Foundation

func insideSection(network: CapsuleNetwork, test: Digits, options: ChapterOptions) throws {
    let shown = Array(0..<10)
    let images = test.images.gatheringRows(shown)
    let v = network.digitCapsules(images)
    let lengths = v.norm(alongAxis: 2)
    let predicted = lengths.argmaxPerRow()
    print("\n5. Capsule lengths ||v_j|| as class probabilities (each in [0, 1), not a softmax: they need not sum to 1)")
    print("   digit  " + (0..<10).map { "   \($0)  " }.joined() + " -> predicted")
    for (row, index) in shown.enumerated() {
        let values = (0..<10).map { " " + formatted(lengths[row, $0], digits: 3) + " " }.joined()
        print("   \(test.labels[index])      \(values) -> \(predicted[row])")
    }
    let allLengths = network.lengths(test.images)
    let winners = allLengths.argmaxPerRow()
    let longest = (0..<test.labels.count).map { allLengths[$0, winners[$0]] }
    let secondLongest = (0..<test.labels.count).map { row in (0..<10).filter { $0 != winners[row] }.map { allLengths[row, $0] }.max()! }
    print("   over the \(test.labels.count) test digits: mean longest length \(formatted(mean(longest), digits: 3)),"
          + " mean second longest \(formatted(mean(secondLongest), digits: 3)) (the margins m+ = 0.9 and m- = 0.1)")
    try writeLengthFigure(lengths: lengths, labels: shown.map { test.labels[$0] }, images: images, options: options)
    try couplingSection(network: network, images: images, labels: shown.map { test.labels[$0] }, options: options)
    try reconstructionFigures(network: network, images: images, capsules: v, labels: shown.map { test.labels[$0] }, options: options)
}

/// The ten test digits beside a map of their ten capsule lengths.
func writeLengthFigure(lengths: Tensor, labels: [Int], images: Tensor, options: ChapterOptions) throws {
    let rows = lengths.shape[0]
    let values = (0..<rows).map { row in (0..<10).map { Double(lengths[row, $0]) } }
    var map = ValueMap(title: "Capsule lengths ||v_j|| of the first ten test digits", xLabel: "digit capsule j",
                       yLabel: "test digit k from the bottom; labels \(labels.map(String.init).joined(separator: " "))",
                       xRange: -0.5...9.5, yRange: -0.5...(Double(rows) - 0.5), values: values, colourBarLabel: "||v_j||")
    map.colourMap = .viridis
    map.valueRange = 0...1
    let mapPath = try options.figurePath("capsule-lengths.svg")
    try map.write(to: mapPath)
    var grid = ImageGrid(title: "The first ten test digits", columns: 10, valueRange: 0...1, imageSize: 48)
    for row in 0..<rows { grid.add(image: images.row(row), width: 8, height: 8, caption: "k = \(row): label \(labels[row])") }
    let gridPath = try options.figurePath("capsule-lengths-digits.svg")
    try grid.write(to: gridPath)
    print("   wrote \(mapPath)\n   wrote \(gridPath)")
}

/// For each routing iteration, the mean over the 128 primary capsules of c_ij for the true class and
/// for the others, averaged over the shown digits; and the same for one digit as a figure.
func couplingSection(network: CapsuleNetwork, images: Tensor, labels: [Int], options: ChapterOptions) throws {
    _ = network.encoder.forward(images, training: false)
    guard let trace = network.routing.lastTrace else { return }
    let (count, lower, classes) = (labels.count, trace.couplings[0].shape[1], trace.couplings[0].shape[2])
    print("\n6. Coupling coefficients in the trained network, iteration by iteration (mean over the \(lower) primary capsules"
          + " and the \(count) digits above):")
    var toTrue: [Double] = [], toOthers: [Double] = []
    for (t, c) in trace.couplings.enumerated() {
        var (sumTrue, sumOthers) = (0.0, 0.0)
        for n in 0..<count {
            for i in 0..<lower {
                for j in 0..<classes {
                    let value = Double(c.scalars[(n * lower + i) * classes + j])
                    if j == labels[n] { sumTrue += value } else { sumOthers += value }
                }
            }
        }
        toTrue.append(sumTrue / Double(count * lower))
        toOthers.append(sumOthers / Double(count * lower * (classes - 1)))
        print("   iteration \(t + 1): to the true digit's capsule \(formatted(toTrue[t], digits: 4)),"
              + " to each other capsule \(formatted(toOthers[t], digits: 4)) (uniform: \(formatted(1 / Double(classes), digits: 4)))")
    }
    var plot = LinePlot(title: "Routing in the trained CapsNet: mean c_ij over primary capsules", xLabel: "iteration", yLabel: "mean c_ij")
    let iterations = (1...trace.couplings.count).map(Double.init)
    plot.add(x: iterations, y: toTrue, name: "to the true digit's capsule")
    plot.add(x: iterations, y: toOthers, name: "to each other digit capsule")
    let path = try options.figurePath("routing-trained-couplings.svg")
    try plot.write(to: path)
    print("   wrote \(path)")
}

/// Ten test digits over their reconstructions, and the Fig. 4 grid of perturbed reconstructions.
func reconstructionFigures(network: CapsuleNetwork, images: Tensor, capsules v: Tensor, labels: [Int], options: ChapterOptions) throws {
    guard network.decoder != nil else { return }
    let reconstructed = network.reconstruct(capsules: v)
    var grid = ImageGrid(title: "Test digits (top) and their reconstructions from the longest capsule (bottom)", columns: 10,
                         valueRange: 0...1, imageSize: 48)
    for row in 0..<labels.count { grid.add(image: images.row(row), width: 8, height: 8, caption: "label \(labels[row])") }
    for row in 0..<labels.count { grid.add(image: reconstructed.row(row), width: 8, height: 8, caption: "decoded") }
    let gridPath = try options.figurePath("capsnet-reconstructions.svg")
    try grid.write(to: gridPath)
    let error = (reconstructed - images).dot(reconstructed - images) / Float(labels.count)
    print("\n7. Reconstruction: the decoder fed only the longest capsule redraws the digit; sum of squared pixel errors"
          + " \(formatted(error, digits: 3)) per digit (pixels in [0, 1], 64 of them)")

    let offsets: [Float] = stride(from: -0.25, through: 0.2501, by: 0.05).map { Float($0) }
    let (digit, perturbed) = network.perturbedReconstructions(of: images.gatheringRows([0]), offsets: offsets)
    var fig4 = ImageGrid(title: "Sabour et al. Fig. 4: each row moves one of the 16 dimensions of the winning capsule (digit \(digit))"
                         + " by -0.25, -0.20, ..., 0.25", columns: offsets.count, valueRange: 0...1, imageSize: 40)
    for (d, row) in perturbed.enumerated() {
        for (k, image) in row.enumerated() {
            fig4.add(image: image, width: 8, height: 8, caption: k == 0 ? "dim \(d + 1)" : "")
        }
    }
    let fig4Path = try options.figurePath("capsnet-perturbations.svg")
    try fig4.write(to: fig4Path)
    let spreads = perturbed.map { row in row.first!.indices.map { p in Double(row.last![p] - row.first![p]) }.map(abs).reduce(0, +) }
    let strongest = spreads.indices.max { spreads[$0] < spreads[$1] }!
    let quiet = spreads.filter { $0 < 0.25 * spreads[strongest] }.count
    print("   Fig. 4: each row decodes the winning capsule with one of its 16 dimensions moved from -0.25 to 0.25 (the"
          + " paper finds stroke thickness, skew and width among them); here dimension \(strongest + 1) changes the drawing most"
          + " (sum of |pixel change| end to end: \(formatted(spreads[strongest], digits: 2))), and \(quiet) of the 16 change it"
          + " less than a quarter as much")
    print("   wrote \(gridPath)\n   wrote \(fig4Path)")
}

func mean(_ values: [Float]) -> Double {
    values.isEmpty ? 0 : values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
}
