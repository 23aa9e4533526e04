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

    @Test("Equals a sweep over 20,000 directions with the best threshold each, on random sets of 9 points (seed 61)")
    func agreesWithDirectionSweep() {
        var generator = Xoshiro256StarStar(seed: 61)
        for trial in 0..<8 {
            let x = (0..<9).map { _ in generator.normalDouble() }
            let y = (0..<9).map { _ in generator.normalDouble() }
            let labels = (0..<9).map { _ in generator.uniformInt(below: 2) }
            var sweep = 0
            for step in 0..<20_000 {
                let angle = Double(step) * Double.pi / 10_000
                let projection = (0..<9).map { x[$0] * cos(angle) + y[$0] * sin(angle) }
                let order = (0..<9).sorted { projection[$0] < projection[$1] }
                var below = 0   // class-0 points before the threshold, class-1 after
                var correct = labels.filter { $0 == 1 }.count
                sweep = max(sweep, correct)
                for index in order {
                    if labels[index] == 0 { below += 1 } else { correct -= 1 }
                    sweep = max(sweep, below + correct)
                }
            }
            #expect(bestLinearSplitAccuracy(x: x, y: y, labels: labels) == Double(sweep) / 9, "trial \(trial)")
        }
    }
}
