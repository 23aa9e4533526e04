// ExerciseCheck: the minimal harness every exercise's Check/main.swift uses (scaffolding for the
// contrastive branch; the exercises branch owns the real one). `check` registers a named check,
// `expect` and `expectClose` record failures, `runChecks` runs them: one `PASS name` or
// `FAIL name: message` line each, exit status 0 iff all pass; `--list` prints the names and
// `--only K` runs check K alone (1-based).

import Foundation

nonisolated(unsafe) private var registered: [(name: String, body: () -> Void)] = []
nonisolated(unsafe) private var failures: [String] = []

/// Registers a named check; its body calls `expect` and `expectClose`.
public func check(_ name: String, _ body: @escaping () -> Void) {
    registered.append((name, body))
}

/// Records `message` as a failure of the running check unless `condition` holds.
public func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { failures.append(message()) }
}

/// Records a failure unless |value - expected| <= tolerance.
public func expectClose(_ value: Double, _ expected: Double, tolerance: Double, _ what: String) {
    expect(abs(value - expected) <= tolerance, "\(what): expected \(expected) within \(tolerance), got \(value)")
}

/// Runs the registered checks (all, or the one `--only K` names; `--list` prints the names) and exits.
public func runChecks() -> Never {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == "--list" {
        for (index, entry) in registered.enumerated() { print("\(index + 1). \(entry.name)") }
        exit(0)
    }
    var selected = Array(registered.indices)
    if arguments.first == "--only", arguments.count == 2, let k = Int(arguments[1]), (1...registered.count).contains(k) {
        selected = [k - 1]
    } else if !arguments.isEmpty {
        FileHandle.standardError.write(Data("usage: check-NN [--list | --only K]\n".utf8))
        exit(2)
    }
    var passed = 0
    for index in selected {
        failures = []
        registered[index].body()
        if failures.isEmpty {
            passed += 1
            print("PASS \(registered[index].name)")
        } else {
            print("FAIL \(registered[index].name): \(failures.joined(separator: "; "))")
        }
    }
    print("\(passed) of \(selected.count) checks pass")
    exit(passed == selected.count ? 0 : 1)
}
