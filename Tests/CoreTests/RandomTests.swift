// Tests of the seeded generator (Random.swift): determinism, ranges, moments, shuffles.

import Testing
@testable import Core

@Suite("Xoshiro256** and its draws")
struct RandomTests {
    @Test("SplitMix64 from seed 0 gives the published first outputs")
    func splitMixReferenceValues() {
        // Reference values of Vigna's splitmix64.c for seed 0.
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test("The same seed gives the same numbers; another seed gives others")
    func determinism() {
        var a = Xoshiro256StarStar(seed: 42)
        var b = Xoshiro256StarStar(seed: 42)
        var c = Xoshiro256StarStar(seed: 43)
        let first = (0..<100).map { _ in a.next() }
        #expect(first == (0..<100).map { _ in b.next() })
        #expect(first != (0..<100).map { _ in c.next() })
    }

    @Test("Seed 42 gives the outputs of an independent Python transcription of xoshiro256**")
    func pinnedValues() {
        // Computed with a 20-line Python version of splitmix64 + xoshiro256** (Blackman & Vigna),
        // including the Fisher-Yates shuffle with the same rejection rule.
        var generator = Xoshiro256StarStar(seed: 42)
        #expect(generator.next() == 0x1578_0B2E_0C2E_C716)
        #expect(generator.next() == 0x6104_D986_6D11_3A7E)
        #expect(generator.next() == 0xAE17_5332_39E4_99A1)
        var shuffler = Xoshiro256StarStar(seed: 42)
        #expect(shuffler.permutation(10) == [7, 3, 8, 9, 5, 6, 4, 1, 0, 2])
    }

    @Test("Uniform draws lie in [0, 1) with mean 1/2 and variance 1/12 (seed 7, 100k draws)")
    func uniformMoments() {
        var generator = Xoshiro256StarStar(seed: 7)
        let draws = (0..<100_000).map { _ in Double(generator.uniformFloat()) }
        #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count)
        // Standard error of the mean is sqrt(1/12 / 1e5) = 9e-4; 5 standard errors.
        #expect(abs(mean - 0.5) < 5e-3)
        #expect(abs(variance - 1.0 / 12) < 2e-3)
    }

    @Test("Normal draws have the requested mean and standard deviation (seed 11, 100k draws)")
    func normalMoments() {
        var generator = Xoshiro256StarStar(seed: 11)
        let draws = (0..<100_000).map { _ in generator.normalDouble(mean: 2, standardDeviation: 3) }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let deviation = (draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count)).squareRoot()
        // Standard error of the mean: 3 / sqrt(1e5) = 0.0095.
        #expect(abs(mean - 2) < 0.05)
        #expect(abs(deviation - 3) < 0.05)
        #expect(draws.allSatisfy { $0.isFinite })
    }

    @Test("uniformInt covers 0..<bound evenly and a permutation holds every index once (seed 3)")
    func integersAndPermutations() {
        var generator = Xoshiro256StarStar(seed: 3)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[generator.uniformInt(below: 7)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
        let permutation = generator.permutation(1000)
        #expect(permutation.sorted() == Array(0..<1000))
        #expect(permutation != Array(0..<1000))
    }
}
