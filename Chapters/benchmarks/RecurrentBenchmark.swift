// RecurrentBenchmark.swift: an LSTM layer's forward and backward pass (BPTT, dJ/dX included) over a
// batch of 32 sequences of 50 steps, 16 inputs, 64 units, on one thread, in sequences per second;
// PyTorch's `nn.LSTM` on the same shapes, one thread, in the same run when python3 has torch.
// Goals, in order: the same work on both sides (float32, J = sum(C ⊙ H) so dJ/dH is a fixed tensor,
// the input's gradient asked for on both); best of several timed rounds, ours and theirs in turn;
// "skipped", not a crash, without torch.

import Core
import Foundation
import Recurrent

/// The Python side: prints `lstm torch ... sequences_per_second=...` for one thread.
let torchLSTMScript = """
import sys, time
import torch
torch.set_num_threads(1)
torch.manual_seed(0)
batch, steps, inputs, units, rounds = (int(a) for a in sys.argv[1:6])
lstm = torch.nn.LSTM(inputs, units, batch_first=True)
x = torch.randn(batch, steps, inputs, requires_grad=True)
g = torch.randn(batch, steps, units)
def once():
    out, _ = lstm(x)
    (out * g).sum().backward()
for _ in range(3):
    once()
best = float("inf")
for _ in range(rounds):
    start = time.perf_counter()
    for _ in range(10):
        once()
    best = min(best, (time.perf_counter() - start) / 10)
print(f"lstm torch={torch.__version__} sequences_per_second={batch / best:.1f}")
"""

/// Our LSTM's sequences per second (forward + backward), the best of `rounds` rounds of 10 passes each.
func lstmSequencesPerSecond(batch: Int, steps: Int, inputs: Int, units: Int, rounds: Int) -> Double {
    var generator = Xoshiro256StarStar(seed: 1)
    let lstm = LSTM(inputs: inputs, units: units, returnsSequences: true, generator: &generator)
    let x = generator.normalTensor(shape: [batch, steps, inputs]), g = generator.normalTensor(shape: [batch, steps, units])
    var checksum: Float = 0
    for _ in 0..<3 { _ = lstm.forward(x, training: true); checksum += lstm.backward(g).scalars[0] }
    let seconds = bestTime(repeats: rounds) {
        for _ in 0..<10 {
            _ = lstm.forward(x, training: true)
            checksum += lstm.backward(g).scalars[0]
        }
    }
    if checksum.isNaN { print("# (impossible: NaN)") }
    return Double(batch) * 10 / seconds
}

/// The benchmark's lines and its `lstm-result` line. Ours and PyTorch's are measured in alternating
/// rounds (each the best of several passes), and the best of each is kept, so a burst of load from
/// other processes hits one round of one side, not all of it.
func runRecurrentBenchmarks(quick: Bool) {
    let (batch, steps, inputs, units) = (32, 50, 16, 64)
    let (rounds, passes) = quick ? (1, 2) : (3, 5)
    let shape = "batch=\(batch) steps=\(steps) inputs=\(inputs) units=\(units) threads=1"
    var (ours, theirs): (Double, Double?) = (0, nil)
    var torchLine = "", skipped: String? = nil
    for _ in 0..<rounds {
        ours = max(ours, lstmSequencesPerSecond(batch: batch, steps: steps, inputs: inputs, units: units, rounds: passes))
        guard skipped == nil else { continue }
        switch runPython(torchLSTMScript, arguments: ["\(batch)", "\(steps)", "\(inputs)", "\(units)", "\(passes)"], threads: 1) {
        case .failure(let problem):
            skipped = problem.reason.replacingOccurrences(of: "numpy", with: "torch")
        case .success(let output):
            guard let figure = values(in: output, after: " sequences_per_second=").first else { skipped = "unreadable output"; continue }
            theirs = max(theirs ?? 0, figure.value)
            torchLine = figure.line.replacingOccurrences(of: "lstm ", with: "")
        }
    }
    print("lstm forward+backward \(shape) ours sequences_per_second=\(formatted(ours, digits: 1))")
    guard let theirs, skipped == nil else {
        print("lstm torch skipped: \(skipped ?? "not measured")")
        print("lstm-result ours=\(formatted(ours, digits: 1)) torch=skipped")
        return
    }
    print("lstm forward+backward \(shape) \(torchLine) sequences_per_second=\(formatted(theirs, digits: 1))")
    print("lstm-result ours=\(formatted(ours, digits: 1)) torch=\(formatted(theirs, digits: 1)) ratio=\(formatted(ours / theirs, digits: 2))")
}
