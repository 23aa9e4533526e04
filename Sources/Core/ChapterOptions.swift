// ChapterOptions.swift: the flags every chapter program shares, and its closing summary line.
// Goals: the same flags mean the same thing in every chapter; a bad flag prints the usage and
// exits with status 2; nothing here knows a model.

import Foundation

/// `--help`, `--seed N`, `--epochs N`, `--learning-rate X`, `--out DIR`, and `--runs N` for chapters
/// that average over seeded runs (those that give `runs` a default).
public struct ChapterOptions: Equatable, Sendable {
    public var seed: UInt64
    public var epochs: Int
    public var learningRate: Float
    public var outputDirectory: String
    /// Independent seeded runs to average over; nil when the chapter has no `--runs` flag.
    public var runs: Int?
    /// False for a chapter none of whose methods has a learning rate: `--learning-rate` is then
    /// refused as an unknown argument and left out of the usage text.
    public var hasLearningRate = true
    public var showHelp = false

    public init(seed: UInt64, epochs: Int, learningRate: Float, outputDirectory: String, runs: Int? = nil) {
        self.seed = seed
        self.epochs = epochs
        self.learningRate = learningRate
        self.outputDirectory = outputDirectory
        self.runs = runs
    }

    /// The usage text for a program with these defaults.
    public func usage(program: String, summary: String) -> String {
        """
        usage: swift run \(program) [--seed N] [--epochs N]\(hasLearningRate ? " [--learning-rate X]" : "") [--out DIR]\(runs == nil ? "" : " [--runs N]") [--help]

        \(summary)

          --seed N            seed of the random generator (default \(seed))
          --epochs N          training epochs, a positive integer (default \(epochs))
        \(hasLearningRate ? "  --learning-rate X   gradient-descent step alpha, a positive number (default \(learningRate))\n" : "")\
          --out DIR           folder for the SVG figures, created if missing (default \(outputDirectory))
        \(runs.map { "  --runs N            seeded runs to average over, a positive integer (default \($0))\n" } ?? "")\
          --help              print this text and exit
        """
    }

    /// These options with `arguments` (without the program name) applied.
    /// Throws `UsageError` for an unknown flag, a missing value, or a value out of range.
    public func parsing(_ arguments: [String]) throws -> ChapterOptions {
        var options = self
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            if flag == "--help" || flag == "-h" { options.showHelp = true; continue }
            guard ["--seed", "--epochs", "--out"].contains(flag) || (flag == "--learning-rate" && hasLearningRate)
                    || (flag == "--runs" && runs != nil) else {
                throw UsageError(message: "unknown argument '\(flag)'")
            }
            guard let value = remaining.popFirst() else { throw UsageError(message: "\(flag) needs a value") }
            switch flag {
            case "--seed":
                guard let seed = UInt64(value) else { throw UsageError(message: "--seed needs a non-negative integer, got '\(value)'") }
                options.seed = seed
            case "--epochs":
                guard let epochs = Int(value), epochs > 0 else { throw UsageError(message: "--epochs needs a positive integer, got '\(value)'") }
                options.epochs = epochs
            case "--learning-rate":
                guard let rate = Float(value), rate > 0, rate.isFinite else {
                    throw UsageError(message: "--learning-rate needs a positive number, got '\(value)'")
                }
                options.learningRate = rate
            case "--runs":
                guard let count = Int(value), count > 0 else { throw UsageError(message: "--runs needs a positive integer, got '\(value)'") }
                options.runs = count
            default:
                guard !value.isEmpty, !value.hasPrefix("--") else { throw UsageError(message: "--out needs a folder name, got '\(value)'") }
                options.outputDirectory = value
            }
        }
        return options
    }

    /// Parses the process's arguments; on `--help` prints the usage and exits 0, on a bad argument
    /// prints the problem and the usage to standard error and exits 2. `validate` may add the
    /// chapter's own checks by throwing `UsageError` (e.g. a learning rate that must be at most 1).
    public func parsingCommandLine(program: String, summary: String,
                                   validate: (ChapterOptions) throws -> Void = { _ in }) -> ChapterOptions {
        do {
            let options = try parsing(Array(CommandLine.arguments.dropFirst()))
            if options.showHelp {
                print(usage(program: program, summary: summary))
                exit(0)
            }
            try validate(options)
            return options
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n\n\(usage(program: program, summary: summary))\n".utf8))
            exit(2)
        }
    }

    /// Creates the output folder if needed and returns the path of `name` inside it.
    public func figurePath(_ name: String) throws -> String {
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        return (outputDirectory as NSString).appendingPathComponent(name)
    }
}

/// A command-line argument the program does not accept.
public struct UsageError: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// The closing line of a chapter: `key=value` pairs separated by spaces, in the order given.
public func summaryLine(_ pairs: KeyValuePairs<String, String>) -> String {
    pairs.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
}

/// A number with `digits` digits after the point, e.g. `formatted(0.96389, digits: 4)` is "0.9639".
/// A value that rounds to zero prints as "0.0000", never "-0.0000".
public func formatted(_ value: Double, digits: Int = 4) -> String {
    let text = String(format: "%.\(digits)f", value)
    return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
}

public func formatted(_ value: Float, digits: Int = 4) -> String {
    formatted(Double(value), digits: digits)
}
