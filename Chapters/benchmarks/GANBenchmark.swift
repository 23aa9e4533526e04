// GANBenchmark.swift: how long 1,000 training steps of the chapter's GAN on the ring take (the gan
// chapter's networks: G 2-64-64-2 with ReLU, D 2-64-64-1 with leaky ReLU, batch 256, k = 1, the
// non-saturating loss, Adam with beta1 = 0.5 for both players), against PyTorch on the same networks,
// one thread each (our GEMM runs on one thread unless asked; torch.set_num_threads(1)).
// Goals, in order: the same work on both sides (a step draws 256 ring samples and 2 x 256 noise rows,
// does D's step on the stacked batch and G's step through D); best of three timed runs after a warm-up;
// "skipped", not a crash, when torch is not installed.

import Core
import Foundation
import GenerativeAdversarial

/// The PyTorch side: prints `gan ring steps=... kernel=torch threads=1 seconds=...`.
let torchGANScript = """
import sys, time, math
import torch
torch.set_num_threads(1)
steps, batch, hidden = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
torch.manual_seed(1)
def mlp(out, act):
    return torch.nn.Sequential(torch.nn.Linear(2, hidden), act(), torch.nn.Linear(hidden, hidden), act(), torch.nn.Linear(hidden, out))
G = mlp(2, torch.nn.ReLU)
D = mlp(1, lambda: torch.nn.LeakyReLU(0.2))
og = torch.optim.Adam(G.parameters(), lr=1e-3, betas=(0.5, 0.999))
od = torch.optim.Adam(D.parameters(), lr=1e-3, betas=(0.5, 0.999))
bce = torch.nn.BCEWithLogitsLoss()
angles = torch.arange(8) * 2 * math.pi / 8
modes = torch.stack([2 * torch.cos(angles), 2 * torch.sin(angles)], 1)
labels = torch.cat([torch.ones(batch, 1), torch.zeros(batch, 1)])
ones = torch.ones(batch, 1)
def step():
    real = modes[torch.randint(0, 8, (batch,))] + 0.02 * torch.randn(batch, 2)
    fake = G(torch.rand(batch, 2) * 2 - 1).detach()
    od.zero_grad()
    bce(D(torch.cat([real, fake])), labels).backward()
    od.step()
    og.zero_grad()
    bce(D(G(torch.rand(batch, 2) * 2 - 1)), ones).backward()
    og.step()
for _ in range(50): step()
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    for _ in range(steps): step()
    best = min(best, time.perf_counter() - start)
print(f"gan ring steps={steps} kernel=torch threads=1 seconds={best:.3f}")
"""

/// Our time and PyTorch's for `steps` GAN steps on the ring (batch 256), as `key=value` lines.
func ganBenchmark(quick: Bool) -> [String] {
    let (steps, batch, hidden) = (quick ? 200 : 1000, 256, 64)
    var random = Xoshiro256StarStar(seed: 1)
    let gan = AdversarialNetworks.multilayer(noiseDimension: 2, sampleDimension: 2, hidden: hidden,
                                             settings: AdversarialSettings(batchSize: batch), generator: &random)
    let ring = GaussianMixture.ring()
    for _ in 0..<50 { _ = try? gan.trainingStep(data: ring, generator: &random) }
    let seconds = bestTime(repeats: 3) {
        for _ in 0..<steps { _ = try? gan.trainingStep(data: ring, generator: &random) }
    }
    let ours = "gan ring steps=\(steps) batch=\(batch) layers=2-\(hidden)-\(hidden) kernel=simd threads=1 seconds=\(formatted(seconds, digits: 3))"
        + " ms_per_step=\(formatted(1000 * seconds / Double(steps), digits: 3))"
    switch runPython(torchGANScript, arguments: ["\(steps)", "\(batch)", "\(hidden)"], threads: 1) {
    case .failure(let problem):
        return [ours, "gan ring torch skipped (\(problem.reason.replacingOccurrences(of: "numpy", with: "torch")))"]
    case .success(let output):
        guard let torch = values(in: output, after: " seconds=").first else { return [ours, "gan ring torch skipped (no timing printed)"] }
        return [ours, "\(torch.line) seconds=\(formatted(torch.value, digits: 3)) ms_per_step=\(formatted(1000 * torch.value / Double(steps), digits: 3))",
                "result gan_seconds=\(formatted(seconds, digits: 3)) torch_seconds=\(formatted(torch.value, digits: 3))"
                + " torch_over_ours=\(formatted(torch.value / seconds, digits: 2))"]
    }
}
