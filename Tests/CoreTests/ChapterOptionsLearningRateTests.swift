// ChapterOptionsLearningRateTests.swift: a chapter without a learning rate (sparse-coding) refuses
// --learning-rate instead of ignoring it, and its usage text does not offer the flag (issue 19).

import Testing
@testable import Core

@Suite("Chapter options without a learning rate")
struct ChapterOptionsLearningRateTests {
    var noRate: ChapterOptions {
        var options = ChapterOptions(seed: 1, epochs: 10, learningRate: 0.1, outputDirectory: "out", runs: 5)
        options.hasLearningRate = false
        return options
    }

    @Test("--learning-rate is an unknown argument, and the usage leaves it out")
    func refusedAndNotOffered() throws {
        #expect(throws: UsageError.self) { try noRate.parsing(["--learning-rate", "0.5"]) }
        #expect(try noRate.parsing(["--seed", "3", "--runs", "2"]).seed == 3)
        let usage = noRate.usage(program: "sparse-coding", summary: "s")
        #expect(!usage.contains("--learning-rate"))
        #expect(usage.contains("[--epochs N] [--out DIR] [--runs N] [--help]"))
        #expect(usage.contains("  --out DIR") && usage.contains("  --runs N"))
    }

    @Test("chapters with a learning rate keep the flag")
    func keptByDefault() throws {
        let options = ChapterOptions(seed: 1, epochs: 10, learningRate: 0.1, outputDirectory: "out")
        #expect(try options.parsing(["--learning-rate", "0.5"]).learningRate == 0.5)
        #expect(options.usage(program: "p", summary: "s").contains("  --learning-rate X   gradient-descent step alpha"))
    }
}
