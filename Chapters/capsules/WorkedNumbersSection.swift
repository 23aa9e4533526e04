// The worked numbers of WORKED-NUMBERS.md 10.3 beside their formulas: the squash, the routing table
// (2 lower, 2 upper capsules, r = 3) with a figure of the coupling coefficients across the iterations,
// and the margin loss with erratum E-15.

import Capsules
import Core
import Foundation

struct WorkedNumbers {
    let c11AfterIteration3: Double
    let marginLossAt08: Double
    let printedFormAt08: Double
}

func workedNumbersSection(options: ChapterOptions) throws -> WorkedNumbers {
    print("1. The squash (DL Padova \"Dynamic routing\"; Sabour et al. Eq. (1)): v = (||s||^2 / (1 + ||s||^2)) s / ||s||")
    for s: [Float] in [[3, 4], [0.1, 0], [1, 0], [0, 0]] {
        let v = squash(Tensor([s])).scalars
        print("   squash(\(s.map { shortNumber(Double($0)) }.joined(separator: ", "))) = (\(v.map { formatted($0, digits: 10) }.joined(separator: ", ")))"
              + ", ||v|| = \(formatted(Double(v.map { $0 * $0 }.reduce(0, +)).squareRoot(), digits: 10))")
    }
    print("   (15/26, 20/26) = (0.5769230769, 0.7692307692) and 25/26 = 0.9615384615: long vectors end just below 1,"
          + " short ones near ||s||^2, and s = 0 stays 0")

    print("\n2. Routing by agreement, Procedure 1, on the example of WORKED-NUMBERS.md 10.3: u^_(1|1) = (1, 0), u^_(2|1) = (0, 1),"
          + " u^_(1|2) = (1, 0.2), u^_(2|2) = (-0.5, 0)")
    let votes: [[[Double]]] = [[[1, 0], [0, 1]], [[1, 0.2], [-0.5, 0]]]
    let trace = route(Tensor(shape: [1, 2, 2, 2], scalars: [1, 0, 0, 1, 1, 0.2, -0.5, 0]), iterations: 3)
    let reference = RoutingReference.route(votes, iterations: 3)
    print("   iteration  c11 c12 c21 c22 (softmax of b before the update)          v_1                        v_2")
    for t in 0..<3 {
        let c = reference.couplings[t].flatMap { $0 }.map { formatted($0, digits: 10) }.joined(separator: " ")
        let v = reference.outputs[t].map { "(" + $0.map { formatted($0, digits: 10) }.joined(separator: ", ") + ")" }.joined(separator: " ")
        print("   \(t + 1)          \(c)   \(v)")
    }
    print("   b after iteration 3 = (\(reference.logits.flatMap { $0 }.map { formatted($0, digits: 10) }.joined(separator: ", ")))")
    let largestDifference = zip(trace.couplings[2].doubles, reference.couplings[2].flatMap { $0 }).map { abs($0 - $1) }.max() ?? 0
    print("   The tensor version (Float, a batch) agrees with this Double twin to \(String(format: "%.1e", largestDifference));"
          + " each lower capsule's c sums to 1, and both capsules move their weight to v_1, the capsule they agree on.")
    try writeCouplingFigure(reference, options: options)

    print("\n3. The margin loss (Sabour et al. Eq. (4)), m+ = 0.9, m- = 0.1, lambda = 0.5, BOTH terms squared (E-15):")
    print("   L_c = T_c max(0, m+ - ||v_c||)^2 + lambda (1 - T_c) max(0, ||v_c|| - m-)^2")
    print("   T  ||v||  loss     as printed in the notes (first square missing)")
    let loss = MarginLoss()
    for (present, length) in [(true, 0.8), (true, 0.5), (true, 0.95), (false, 0.3), (false, 0.05)] {
        print("   \(present ? 1 : 0)  \(formatted(length, digits: 2))   \(formatted(loss.perCapsule(length: length, present: present)))   "
              + "\(formatted(MarginLoss.asPrintedInTheNotes(length: length, present: present)))")
    }
    print("   The printed form gives 0.1 and 0.4 for a present class at 0.8 and 0.5: a linear push ten times the correct"
          + " 0.01, out of scale with the absent classes' squared term.")
    return WorkedNumbers(c11AfterIteration3: Double(trace.couplings[2].scalars[0]),
                         marginLossAt08: loss.perCapsule(length: 0.8, present: true),
                         printedFormAt08: MarginLoss.asPrintedInTheNotes(length: 0.8, present: true))
}

/// c11, c12, c21, c22 against the iteration.
func writeCouplingFigure(_ trace: RoutingReference.Trace, options: ChapterOptions) throws {
    var plot = LinePlot(title: "Coupling coefficients across routing iterations (the WORKED-NUMBERS.md example)", xLabel: "iteration",
                        yLabel: "c_ij (softmax of b_i before the update)")
    let iterations = (1...trace.couplings.count).map(Double.init)
    for i in 0..<2 {
        for j in 0..<2 {
            plot.add(x: iterations, y: trace.couplings.map { $0[i][j] }, name: "c\(i + 1)\(j + 1): lower \(i + 1) -> upper \(j + 1)")
        }
    }
    let path = try options.figurePath("routing-coupling-coefficients.svg")
    try plot.write(to: path)
    print("   wrote \(path)")
}

/// A short form of a number: 3 for 3.0, 0.1 for 0.1.
func shortNumber(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
}
