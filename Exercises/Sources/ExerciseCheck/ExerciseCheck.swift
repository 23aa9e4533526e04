// ExerciseCheck.swift: the minimal harness every Check/main.swift uses (scaffolding of the
// `exercises-new` branch; the `exercises` branch owns the real one).
// `check(name) { ... }` registers a check, `expect`/`expectClose` record failures, `runChecks()` runs
// them: one line `PASS <name>` or `FAIL <name>: <message>` each, exit status 0 iff all pass.
// `--list` prints the names; `--only K` runs check K alone (1-based).

import Foundation

/// The registered checks and the failures of the one running, in a box the main thread alone uses.
final class Registry: @unchecked Sendable {
    static let shared = Registry()
    var checks: [(name: String, body: () -> Void)] = []
    var failures: [String] = []
}

/// Registers a named check; `body` runs when `runChecks()` reaches it.
public func check(_ name: String, _ body: @escaping () -> Void) {
    Registry.shared.checks.append((name, body))
}

/// Records a failure with `message` unless `condition` holds.
public func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { Registry.shared.failures.append(message()) }
}

/// Records a failure unless |value - expected| <= tolerance (a NaN always fails).
public func expectClose(_ value: Double, _ expected: Double, tolerance: Double, _ message: @autoclosure () -> String) {
    if !(abs(value - expected) <= tolerance) {
        Registry.shared.failures.append("\(message()): expected \(expected) +- \(tolerance), got \(value)")
    }
}

/// Float convenience for `expectClose`.
public func expectClose(_ value: Float, _ expected: Double, tolerance: Double, _ message: @autoclosure () -> String) {
    expectClose(Double(value), expected, tolerance: tolerance, message())
}

/// Runs the registered checks (all, or only `--only K`), prints one line each, exits 0 iff all pass.
public func runChecks() -> Never {
    let registry = Registry.shared
    let arguments = CommandLine.arguments.dropFirst()
    if arguments.contains("--list") {
        for (index, entry) in registry.checks.enumerated() { print("\(index + 1) \(entry.name)") }
        exit(0)
    }
    var selected = Array(registry.checks.indices)
    if let flag = arguments.firstIndex(of: "--only") {
        guard flag + 1 < arguments.endIndex, let k = Int(arguments[flag + 1]), k >= 1, k <= registry.checks.count else {
            print("--only needs a check number between 1 and \(registry.checks.count)")
            exit(2)
        }
        selected = [k - 1]
    }
    var failed = 0
    for index in selected {
        let entry = registry.checks[index]
        registry.failures = []
        entry.body()
        if registry.failures.isEmpty {
            print("PASS \(entry.name)")
        } else {
            failed += 1
            print("FAIL \(entry.name): \(registry.failures.joined(separator: "; "))")
        }
        fflush(nil)
    }
    exit(failed == 0 ? 0 : 1)
}
