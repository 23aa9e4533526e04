// Tests of data loading (DataFiles.swift, Digits.swift): the real file, the standard split, and
// malformed files reported with their file name and line.

import Testing
import Foundation
@testable import Core

@Suite("Data files and the digits set")
struct DataTests {
    @Test("digits.csv: 1,797 images of 64 pixels in [0, 1], labels 0...9 with every class present")
    func digitsLoad() throws {
        let digits = try Digits.load()
        #expect(digits.images.shape == [1797, 64])
        #expect(digits.images.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(Set(digits.labels) == Set(0...9))
        #expect(digits.labels.prefix(3) == [0, 1, 2])
    }

    @Test("The standard split is stratified 80/20, disjoint, and the same every time")
    func standardSplit() throws {
        let digits = try Digits.load()
        let (train, test) = digits.stratifiedSplit()
        #expect(train.labels.count + test.labels.count == 1797)
        for digit in 0...9 {
            let total = digits.labels.filter { $0 == digit }.count
            let inTest = test.labels.filter { $0 == digit }.count
            #expect(inTest == Int((0.2 * Double(total)).rounded()))
        }
        let again = try Digits.standardSplit()
        #expect(again.test.labels == test.labels && again.test.images == test.images)
        let otherSeed = digits.stratifiedSplit(seed: 1)
        #expect(otherSeed.test.images != test.images)
    }

    @Test("A malformed row is an error naming the file and the line")
    func malformedFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("digits-malformed-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let good = Array(repeating: "0", count: 64).joined(separator: ",") + ",3"
        let badPixel = Array(repeating: "0", count: 63).joined(separator: ",") + ",17,3"
        try [good, good, badPixel].joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try Digits.load(path: path)
            Issue.record("expected a DataFileError")
        } catch let error as DataFileError {
            #expect(error.line == 3)
            #expect("\(error)".contains(path + ":3"))
            #expect("\(error)".contains("17"))
        }
        try [good, "1,2,3"].joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: DataFileError.self) { try Digits.load(path: path) }
    }

    @Test("A missing file is an error naming the file")
    func missingFile() {
        #expect {
            try Digits.load(path: "/nonexistent/digits.csv")
        } throws: { error in
            "\(error)".contains("/nonexistent/digits.csv")
        }
    }
}

@Suite("Confusion matrix (rows = truth, columns = prediction; E-75)")
struct ConfusionMatrixTests {
    @Test("Counts, accuracy and orientation")
    func counts() {
        let matrix = ConfusionMatrix(classes: 3, truth: [0, 0, 1, 2, 2, 2], predicted: [0, 1, 1, 2, 2, 0])
        #expect(matrix.counts == [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
        #expect(matrix.correct == 4 && matrix.total == 6)
        #expect(isApproximatelyEqual(matrix.accuracy, 4.0 / 6))
        #expect(matrix.description.contains("true\\pred"))
        #expect(accuracy(predicted: [1, 1], truth: [1, 0]) == 0.5)
    }
}

@Suite("Chapter options")
struct ChapterOptionsTests {
    let defaults = ChapterOptions(seed: 1, epochs: 10, learningRate: 0.1, outputDirectory: "out")

    @Test("Flags set their values")
    func parsesFlags() throws {
        let options = try defaults.parsing(["--seed", "7", "--epochs", "3", "--learning-rate", "0.5", "--out", "figs"])
        #expect(options.seed == 7 && options.epochs == 3 && options.learningRate == 0.5 && options.outputDirectory == "figs")
        #expect(try defaults.parsing(["--help"]).showHelp)
    }

    @Test("Unknown flags, missing and out-of-range values are usage errors")
    func rejectsBadArguments() {
        for bad in [["--sed", "1"], ["--epochs"], ["--epochs", "0"], ["--epochs", "x"], ["--learning-rate", "-1"],
                    ["--learning-rate", "nan"], ["--seed", "-3"], ["extra"]] {
            #expect(throws: UsageError.self, "\(bad)") { try defaults.parsing(bad) }
        }
    }

    @Test("--runs is accepted only by chapters that give it a default, and must be positive")
    func runsFlag() throws {
        #expect(throws: UsageError.self) { try defaults.parsing(["--runs", "3"]) }
        var averaging = defaults
        averaging.runs = 5
        #expect(try averaging.parsing(["--runs", "3"]).runs == 3)
        #expect(throws: UsageError.self) { try averaging.parsing(["--runs", "0"]) }
        #expect(averaging.usage(program: "p", summary: "s").contains("--runs N"))
        #expect(!defaults.usage(program: "p", summary: "s").contains("--runs"))
    }

    @Test("The summary line is key=value pairs in order")
    func summary() {
        #expect(summaryLine(["a": "1", "b": "x"]) == "a=1 b=x")
        #expect(formatted(0.96389, digits: 3) == "0.964")
        #expect(formatted(-0.00001, digits: 4) == "0.0000")
        #expect(formatted(-0.5, digits: 1) == "-0.5")
    }
}
