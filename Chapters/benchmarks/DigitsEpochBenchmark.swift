// DigitsEpochBenchmark.swift: one training epoch of the digits MLP (DAT300 "Artificial Neural Network":
// Dense(64, ReLU) -> Dense(10, softmax), Adam alpha 0.001) and of the digits CNN (Convolution's
// `DigitsCNN`: conv 3 x 3 1 -> 16 "same", ReLU, max pool 2, dense 256 -> 10 softmax, Adam alpha 0.005),
// both on mini-batches of 32 of the 1,437 training images, ours against the same networks in PyTorch.
// Goals, in order: the same work on both sides (layer sizes, batch, optimiser and its rate,
// categorical cross-entropy on the softmax, a shuffle per epoch); PyTorch told `torch.set_num_threads(1)`,
// our MLP single-threaded at these sizes, our CNN's convolution layers splitting each batch over the
// cores (the library's default), so its CPU seconds (all threads) are printed beside its wall time and
// compared too; the best of several runs; the test accuracy beside our time, so a faster run cannot hide a broken one; a "skipped"
// line, not a failure, without torch. PyTorch trains on the first 1,437 rows of the digits file (the
// same count; our split is stratified), with pixels scaled to [0, 1] as ours.

import Convolution
import Core
import Foundation
import NeuralNetworks

/// The PyTorch side: prints `mlp seconds_per_epoch=...` and `cnn seconds_per_epoch=...` (best of `runs`).
let torchDigitsScript = """
import sys, time
import numpy as np
import torch
import torch.nn as nn
torch.set_num_threads(1)
path, rows, mlp_epochs, cnn_epochs, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
data = np.loadtxt(path, delimiter=",", dtype=np.float32)
x = torch.tensor(data[:rows, :64] / 16)
y = torch.tensor(data[:rows, 64].astype(np.int64))
def mlp():
    return nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10)), x
def cnn():
    return nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(256, 10)), x.reshape(-1, 1, 8, 8)
for name, make, rate, epochs in [("mlp", mlp, 1e-3, mlp_epochs), ("cnn", cnn, 5e-3, cnn_epochs)]:
    best = float("inf")
    for run in range(runs):
        torch.manual_seed(run)
        model, inputs = make()
        adam = torch.optim.Adam(model.parameters(), lr=rate)
        loss = nn.CrossEntropyLoss()   # softmax + categorical cross-entropy, as ours
        start = time.perf_counter()
        for epoch in range(epochs):
            order = torch.randperm(rows)
            for i in range(0, rows, 32):
                batch = order[i:i + 32]
                adam.zero_grad()
                loss(model(inputs[batch]), y[batch]).backward()
                adam.step()
        best = min(best, (time.perf_counter() - start) / epochs)
    print(f"{name} seconds_per_epoch={best:.6f}")
"""

/// Our seconds per epoch of the MLP and the CNN, PyTorch's, the ratios; returns the summary keys.
func runDigitsEpochBenchmarks(quick: Bool) -> [(String, String)] {
    let (mlpEpochs, cnnEpochs, runs) = quick ? (5, 2, 1) : (30, 10, 5)
    guard let (train, test) = try? Digits.standardSplit() else {
        print("digits epoch skipped (the digits data file was not found)")
        return []
    }
    let targets = oneHot(train.labels, classes: Digits.classes)
    var ours: [String: (wall: Double, cpu: Double)] = [:]
    for (name, epochs) in [("mlp", mlpEpochs), ("cnn", cnnEpochs)] {
        var (fastest, fastestCPU, accuracy) = (Double.infinity, Double.infinity, 0.0)
        for run in 0..<runs {
            var generator = Xoshiro256StarStar(seed: UInt64(run + 1))
            let network = name == "mlp" ? Network.denseClassifier(generator: &generator) : DigitsCNN.make(generator: &generator)
            let (start, startCPU) = (DispatchTime.now().uptimeNanoseconds, clock())
            if name == "mlp" {
                var adam = Adam(learningRate: 0.001)
                _ = try? network.train(train.images, targets, settings: TrainingSettings(loss: .categoricalCrossEntropy, epochs: epochs),
                                       optimiser: &adam, generator: &generator)
            } else {
                _ = try? DigitsCNN.train(network, on: train, epochs: epochs, generator: &generator)
            }
            fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9 / Double(epochs))
            fastestCPU = min(fastestCPU, Double(clock() - startCPU) / Double(CLOCKS_PER_SEC) / Double(epochs))
            accuracy = network.accuracy(test.images, labels: test.labels)
        }
        ours[name] = (fastest, fastestCPU)
        print("digits \(name) epoch kernel=ours threads=\(name == "mlp" ? "1" : "all") batch=32 optimiser=adam epochs=\(epochs)"
              + " seconds_per_epoch=\(formatted(fastest, digits: 5)) cpu_seconds_per_epoch=\(formatted(fastestCPU, digits: 5))"
              + " test_accuracy=\(formatted(accuracy, digits: 4)) runs=\(runs)")
    }
    let arguments = [DataFiles.path("digits.csv"), "\(train.images.shape[0])", "\(mlpEpochs)", "\(cnnEpochs)", "\(runs)"]
    guard case .success(let output) = runPython(torchDigitsScript, arguments: arguments, threads: 1) else {
        print("digits epoch kernel=pytorch skipped: torch not installed")
        return []
    }
    var summary: [(String, String)] = []
    for (name, theirs) in values(in: output, after: " seconds_per_epoch=") {
        print("digits \(name) epoch kernel=pytorch threads=1 seconds_per_epoch=\(formatted(theirs, digits: 5)) runs=\(runs)")
        guard let mine = ours[name] else { continue }
        summary.append(("\(name)_epoch_torch_over_ours", formatted(theirs / mine.wall, digits: 2)))
        if name == "cnn" { summary.append(("cnn_epoch_torch_over_ours_cpu", formatted(theirs / mine.cpu, digits: 2))) }
    }
    return summary
}
