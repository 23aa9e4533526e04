// CapsulesBenchmark.swift: seconds for one training epoch of the digits CapsNet (conv 1 -> 32 3x3 ReLU,
// 128 primary capsules of 8-D, 10 x 16-D digit capsules with r = 3, margin loss + 0.0005 x the masked
// decoder's reconstruction, Adam, mini-batches of 32, the 1,438 training digits), against the same
// architecture in PyTorch measured in the same run when `python3 -c "import torch"` works.
// Goals, in order: the same work on both sides (same layers and sizes, routing with gradients through
// all three iterations, the same losses and optimiser, float32); wall-clock seconds AND process CPU
// seconds, so that a shared, loaded machine does not decide the comparison; a "skipped" line, not a
// crash, without torch.
//
// Our convolutions use the machine's cores by default (the Convolution module's choice) and the rest
// runs on one thread; process CPU seconds add up every thread (and the helpers' spinning), so "ours in
// CPU seconds below PyTorch's one-thread epoch" means ours would be faster on one thread.

import Capsules
import Convolution
import Core
import Foundation

/// The PyTorch CapsNet: the same sizes, routing and losses as `CapsuleNetwork()` (see the file header).
/// Arguments: threads, timed epochs (after one untimed warm-up epoch), the CSV of training rows (64 pixels
/// in [0, 1], then the label).
let torchCapsNetScript = """
import sys, time
import numpy as np
import torch
import torch.nn.functional as F
threads, epochs, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
torch.set_num_threads(threads)
torch.manual_seed(1)
data = np.loadtxt(path, delimiter=",", dtype=np.float32)
x = torch.from_numpy(data[:, :64].copy()).reshape(-1, 1, 8, 8)
y = torch.from_numpy(data[:, 64].astype(np.int64))
conv1, primary = torch.nn.Conv2d(1, 32, 3), torch.nn.Conv2d(32, 64, 3)
W = torch.nn.Parameter(torch.empty(128, 10, 16, 8).uniform_(-0.5, 0.5))
decoder = torch.nn.Sequential(torch.nn.Linear(160, 64), torch.nn.ReLU(), torch.nn.Linear(64, 128), torch.nn.ReLU(),
                              torch.nn.Linear(128, 64), torch.nn.Sigmoid())
adam = torch.optim.Adam(list(conv1.parameters()) + list(primary.parameters()) + [W] + list(decoder.parameters()), lr=0.002)
def squash(s):
    n2 = (s * s).sum(-1, keepdim=True)
    return s * (n2.sqrt() / (1 + n2))
def step(images, labels):
    n = images.shape[0]
    p = primary(F.relu(conv1(images)))
    u = squash(p.view(n, 8, 8, 16).permute(0, 1, 3, 2).reshape(n, 128, 8))
    u_hat = torch.einsum("ijdk,nik->nijd", W, u)
    b = torch.zeros(n, 128, 10)
    for _ in range(3):
        c = torch.softmax(b, dim=2)
        v = squash((c.unsqueeze(-1) * u_hat).sum(1))
        b = b + (u_hat * v.unsqueeze(1)).sum(-1)
    lengths = v.norm(dim=-1)
    t = F.one_hot(labels, 10).float()
    margin = (t * F.relu(0.9 - lengths) ** 2 + 0.5 * (1 - t) * F.relu(lengths - 0.1) ** 2).sum(1).mean()
    recon = decoder((v * t.unsqueeze(-1)).reshape(n, 160))
    loss = margin + 0.0005 * ((recon - images.reshape(n, 64)) ** 2).sum(1).mean()
    adam.zero_grad()
    loss.backward()
    adam.step()
best_wall, best_cpu = float("inf"), float("inf")
for epoch in range(epochs + 1):
    order = torch.randperm(len(y))
    wall, cpu = time.perf_counter(), time.process_time()
    for k in range(0, len(y), 32):
        step(x[order[k:k + 32]], y[order[k:k + 32]])
    if epoch > 0:
        best_wall, best_cpu = min(best_wall, time.perf_counter() - wall), min(best_cpu, time.process_time() - cpu)
print(f"capsnet epoch framework=pytorch threads={threads} seconds={best_wall:.4f}")
print(f"capsnet epoch framework=pytorch threads={threads} cpu_seconds={best_cpu:.4f}")
"""

/// Prints our and PyTorch's seconds per CapsNet epoch and a `capsnet-result` line with the ratios.
func runCapsulesBenchmarks(quick: Bool) {
    let rounds = quick ? 1 : 3
    print("# CapsNet on the digits: one training epoch (1,438 images, batch 32, Adam, r = 3, reconstruction);"
          + " best of \(rounds) rounds; cpu_seconds = process CPU time, all threads")
    guard let (train, _) = try? Digits.standardSplit() else {
        print("capsnet skipped (the digits data file was not found)")
        return
    }
    var best: [String: (wall: Double, cpu: Double)] = [:]
    var order: [String] = []
    func record(_ line: String, _ wall: Double, _ cpu: Double) {
        if best[line] == nil { order.append(line) }
        let old = best[line] ?? (.infinity, .infinity)
        best[line] = (min(old.wall, wall), min(old.cpu, cpu))
    }
    var torchSkipped: String? = nil
    let dataPath = writeTrainingRows(train)
    for round in 0..<rounds {
        var generator = Xoshiro256StarStar(seed: UInt64(round + 1))
        let network = CapsuleNetwork(generator: &generator)
        let (wall, cpu) = (DispatchTime.now().uptimeNanoseconds, clock())
        _ = try? network.train(on: train, epochs: 1, generator: &generator)
        record("capsnet epoch framework=swift threads=\(defaultConvolutionThreads)",
               Double(DispatchTime.now().uptimeNanoseconds - wall) * 1e-9, Double(clock() - cpu) / Double(CLOCKS_PER_SEC))
        guard torchSkipped == nil, let dataPath else { continue }
        // One thread only: the goal's comparison. (PyTorch on two threads took 6-14x longer than on one on
        // the shared, loaded 2-core machine: its threads spin waiting for a core.)
        switch runPython(torchCapsNetScript, arguments: ["1", "1", dataPath], threads: 1) {
        case .failure(let problem): torchSkipped = problem.reason.replacingOccurrences(of: "numpy", with: "torch")
        case .success(let output):
            if let wall = values(in: output, after: " seconds=").first, let cpu = values(in: output, after: " cpu_seconds=").first {
                record(wall.line, wall.value, cpu.value)
            }
        }
    }
    for line in order {
        print("\(line) seconds=\(formatted(best[line]!.wall, digits: 3)) cpu_seconds=\(formatted(best[line]!.cpu, digits: 3))")
    }
    if let torchSkipped { print("capsnet pytorch skipped: \(torchSkipped)") }
    let ours = best["capsnet epoch framework=swift threads=\(defaultConvolutionThreads)"]
    let torchOne = best["capsnet epoch framework=pytorch threads=1"]
    var result = ["swift_seconds=\(formatted(ours?.wall ?? 0, digits: 3))", "swift_cpu_seconds=\(formatted(ours?.cpu ?? 0, digits: 3))"]
    if let ours, let torchOne {
        result.append("pytorch_threads1_seconds=\(formatted(torchOne.wall, digits: 3))")
        result.append("pytorch_threads1_over_swift_cpu=\(formatted(torchOne.cpu / ours.cpu, digits: 2))")
        result.append("pytorch_threads1_over_swift_wall=\(formatted(torchOne.wall / ours.wall, digits: 2))")
    } else {
        result.append("pytorch=skipped")
    }
    print("capsnet-result " + result.joined(separator: " "))
}

/// The training digits as a temporary CSV for the Python side (64 pixels, then the label), or nil.
func writeTrainingRows(_ digits: Digits) -> String? {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("capsnet-benchmark-digits.csv")
    let lines = (0..<digits.labels.count).map { row in digits.images.row(row).map { "\($0)" }.joined(separator: ",") + ",\(digits.labels[row])" }
    return (try? (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)) == nil ? nil : path
}
