// ConvolutionBenchmark.swift: images per second of a 3 x 3 convolution ("same" padding, stride 1,
// batch 64), forward and backward, for the direct SIMD loops and im2col + GEMM of the Convolution
// module, against numpy's im2col + matmul and PyTorch's `conv2d` on one thread, measured in the same run.
// Goals, in order: honest numbers (the same shapes and data type on all sides, best of several runs,
// numpy's fastest im2col we found: slices into a [C K K, N H W] matrix, then one matmul; PyTorch's
// own forward and `convolution_backward` for all three gradients); one `key=value` line per figure;
// the goals of issues 4 and 20 as ratios on a closing line, with the fraction of one core's peak.
//
// Call `runConvolutionBenchmarks(quick:)` from main.swift. Lines look like
//     conv forward size=28 channels=1->8 algorithm=direct threads=1 images_per_second=...
// Backward means all three gradients (input, weights, bias); backward-weights-only skips dJ/dX.

import Convolution
import Core
import Foundation

/// The shapes of the issue: (image side, input channels, output channels).
let convolutionBenchmarkShapes = [(28, 1, 8), (28, 8, 16), (8, 1, 8), (8, 8, 16)]

/// Prints the convolution figures and a `conv-result` line with the ratios to numpy and PyTorch;
/// returns the summary's convolution keys.
func runConvolutionBenchmarks(quick: Bool, peak: Double) -> [(String, String)] {
    let batch = 64
    let rounds = quick ? 1 : 3
    print("# Convolution 3x3, padding same, stride 1, batch \(batch): images/second, best of \(rounds) rounds"
          + " (backward = input, weight and bias gradients)")
    var best: [String: Double] = [:]
    var order: [String] = []
    func record(_ line: String, _ value: Double) {
        if best[line] == nil { order.append(line) }
        best[line] = max(best[line] ?? 0, value)
    }
    var numpySkipped: String? = nil
    var torchSkipped: String? = nil
    for _ in 0..<rounds {
        for (side, inputs, outputs) in convolutionBenchmarkShapes {
            let g = ConvolutionGeometry(channels: inputs, height: side, width: side, outputChannels: outputs, kernel: 3, padding: .same)
            for algorithm in [ConvolutionAlgorithm.direct, .im2col] {
                for threads in [1, 2] {
                    let key = "size=\(side) channels=\(inputs)->\(outputs) algorithm=\(algorithm) threads=\(threads)"
                    let (forward, backward, weightGradient) = convolutionImagesPerSecond(g, batch: batch, algorithm: algorithm,
                                                                                         threads: threads)
                    record("conv forward \(key)", forward)
                    record("conv backward \(key)", backward)
                    record("conv backward-weights-only \(key)", weightGradient)
                }
            }
        }
        if numpySkipped == nil {
            switch measureNumpyConvolution(batch: batch) {
            case .measured(let figures): for figure in figures { record(figure.line, figure.imagesPerSecond) }
            case .skipped(let reason): numpySkipped = reason
            }
        }
        if torchSkipped == nil {
            switch runPython(torchConvolutionScript, arguments: ["\(batch)"], threads: 1) {
            case .failure: torchSkipped = "torch not installed"
            case .success(let output): for figure in values(in: output, after: " ips=") { record(figure.line, figure.value) }
            }
        }
    }
    for line in order { print("\(line) images_per_second=\(Int(best[line]!.rounded()))") }
    if let numpySkipped { print("conv numpy skipped: \(numpySkipped)") }
    if let torchSkipped { print("conv torch skipped: \(torchSkipped)") }

    // Issue 4: forward against numpy, with `automatic`'s choice, one thread against numpy on one
    // thread, then two threads against numpy's better figure. Issue 20: forward and backward on one
    // thread against PyTorch on one thread, and the forward's fraction of one core's peak.
    var result: [String] = []
    var summary: [(String, String)] = []
    for (side, inputs, outputs) in convolutionBenchmarkShapes {
        let g = ConvolutionGeometry(channels: inputs, height: side, width: side, outputChannels: outputs, kernel: 3, padding: .same)
        let chosen = ConvolutionAlgorithm.choice(for: g)
        let shape = "size=\(side) channels=\(inputs)->\(outputs)", name = "\(side)_\(inputs)to\(outputs)"
        guard let one = best["conv forward \(shape) algorithm=\(chosen) threads=1"],
              let two = best["conv forward \(shape) algorithm=\(chosen) threads=2"],
              let backward = best["conv backward \(shape) algorithm=\(chosen) threads=1"] else { continue }
        let fraction = one * 2 * Double(g.multiplyAddsPerImage) / 1e9 / peak
        print("conv forward \(shape) algorithm=\(chosen) threads=1 fraction_of_peak=\(formatted(fraction, digits: 2))")
        summary.append(("conv_\(name)_forward_fraction_of_peak", formatted(fraction, digits: 2)))
        if let numpyOne = best["conv forward \(shape) algorithm=numpy threads=1"] {
            let numpyBest = max(numpyOne, best["conv forward \(shape) algorithm=numpy threads=2"] ?? 0)
            result.append("forward_\(name)_\(chosen)_over_numpy=\(formatted(one / numpyOne, digits: 1))")
            result.append("forward_\(name)_\(chosen)_threads2_over_numpy=\(formatted(two / numpyBest, digits: 1))")
        }
        if let torchForward = best["conv forward \(shape) algorithm=torch threads=1"],
           let torchBackward = best["conv backward \(shape) algorithm=torch threads=1"] {
            summary.append(("conv_\(name)_forward_over_torch", formatted(one / torchForward, digits: 2)))
            summary.append(("conv_\(name)_backward_over_torch", formatted(backward / torchBackward, digits: 2)))
        }
    }
    print("conv-result " + (result.isEmpty ? "numpy=skipped" : result.joined(separator: " ")))
    return summary
}

/// PyTorch's convolution on one thread, forward (`conv2d` without autograd) and backward (the input,
/// weight and bias gradients in one `convolution_backward`), on the same shapes.
let torchConvolutionScript = """
import sys, time
import torch
import torch.nn.functional as F
torch.set_num_threads(1)
batch = int(sys.argv[1])
torch.manual_seed(4)
def best(f, repeats):
    f(); f(); t = float("inf")
    for _ in range(repeats):
        s = time.perf_counter(); f(); t = min(t, time.perf_counter() - s)
    return t
for side, cin, cout in [(28, 1, 8), (28, 8, 16), (8, 1, 8), (8, 8, 16)]:
    x, w = torch.randn(batch, cin, side, side), torch.randn(cout, cin, 3, 3)
    b, dy = torch.randn(cout), torch.randn(batch, cout, side, side)
    def forward():
        with torch.no_grad():
            return F.conv2d(x, w, b, padding=1)
    def backward():
        return torch.ops.aten.convolution_backward(dy, x, w, [cout], [1, 1], [1, 1], [1, 1], False, [0, 0], 1, [True, True, True])
    repeats = max(3, min(200, 100_000_000 // (batch * side * side * cout * cin * 9)))
    shape = f"size={side} channels={cin}->{cout} algorithm=torch threads=1"
    print(f"conv forward {shape} ips={batch / best(forward, repeats)}")
    print(f"conv backward {shape} ips={batch / best(backward, max(3, repeats // 3))}")
"""

/// Forward and backward images per second of one shape, best of a few timed runs (seeded inputs).
func convolutionImagesPerSecond(_ g: ConvolutionGeometry, batch: Int, algorithm: ConvolutionAlgorithm,
                                threads: Int) -> (forward: Double, backward: Double, weightGradient: Double) {
    var generator = Xoshiro256StarStar(seed: 4)
    let x = generator.normalTensor(shape: g.inputShape(batch: batch))
    let w = generator.normalTensor(shape: g.weightShape)
    let b = generator.normalTensor(shape: [g.outputChannels])
    let dy = generator.normalTensor(shape: g.outputShape(batch: batch))
    // About 0.1 s of work per figure: enough repeats that the best one is a steady-state time.
    let repeats = max(3, min(200, 100_000_000 / max(1, batch * g.multiplyAddsPerImage)))
    var checksum: Float = 0
    let forward = bestTime(repeats: repeats) {
        checksum += convolve2D(x, weights: w, bias: b, geometry: g, algorithm: algorithm, threads: threads).scalars[0]
    }
    let backward = bestTime(repeats: max(3, repeats / 3)) {
        checksum += convolve2DBackward(input: x, outputGradient: dy, weights: w, geometry: g, algorithm: algorithm,
                                       threads: threads).weights.scalars[0]
    }
    // The weight and bias gradients alone (a first layer needs no dJ/dX): the rest of `backward` is dJ/dX.
    let weightGradient = bestTime(repeats: max(3, repeats / 3)) {
        checksum += convolve2DBackward(input: x, outputGradient: dy, weights: w, geometry: g, computeInputGradient: false,
                                       algorithm: algorithm, threads: threads).weights.scalars[0]
    }
    if checksum.isNaN { print("# (impossible: NaN)") }   // keeps the results alive
    return (Double(batch) / forward, Double(batch) / backward, Double(batch) / weightGradient)
}

/// numpy's im2col convolution, forward and backward, in a python3 subprocess (the same shapes).
let numpyConvolutionScript = """
import sys, time
import numpy as np
threads, batch = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(4)
def best(f, repeats):
    f(); t = float("inf")
    for _ in range(repeats):
        s = time.perf_counter(); f(); t = min(t, time.perf_counter() - s)
    return t
for side, cin, cout in [(28, 1, 8), (28, 8, 16), (8, 1, 8), (8, 8, 16)]:
    k = 3
    x = rng.standard_normal((batch, cin, side, side)).astype(np.float32)
    w = rng.standard_normal((cout, cin * k * k)).astype(np.float32)
    b = rng.standard_normal(cout).astype(np.float32)
    dy = rng.standard_normal((batch, cout, side, side)).astype(np.float32)
    def patches():
        xp = np.zeros((batch, cin, side + 2, side + 2), np.float32); xp[:, :, 1:-1, 1:-1] = x
        cols = np.empty((cin, k, k, batch, side, side), np.float32)
        for i in range(k):
            for j in range(k):
                cols[:, i, j] = xp[:, :, i:i + side, j:j + side].transpose(1, 0, 2, 3)
        return cols.reshape(cin * k * k, -1)
    def forward():
        y = w @ patches() + b[:, None]
        return np.ascontiguousarray(y.reshape(cout, batch, side, side).transpose(1, 0, 2, 3))
    def backward():
        g = dy.transpose(1, 0, 2, 3).reshape(cout, -1)
        dw = g @ patches().T
        db = g.sum(axis=1)
        dcols = (w.T @ g).reshape(cin, k, k, batch, side, side)
        dxp = np.zeros((batch, cin, side + 2, side + 2), np.float32)
        for i in range(k):
            for j in range(k):
                dxp[:, :, i:i + side, j:j + side] += dcols[:, i, j].transpose(1, 0, 2, 3)
        return dw, db, dxp[:, :, 1:-1, 1:-1]
    repeats = max(3, min(200, 100_000_000 // (batch * side * side * cout * cin * k * k)))
    shape = f"size={side} channels={cin}->{cout} algorithm=numpy threads={threads}"
    print(f"conv forward {shape} ips={batch / best(forward, repeats)}")
    print(f"conv backward {shape} ips={batch / best(backward, max(3, repeats // 3))}")
"""

/// numpy's figures keyed by their line without the value, or why numpy could not be measured.
enum NumpyConvolutionResults {
    case measured([(line: String, imagesPerSecond: Double)])
    case skipped(reason: String)
}

/// Runs the numpy script with OPENBLAS_NUM_THREADS = 1, then 2.
func measureNumpyConvolution(batch: Int) -> NumpyConvolutionResults {
    var figures: [(line: String, imagesPerSecond: Double)] = []
    for threads in [1, 2] {
        switch runPython(numpyConvolutionScript, arguments: ["\(threads)", "\(batch)"], threads: threads) {
        case .failure(let problem): return .skipped(reason: problem.reason)
        case .success(let output): figures += values(in: output, after: " ips=").map { ($0.line, $0.value) }
        }
    }
    return .measured(figures)
}
