// AttentionBenchmark.swift: multi-head self-attention, forward and backward, on the shapes
// (batch 32, length 64, d_model 64, 4 heads, one thread), against PyTorch's nn.MultiheadAttention on the
// same shapes when `python3 -c "import torch"` works, with the ratio.
// Goals, in order: the same work on both sides (Float32; the four projections without biases, since ours
// has none: bias=False in PyTorch; the attention weights computed and kept for the backward pass;
// gradients of the input and of every weight), best of several runs, both measured in one run; a
// "skipped" line, not a crash, without torch.
//
// PyTorch is timed two ways, its default (need_weights=True, returning the weights averaged over the
// heads) and need_weights=False (its fused scaled_dot_product_attention path); the ratio is against the
// faster of the two. Each side reports the best wall-clock time and, separately, the best CPU time of
// the measuring thread (clock_gettime(CLOCK_THREAD_CPUTIME_ID), Python's time.thread_time): on a
// machine shared with other work the CPU time is the steadier figure, so both ratios are printed.

import Attention
import Core
import Foundation
import NeuralNetworks

/// The shapes.
let attentionBenchmarkShape = (batch: 32, length: 64, modelWidth: 64, heads: 4)

/// The PyTorch side: prints `attention pytorch need_weights=... milliseconds=...` twice.
let torchAttentionScript = """
import sys, time
import torch
torch.set_num_threads(1)
batch, length, width, heads, repeats = (int(a) for a in sys.argv[1:6])
torch.manual_seed(0)
mha = torch.nn.MultiheadAttention(width, heads, bias=False, batch_first=True)
x = torch.randn(batch, length, width, requires_grad=True)
g = torch.randn(batch, length, width)
for need in (True, False):
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeats):
        mha.zero_grad(set_to_none=True)
        x.grad = None
        start, start_cpu = time.perf_counter(), time.thread_time()
        out, _ = mha(x, x, x, need_weights=need)
        out.backward(g)
        best_cpu = min(best_cpu, time.thread_time() - start_cpu)
        best = min(best, time.perf_counter() - start)
    print(f"attention pytorch need_weights={need} cpu_milliseconds={best_cpu * 1e3:.3f}")
    print(f"attention pytorch need_weights={need} milliseconds={best * 1e3:.3f}")
"""

/// Prints our figure, PyTorch's (or why it was skipped), and an `attention-result` line with the ratio.
func runAttentionBenchmarks(quick: Bool) {
    let (batch, length, width, heads) = attentionBenchmarkShape
    let repeats = quick ? 5 : 30
    print("# Multi-head self-attention, forward + backward (dJ/dX and the four projections' gradients), batch \(batch),"
          + " length \(length), d_model \(width), \(heads) heads, one thread; best of \(repeats) wall-clock and thread-CPU milliseconds")
    var generator = Xoshiro256StarStar(seed: 2024)
    let attention = MultiHeadAttention(modelWidth: width, heads: heads, generator: &generator)
    let x = generator.normalTensor(shape: [batch, length, width]), g = generator.normalTensor(shape: [batch, length, width])
    var sink: Float = 0
    var (wall, cpu) = (Double.infinity, Double.infinity)
    for _ in 0..<repeats {
        let (start, startCPU) = (DispatchTime.now().uptimeNanoseconds, threadCPUSeconds())
        _ = attention.forward(x, training: true)
        sink += attention.backward(g).scalars[0]
        cpu = min(cpu, threadCPUSeconds() - startCPU)
        wall = min(wall, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
    }
    if sink.isNaN { print("# (impossible: NaN)") }
    let (ours, oursCPU) = (wall * 1e3, cpu * 1e3)
    let shape = "batch=\(batch) length=\(length) d_model=\(width) heads=\(heads) threads=1"
    print("attention ours \(shape) milliseconds=\(formatted(ours, digits: 3)) cpu_milliseconds=\(formatted(oursCPU, digits: 3))")
    var result = ["ours_ms=\(formatted(ours, digits: 3))", "ours_cpu_ms=\(formatted(oursCPU, digits: 3))"]
    switch runPython(torchAttentionScript, arguments: ["\(batch)", "\(length)", "\(width)", "\(heads)", "\(repeats)"], threads: 1) {
    case .failure:
        print("attention pytorch skipped: python3 -c \"import torch\" fails (pip install torch --index-url https://download.pytorch.org/whl/cpu)")
        result.append("pytorch=skipped")
    case .success(let output):
        let (figures, cpuFigures) = (values(in: output, after: " milliseconds="), values(in: output, after: " cpu_milliseconds="))
        for (figure, cpuFigure) in zip(figures, cpuFigures) {
            print("\(figure.line) \(shape) milliseconds=\(formatted(figure.value, digits: 3)) cpu_milliseconds=\(formatted(cpuFigure.value, digits: 3))")
        }
        if let fastest = figures.map(\.value).min(), let fastestCPU = cpuFigures.map(\.value).min() {
            result += ["pytorch_fastest_ms=\(formatted(fastest, digits: 3))", "pytorch_fastest_cpu_ms=\(formatted(fastestCPU, digits: 3))",
                       "ours_over_pytorch=\(formatted(fastest / ours, digits: 2))", "ours_over_pytorch_cpu=\(formatted(fastestCPU / oursCPU, digits: 2))"]
        }
    }
    print("attention-result " + result.joined(separator: " "))
}

/// The CPU time the calling thread has used, in seconds (time the thread waited for the core is not counted).
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}
