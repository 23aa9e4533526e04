// The ablation of Sabour et al. Table 1 on the digits: routing r = 1 against r = 3, with and without the
// reconstruction loss, each row the mean test accuracy over `--runs` seeds (seed, seed + 1, ...).

import Capsules
import Core
import Foundation

struct AblationRow {
    let iterations: Int
    let reconstruction: Bool
    let accuracies: [Double]
    /// The margin loss on the test set: finer than the accuracy when nearly every digit is right.
    let testLosses: [Double]
    var mean: Double { accuracies.reduce(0, +) / Double(max(accuracies.count, 1)) }
    var meanTestLoss: Double { testLosses.reduce(0, +) / Double(max(testLosses.count, 1)) }
    var spread: Double {
        let m = mean
        return (accuracies.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(max(accuracies.count - 1, 1))).squareRoot()
    }
}

/// Trains the four configurations over `runs` seeds. The main network (r = 3 with reconstruction, seed
/// `options.seed`) is already trained: its accuracy is reused as that row's first run.
func ablationSection(train: Digits, test: Digits, options: ChapterOptions, main: CapsuleNetwork) throws -> [AblationRow] {
    let runs = options.runs ?? 3
    print("\n8. Ablation (Sabour et al. Table 1): routing iterations and the reconstruction loss, mean test accuracy over"
          + " \(runs) seed\(runs == 1 ? "" : "s") (\((0..<runs).map { "\(options.seed + UInt64($0))" }.joined(separator: ", "))),"
          + " \(options.epochs) epochs each")
    var rows: [AblationRow] = []
    for (iterations, reconstruction) in [(1, false), (1, true), (3, false), (3, true)] {
        var configuration = CapsuleNetworkConfiguration()
        configuration.routingIterations = iterations
        configuration.reconstruction = reconstruction
        var accuracies: [Double] = [], testLosses: [Double] = []
        func measure(_ network: CapsuleNetwork) {
            let lengths = network.lengths(test.images)
            accuracies.append(Core.accuracy(predicted: lengths.argmaxPerRow(), truth: test.labels))
            testLosses.append(Double(network.marginLoss.value(predicted: lengths, target: oneHot(test.labels, classes: Digits.classes))))
        }
        for run in 0..<runs {
            if iterations == 3 && reconstruction && run == 0 {
                measure(main)
                continue
            }
            let label = "r = \(iterations), \(reconstruction ? "with" : "without") reconstruction, seed \(options.seed + UInt64(run)): epoch"
            let result = try trainCapsNet(configuration, seed: options.seed + UInt64(run), train: train, test: test, options: options,
                                          label: label)
            measure(result.network)
        }
        rows.append(AblationRow(iterations: iterations, reconstruction: reconstruction, accuracies: accuracies, testLosses: testLosses))
    }
    print("   routing  reconstruction  test accuracy: mean (standard deviation)  test margin loss (mean)  runs")
    for row in rows {
        print("   r = \(row.iterations)    \(row.reconstruction ? "yes" : "no ")             \(formatted(row.mean * 100, digits: 2)) %"
              + " (\(formatted(row.spread * 100, digits: 2)))                     \(formatted(row.meanTestLoss, digits: 5))"
              + "                  \(row.accuracies.map { formatted($0 * 100, digits: 2) }.joined(separator: ", "))")
    }
    print("   (The paper, on 10,000 MNIST digits: r = 1 without reconstruction 0.34 % error, r = 1 with 0.29 %, r = 3 without"
          + " 0.35 %, r = 3 with 0.25 %. Here one error in \(test.labels.count) test digits is"
          + " \(formatted(100 / Double(test.labels.count), digits: 2)) %, so a difference of a digit or two says little; the"
          + " test margin loss, a continuous measure, separates the rows more finely.)")
    return rows
}
