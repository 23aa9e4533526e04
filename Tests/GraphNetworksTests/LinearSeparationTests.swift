// Tests of LinearSeparation.swift: the exact best accuracy of a straight line that splits two classes.

import Foundation
import Testing
import Core
import GraphNetworks

@Suite("The best linear split of points in the plane")
struct LinearSeparationTests {
    @Test("XOR's four corners: 3 of 4 at best; two separable clouds: all; one class: all")
    func handCases() {
        #expect(bestLinearSplitAccuracy(x: [0, 0, 1, 1], y: [0, 1, 0, 1], labels: [0, 1, 1, 0]) == 0.75)
        #expect(bestLinearSplitAccuracy(x: [0, 1, 0, 5, 6, 5], y: [0, 0, 1, 5, 5, 6], labels: [0, 0, 0, 1, 1, 1]) == 1)
        #expect(bestLinearSplitAccuracy(x: [0, 1, 2], y: [2, 1, 0], labels: [1, 1, 1]) == 1)
        #expect(bestLinearSplitAccuracy(x: [], y: [], labels: []) == 1)
    }

    @Test("Points on one line split only where the classes change; identical points cannot be split")
    func collinearAndIdentical() {
        // On the x axis: 0 0 1 1 0: the best split keeps 4 of 5.
        #expect(bestLinearSplitAccuracy(x: [0, 1, 2, 3, 4], y: [0, 0, 0, 0, 0], labels: [0, 0, 1, 1, 0]) == 0.8)
        // Two points at the same place with different classes: one of them is always wrong.
        #expect(bestLinearSplitAccuracy(x: [0, 0, 3], y: [0, 0, 3], labels: [0, 1, 1]) == 2.0 / 3)
    }

    @Test("Equals an independent exact oracle, a sweep over every ordering of the projections, on random sets of 10 points (seed 61)")
    func agreesWithDirectionSweep() {
        var generator = Xoshiro256StarStar(seed: 61)
        for trial in 0..<30 {
            let x = (0..<10).map { _ in generator.normalDouble() }
            let y = (0..<10).map { _ in generator.normalDouble() }
            let labels = (0..<10).map { _ in generator.uniformInt(below: 2) }
            #expect(bestLinearSplitAccuracy(x: x, y: y, labels: labels) == Double(sweepOracle(x: x, y: y, labels: labels)) / 10,
                    "trial \(trial)")
        }
        #expect(sweepOracle(x: [0, 0, 1, 1], y: [0, 1, 0, 1], labels: [0, 1, 1, 0]) == 3, "the oracle itself on XOR")
    }

    /// The most points a threshold on the projection onto some direction u = (cos t, sin t) classifies
    /// correctly (class 0 below, class 1 above; all directions, so both orientations). The order of the
    /// projections changes only at the angles where two points tie, t = atan2(dy, dx) +- pi/2, so one
    /// direction between each two consecutive critical angles sees every order there is.
    func sweepOracle(x: [Double], y: [Double], labels: [Int]) -> Int {
        var critical: [Double] = []
        for i in x.indices {
            for j in x.indices where j > i {
                let angle = atan2(y[j] - y[i], x[j] - x[i])
                for turn in [Double.pi / 2, -Double.pi / 2] {
                    critical.append((angle + turn + 2 * Double.pi).truncatingRemainder(dividingBy: 2 * Double.pi))
                }
            }
        }
        critical.sort()
        var best = 0
        for (index, angle) in critical.enumerated() {
            let next = index + 1 < critical.count ? critical[index + 1] : critical[0] + 2 * Double.pi
            let middle = (angle + next) / 2
            let projection = x.indices.map { x[$0] * cos(middle) + y[$0] * sin(middle) }
            var correct = labels.filter { $0 == 1 }.count   // threshold below every point
            best = max(best, correct)
            for point in x.indices.sorted(by: { projection[$0] < projection[$1] }) {
                correct += labels[point] == 0 ? 1 : -1
                best = max(best, correct)
            }
        }
        return best
    }
}
