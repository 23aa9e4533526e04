// VAEBenchmark.swift: how long one training epoch of the issue's VAE takes on the digits, ours against
// PyTorch's on one thread. The model (Autoencoders' `DigitsVAE`): encoder 64 -> 128 ReLU -> mu and
// log sigma^2, decoder latent -> 128 ReLU -> 64 Bernoulli logits, Adam (alpha 0.001), batches of 64,
// a fresh eps per batch, on the 1,438 training images of the standard split (23 batches per epoch).
// Goals, in order: the same work on both sides (same layer sizes, batch, optimiser, loss: BCE from
// logits summed over pixels + the closed-form KL); one thread each (ours is single-threaded at these
// sizes; PyTorch is told `torch.set_num_threads(1)`); the best of several runs (the machine is
// shared); a "skipped" line, not a failure, when python3 or torch is missing. The test set's negative
// ELBO after the timed epochs is printed beside our time, so a faster run cannot hide a broken one.

import Autoencoders
import Core
import Foundation

/// The PyTorch side: the same VAE trained for `epochs` epochs on the first `rows` images of the
/// digits file, `runs` times; prints `seconds_per_epoch=` (best run) and `threads=1`.
let torchVAEScript = """
import sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.set_num_threads(1)
path, rows, latent, epochs, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
data = np.loadtxt(path, delimiter=",", dtype=np.float32)
x = torch.tensor(data[:rows, :64] / 16)
class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk, self.mean, self.log_variance = nn.Linear(64, 128), nn.Linear(128, latent), nn.Linear(128, latent)
        self.hidden, self.out = nn.Linear(latent, 128), nn.Linear(128, 64)
    def forward(self, x):
        h = F.relu(self.trunk(x))
        mu, log_variance = self.mean(h), self.log_variance(h)
        z = mu + torch.exp(0.5 * log_variance) * torch.randn_like(mu)
        return mu, log_variance, self.out(F.relu(self.hidden(z)))
best = float("inf")
for run in range(runs):
    torch.manual_seed(run)
    model = VAE()
    adam = torch.optim.Adam(model.parameters(), lr=1e-3)
    start = time.perf_counter()
    for epoch in range(epochs):
        order = torch.randperm(rows)
        for i in range(0, rows, 64):
            batch = x[order[i:i + 64]]
            mu, log_variance, logits = model(batch)
            reconstruction = F.binary_cross_entropy_with_logits(logits, batch, reduction="sum") / len(batch)
            kl = -0.5 * torch.sum(1 + log_variance - mu ** 2 - log_variance.exp()) / len(batch)
            adam.zero_grad()
            (reconstruction + kl).backward()
            adam.step()
    best = min(best, (time.perf_counter() - start) / epochs)
print(f"seconds_per_epoch={best:.5f} threads=1 torch={torch.__version__}")
"""

/// Our line and PyTorch's (or why it was skipped), and the ratio when both ran.
func vaeBenchmark(quick: Bool = false) -> [String] {
    let (epochs, runs, latent) = quick ? (3, 1, 2) : (20, 5, 2)
    let description = "vae digits layers=64-128-\(latent)-128-64 optimiser=adam learning_rate=0.001 batch=64 epochs=\(epochs)"
    guard let (train, test) = try? Digits.standardSplit() else {
        return ["\(description) skipped (the digits data file was not found)"]
    }
    var fastest = Double.infinity
    var testNegativeELBO: Float = 0
    for run in 0..<runs {
        var generator = Xoshiro256StarStar(seed: UInt64(run + 1))
        let start = DispatchTime.now().uptimeNanoseconds
        guard let (model, _) = try? DigitsVAE.train(latent: latent, on: train, epochs: epochs, generator: &generator) else {
            return ["\(description) kernel=ours failed: the loss diverged"]
        }
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9 / Double(epochs))
        testNegativeELBO = model.evaluate(test.images, samples: 10, generator: &generator).negativeELBO
    }
    var lines = ["\(description) kernel=ours threads=1 seconds_per_epoch=\(formatted(fastest, digits: 5))"
                 + " test_negative_elbo=\(formatted(testNegativeELBO, digits: 2)) runs=\(runs)"]
    let arguments = [DataFiles.path("digits.csv"), "\(train.images.rows)", "\(latent)", "\(epochs)", "\(runs)"]
    switch runPython(torchVAEScript, arguments: arguments, threads: 1) {
    case .failure(let problem):
        lines.append("\(description) kernel=pytorch skipped: \(problem.reason.replacingOccurrences(of: "numpy", with: "torch"))")
    case .success(let output):
        let line = output.split(separator: "\n").last.map(String.init) ?? ""
        lines.append("\(description) kernel=pytorch \(line) runs=\(runs)")
        if let theirs = number(after: "seconds_per_epoch=", in: line) {
            lines.append("result vae_seconds_per_epoch=\(formatted(fastest, digits: 5)) pytorch_seconds_per_epoch=\(formatted(theirs, digits: 5))"
                         + " pytorch_over_ours=\(formatted(theirs / fastest, digits: 2))")
        }
    }
    return lines
}

/// The number written after `key` in `line` (up to the next space), e.g. 0.01234 in "seconds_per_epoch=0.01234 threads=1".
private func number(after key: String, in line: String) -> Double? {
    guard let range = line.range(of: key) else { return nil }
    return Double(line[range.upperBound...].prefix { !$0.isWhitespace })
}
