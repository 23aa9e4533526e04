// Numpy.swift: measures numpy's matmul (OpenBLAS underneath), and PyTorch's on one thread when torch
// imports, on the same sizes, in a python3 subprocess.
// Goals, in order: a fair comparison (float32, the same n, best of as many runs, OpenBLAS told how
// many threads through OPENBLAS_NUM_THREADS and otherwise the environment left as it is); a clear
// "skipped" line, not a crash, when python3 or numpy is missing.

import Foundation

/// The Python side: prints `gemm n=... kernel=numpy threads=... gflops=...` per size, best of as many
/// runs as the Swift side makes, and with one thread also `dot n=65536 kernel=numpy gflops=...` and,
/// when torch imports, `gemm n=... kernel=torch threads=1 gflops=...` (`torch.set_num_threads(1)`),
/// or `torch skipped: torch not installed`.
let numpyScript = """
import sys, time
import numpy as np
threads = sys.argv[1]
sizes = [int(s) for s in sys.argv[2:]]
rng = np.random.default_rng(2024)
for n in sizes:
    a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
    c = np.empty((n, n), dtype=np.float32)
    np.matmul(a, b, out=c)
    repeats = max(8, min(40, 2_000_000_000 // (2 * n ** 3)))
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        np.matmul(a, b, out=c)
        best = min(best, time.perf_counter() - start)
    print(f"gemm n={n} kernel=numpy threads={threads} gflops={2 * n ** 3 / best / 1e9:.1f}")
if threads == "1":
    x = rng.uniform(-1, 1, 65536).astype(np.float32)
    y = rng.uniform(-1, 1, 65536).astype(np.float32)
    best = float("inf")
    for _ in range(10):
        start = time.perf_counter()
        for _ in range(200):
            np.dot(x, y)
        best = min(best, (time.perf_counter() - start) / 200)
    print(f"dot n=65536 kernel=numpy gflops={2 * 65536 / best / 1e9:.1f}")
    try:
        import torch
    except ImportError:
        print("torch skipped: torch not installed")
        sys.exit(0)
    torch.set_num_threads(1)
    for n in sizes:
        a, b = torch.rand(n, n) * 2 - 1, torch.rand(n, n) * 2 - 1
        c = torch.empty(n, n)
        torch.mm(a, b, out=c)
        repeats = max(8, min(40, 2_000_000_000 // (2 * n ** 3)))
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            torch.mm(a, b, out=c)
            best = min(best, time.perf_counter() - start)
        print(f"gemm n={n} kernel=torch threads=1 gflops={2 * n ** 3 / best / 1e9:.1f}")
"""

/// numpy's figures keyed by their line without the value ("gemm n=512 kernel=numpy threads=1"),
/// in the order printed; or why numpy could not be measured.
enum NumpyResults {
    /// The figures, and whether torch was missing.
    case measured([(line: String, gigaflops: Double)], torchSkipped: Bool)
    case skipped(reason: String)
}

/// Runs the script with OPENBLAS_NUM_THREADS = 1, then 2 (one round of repeats each).
func measureNumpy(sizes: [Int]) -> NumpyResults {
    var figures: [(line: String, gigaflops: Double)] = []
    var torchSkipped = false
    for threads in [1, 2] {
        switch runPython(numpyScript, arguments: ["\(threads)"] + sizes.map { "\($0)" }, threads: threads) {
        case .failure(let problem): return .skipped(reason: problem.reason)
        case .success(let output):
            figures += values(in: output, after: " gflops=").map { ($0.line, $0.value) }
            torchSkipped = torchSkipped || output.contains("torch skipped")
        }
    }
    return .measured(figures, torchSkipped: torchSkipped)
}

/// Why python3 with numpy could not be run.
struct PythonUnavailable: Error {
    let reason: String
}

/// Runs `python3 -c script arguments...` with OPENBLAS_NUM_THREADS = `threads` (nothing else in the
/// environment changes) and returns what it printed, or why it could not run.
func runPython(_ script: String, arguments: [String], threads: Int) -> Result<String, PythonUnavailable> {
    var environment = ProcessInfo.processInfo.environment
    environment["OPENBLAS_NUM_THREADS"] = "\(threads)"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    process.environment = environment
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do {
        try process.run()
    } catch {
        return .failure(PythonUnavailable(reason: "could not start python3 (\(error))"))
    }
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        let reason = errorText.split(separator: "\n").last.map(String.init) ?? "exit status \(process.terminationStatus)"
        return .failure(PythonUnavailable(reason: "python3 with numpy is not available (\(reason))"))
    }
    return .success(text)
}

/// The lines of `output` that contain `marker` (e.g. " gflops="), split into the text before it and
/// the number after it.
func values(in output: String, after marker: String) -> [(line: String, value: Double)] {
    output.split(separator: "\n").compactMap { line in
        guard let range = line.range(of: marker), let value = Double(line[range.upperBound...]) else { return nil }
        return (String(line[..<range.lowerBound]), value)
    }
}
