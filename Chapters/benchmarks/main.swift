// benchmarks: how fast are the kernels of Core, against the naive loops and against numpy/OpenBLAS?
// Goals, in order: honest numbers (same sizes, same data type, best of several timed runs, numpy and
// PyTorch on one thread measured in the same run); one `key=value` line per figure so the output can
// be pasted or parsed, and a closing `summary` line with the ratios of issue 20 and the fraction of
// one core's measured peak (Peak.swift); a short run (`--quick`) for checking that it works.
//
// Run it optimised, or the numbers mean nothing:
//
//     swift run -c release benchmarks            # n = 64, 128, 256, 512, 1024
//     swift run -c release benchmarks --quick    # n = 64, 128, 256 only, fewer repeats
//     swift run -c release benchmarks --only conv   # one part: gemm, mlp, sparse, conv, vae, capsules, gan, lstm or attention
//
// GEMM speed is reported as 2 n^3 / seconds / 1e9 (GFLOP/s): an n x n product does n^3
// multiply-adds. A dot product of length n does 2n flops.

import Core
import Foundation

/// The command line: `--quick`, `--only SECTION`, or nothing.
struct Options {
    /// The parts of the benchmark, in the order they run.
    static let sections = ["gemm", "mlp", "sparse", "conv", "vae", "capsules", "gan", "lstm", "attention"]

    var quick = false
    /// The sections to run: all of them unless `--only` names one.
    var sections = Options.sections

    static let usage = "usage: benchmarks [--quick] [--only \(sections.joined(separator: "|"))] [--help]\n"
        + "  Speed of the kernels and models against the naive loops and numpy (if python3 has it).\n"
        + "  --quick        only n = 64, 128 and 256, fewer repeats\n"
        + "  --only SECTION run one part: gemm (and dot), mlp (the digits MLP and CNN), sparse (sparse coding), conv (convolution),\n"
        + "                 vae (a VAE epoch), capsules (a CapsNet epoch), gan (1,000 GAN steps on the ring),\n"
        + "                 lstm (an LSTM's sequences per second) or attention (multi-head attention against PyTorch)"

    /// Parses the arguments; prints usage and exits 0 for --help, 2 for anything unknown.
    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var arguments = arguments[...]
        while let argument = arguments.popFirst() {
            switch argument {
            case "--quick": options.quick = true
            case "--only":
                guard let section = arguments.popFirst(), sections.contains(section) else {
                    FileHandle.standardError.write(Data("benchmarks: --only needs one of \(sections.joined(separator: ", "))\n\(usage)\n".utf8))
                    exit(2)
                }
                options.sections = [section]
            case "--help", "-h":
                print(usage)
                exit(0)
            default:
                FileHandle.standardError.write(Data("benchmarks: unknown argument '\(argument)'\n\(usage)\n".utf8))
                exit(2)
            }
        }
        return options
    }
}

/// The shortest of `repeats` timings of `body`, in seconds (the best run is the one least disturbed
/// by other processes; the machine is shared).
func bestTime(repeats: Int, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
    }
    return best
}

/// GFLOP/s of C = A B for n x n matrices (2 n^3 flops), best of `repeats`, with the given micro-kernel.
func gemmGigaflops(n: Int, kernel: String, threads: Int, repeats: Int,
                   microKernel: GEMMMicroKernel = .preferred) -> Double {
    var generator = Xoshiro256StarStar(seed: 2024)
    let a = (0..<(n * n)).map { _ in generator.uniform(-1, 1) }
    let b = (0..<(n * n)).map { _ in generator.uniform(-1, 1) }
    var c = [Float](repeating: 0, count: n * n)
    let seconds = bestTime(repeats: repeats) {
        if kernel == "naive" {
            Reference.gemm(transposeA: false, transposeB: false, m: n, n: n, k: n, alpha: 1, a: a, lda: n,
                           b: b, ldb: n, beta: 0, c: &c, ldc: n)
        } else {
            Kernels.gemm(transposeA: false, transposeB: false, m: n, n: n, k: n, alpha: 1, a: a, lda: n,
                         b: b, ldb: n, beta: 0, c: &c, ldc: n, threads: threads, microKernel: microKernel)
        }
    }
    return 2 * Double(n) * Double(n) * Double(n) / seconds / 1e9
}

/// GFLOP/s of x . y for length n (2n flops), timing `calls` calls at once, best of `repeats`.
/// Each call reads a window shifted by one element, so the compiler cannot reuse the previous answer.
func dotGigaflops(n: Int, kernel: String, calls: Int, repeats: Int) -> Double {
    var generator = Xoshiro256StarStar(seed: 7)
    let x = (0..<(n + 8)).map { _ in generator.uniform(-1, 1) }
    let y = (0..<(n + 8)).map { _ in generator.uniform(-1, 1) }
    var total: Float = 0
    let seconds = x.withUnsafeBufferPointer { x in
        y.withUnsafeBufferPointer { y in
            bestTime(repeats: repeats) {
                for call in 0..<calls {
                    let window = (call % 8)..<(call % 8 + n)
                    let (xWindow, yWindow) = (UnsafeBufferPointer(rebasing: x[window]), UnsafeBufferPointer(rebasing: y[window]))
                    total += kernel == "naive" ? Reference.dot(xWindow, yWindow) : Kernels.dot(xWindow, yWindow)
                }
            }
        }
    }
    if total.isNaN { print("# (impossible: NaN)") }   // keeps the sums alive, so the calls are not removed
    return 2 * Double(n) * Double(calls) / seconds / 1e9
}

/// GEMM at several sizes (both micro-kernels on one thread) and a dot product, against the naive
/// loops, numpy and PyTorch, with a `result` line; returns the summary's GEMM keys.
func runGemmBenchmarks(quick: Bool, peak: Double) -> [(String, String)] {
    let sizes = quick ? [64, 128, 256] : [64, 128, 256, 512, 1024]
    let rounds = quick ? 1 : 5            // every figure is measured in each round; the best is kept
    let naiveLimit = 512                          // the triple loop takes seconds beyond this
    let preferred = GEMMMicroKernel.preferred
    let other: GEMMMicroKernel = preferred == .sixBySixteen ? .eightByThirtyTwo : .sixBySixteen
    print("# GEMM C = A B on n x n Float matrices, and a dot product; GFLOP/s, best of \(rounds) rounds of several runs")
    print("# CPU: \(ProcessInfo.processInfo.activeProcessorCount) cores; kernel=naive is Reference (plain loops), simd is Kernels"
          + " with this CPU's micro-kernel, \(preferred) (the \(other) line is the other one, on one thread)")

    // Figures keyed by their line, measured round by round (numpy too) so a burst of load from
    // other processes hits one round, not all, and both libraries see the same conditions.
    var best: [String: Double] = [:]
    var order: [String] = []
    func record(_ line: String, _ value: Double) {
        if best[line] == nil { order.append(line) }
        best[line] = max(best[line] ?? 0, value)
    }
    var numpySkipped: String? = nil
    var torchSkipped = false
    for round in 0..<rounds {
        record("dot n=65536 kernel=simd", dotGigaflops(n: 65536, kernel: "simd", calls: 200, repeats: 10))
        record("dot n=65536 kernel=naive", dotGigaflops(n: 65536, kernel: "naive", calls: 20, repeats: 3))
        for n in sizes {
            let repeats = max(8, min(40, 2_000_000_000 / (2 * n * n * n)))   // at least 8: n = 1024 takes 20 ms, often interrupted here
            if n <= naiveLimit && round == 0 {
                record("gemm n=\(n) kernel=naive threads=1", gemmGigaflops(n: n, kernel: "naive", threads: 1, repeats: 2))
            }
            for threads in [1, 2] {
                record("gemm n=\(n) kernel=simd threads=\(threads)",
                       gemmGigaflops(n: n, kernel: "simd", threads: threads, repeats: repeats))
            }
            record("gemm n=\(n) kernel=simd microkernel=\(other) threads=1",
                   gemmGigaflops(n: n, kernel: "simd", threads: 1, repeats: repeats, microKernel: other))
        }
        if numpySkipped == nil {
            switch measureNumpy(sizes: sizes) {
            case .measured(let figures, let skipped):
                for figure in figures { record(figure.line, figure.gigaflops) }
                torchSkipped = skipped
            case .skipped(let reason): numpySkipped = reason
            }
        }
    }
    let isPython = { (line: String) in line.contains("numpy") || line.contains("torch") }
    for line in order where !isPython(line) { print("\(line) gflops=\(formatted(best[line]!, digits: 1))") }
    for n in sizes where n > naiveLimit {
        print("gemm n=\(n) kernel=naive threads=1 skipped (the triple loop takes seconds at n > \(naiveLimit))")
    }
    for line in order where isPython(line) { print("\(line) gflops=\(formatted(best[line]!, digits: 1))") }
    if let numpySkipped { print("numpy skipped: \(numpySkipped)") }
    if torchSkipped { print("torch skipped: torch not installed") }

    // The goals of issues 2 and 20, as ratios measured in this run.
    var summary: [(String, String)] = []
    for n in sizes {
        guard let ours = best["gemm n=\(n) kernel=simd threads=1"] else { continue }
        let fraction = ours / peak
        print("gemm n=\(n) kernel=simd threads=1 fraction_of_peak=\(formatted(fraction, digits: 2)) (peak \(formatted(peak, digits: 1)) GFLOP/s)")
        if n >= 128 { summary.append(("gemm_n\(n)_fraction_of_peak", formatted(fraction, digits: 2))) }
        if let numpy = best["gemm n=\(n) kernel=numpy threads=1"] {
            summary.append(("gemm_n\(n)_over_numpy", formatted(ours / numpy, digits: 2)))
        }
        if let torch = best["gemm n=\(n) kernel=torch threads=1"] {
            summary.append(("gemm_n\(n)_over_torch", formatted(ours / torch, digits: 2)))
        }
    }
    if let one = best["gemm n=1024 kernel=simd threads=1"], let two = best["gemm n=1024 kernel=simd threads=2"] {
        summary.append(("gemm_n1024_two_threads_over_one", formatted(two / one, digits: 2)))
    }
    summary.append(("gemm_microkernel", "\(preferred)"))
    print("result " + summary.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
    return summary
}

func run() {
    let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
    // One core's measured FMA peak, for the GEMM and convolution figures as a fraction of it.
    var summary: [(String, String)] = []
    let needsPeak = options.sections.contains("gemm") || options.sections.contains("conv")
    let peak = needsPeak ? measuredPeakGigaflops() : 0
    if needsPeak {
        print("peak one core: \(formatted(peak, digits: 1)) GFLOP/s float32 (a loop of nothing but fused multiply-adds, best of 40 short runs)")
        summary.append(("peak_gflops", formatted(peak, digits: 1)))
    }
    for section in options.sections {
        switch section {
        case "gemm":
            summary += runGemmBenchmarks(quick: options.quick, peak: peak)
        case "mlp":
            print("# MLP training: the DAT300 digits network, Dense(64, ReLU) -> Dense(10, softmax), batch 32, Adam")
            print(mlpBenchmark(quick: options.quick))
            print("# The digits MLP and the digits CNN, one epoch, against the same networks in PyTorch on one thread")
            summary += runDigitsEpochBenchmarks(quick: options.quick)
        case "sparse":
            print("# Sparse coding: OMP on a 64 x 256 dictionary, K-SVD and MOD on the 2006 paper's setup")
            runSparseCodingBenchmarks()
        case "vae":
            print("# VAE training: the digits VAE of issue 14, seconds per epoch, ours against PyTorch on one thread")
            vaeBenchmark(quick: options.quick).forEach { print($0) }
        case "capsules":
            runCapsulesBenchmarks(quick: options.quick)
        case "gan":
            print("# GAN: 1,000 training steps on the ring (the gan chapter's networks, batch 256), against PyTorch, one thread each")
            for line in ganBenchmark(quick: options.quick) { print(line) }
        case "lstm":
            print("# LSTM: sequences per second, forward and backward through time, one thread, against PyTorch's nn.LSTM")
            runRecurrentBenchmarks(quick: options.quick)
        case "attention":
            runAttentionBenchmarks(quick: options.quick)
        default:
            print("# Convolution: images per second, forward and backward, direct SIMD loops against im2col + GEMM")
            summary += runConvolutionBenchmarks(quick: options.quick, peak: peak)
        }
    }
    // The issue's key figures on one line (the torch keys only when torch imports).
    print("summary " + (summary.isEmpty ? "none=1" : summary.map { "\($0.0)=\($0.1)" }.joined(separator: " ")))
}

run()
