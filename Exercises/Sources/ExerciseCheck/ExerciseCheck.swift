// ExerciseCheck: the harness every exercise's check program (`check-NN`, Exercises/NN-Name/Check) uses.
// Goals, in order: one exercise's checks never depend on another's; a crash (an index out of range,
// a failed precondition) or an endless loop in one check fails that check alone; each failure says
// what was expected and what the student's code gave.
//
//     check("Eq. (1.3.7): dJ/dW = A_prev^T Delta, by hand") {
//         expect(dw.scalars == [3, 0, 6, 0], "dJ/dW = [[3, 0], [6, 0]]; got \(dw.scalars)")
//         expectClose(value, 0.9746318462, tolerance: 1e-9, "cos((1,2,3),(4,5,6))")
//     }
//     runChecks()   // the last line of Check/main.swift
//
// `check-NN` runs every check in a child process of its own (`check-NN --only K`) and prints one
// line per check, `PASS <name>` or `FAIL <name>: <message>`; it exits 0 iff all pass.
// `check-NN --list` prints the names, one per line; `check-NN --only K` runs check K (1-based) here.

import Foundation

/// One registered check: its name and the code that calls `expect`.
struct RegisteredCheck {
    let name: String
    let body: () throws -> Void
}

/// The checks registered so far, in order, and the failures of the check now running.
nonisolated(unsafe) var registeredChecks: [RegisteredCheck] = []
nonisolated(unsafe) var currentFailures: [String] = []

/// Registers a check named `name`; `runChecks()` runs it. A thrown error fails the check.
public func check(_ name: String, _ body: @escaping () throws -> Void) {
    registeredChecks.append(RegisteredCheck(name: name, body: body))
}

/// Records a failure of the running check unless `condition` holds.
public func expect(_ condition: Bool, _ message: @autoclosure () -> String = "",
                              file: StaticString = #fileID, line: UInt = #line) {
    if condition { return }
    let text = message()
    currentFailures.append(text.isEmpty ? "expectation failed at \(file):\(line)" : text)
}

/// Records a failure unless |value - expected| <= tolerance (a NaN never passes).
public func expectClose<T: BinaryFloatingPoint>(_ value: T, _ expected: T, tolerance: T,
                                                           _ message: @autoclosure () -> String = "",
                                                           file: StaticString = #fileID, line: UInt = #line) {
    let close = abs(value - expected) <= tolerance
    expect(close, "\(prefix(message()))expected \(expected) within \(tolerance), got \(value)", file: file, line: line)
}

/// Records a failure unless both arrays have the same length and agree element by element within `tolerance`.
public func expectClose<T: BinaryFloatingPoint>(_ values: [T], _ expected: [T], tolerance: T,
                                                           _ message: @autoclosure () -> String = "",
                                                           file: StaticString = #fileID, line: UInt = #line) {
    let close = values.count == expected.count && zip(values, expected).allSatisfy { abs($0 - $1) <= tolerance }
    expect(close, "\(prefix(message()))expected \(expected) within \(tolerance), got \(values)", file: file, line: line)
}

private func prefix(_ message: String) -> String { message.isEmpty ? "" : message + ": " }

/// Runs the registered checks as the command line asks (see the file header) and exits.
public func runChecks() -> Never {
    let arguments = Array(CommandLine.arguments.dropFirst())
    switch arguments.first {
    case "--list":
        for check in registeredChecks { say(check.name) }
        exit(0)
    case "--only":
        guard arguments.count == 2, let number = Int(arguments[1]), registeredChecks.indices.contains(number - 1) else {
            FileHandle.standardError.write(Data("--only needs a check number from 1 to \(registeredChecks.count)\n".utf8))
            exit(2)
        }
        exit(runInThisProcess(registeredChecks[number - 1]) ? 0 : 1)
    case nil:
        exit(runEachInAChildProcess() ? 0 : 1)
    default:
        FileHandle.standardError.write(Data("usage: check-NN [--list | --only K]\n".utf8))
        exit(2)
    }
}

/// Runs one check here and prints its PASS or FAIL line; true if it passed.
func runInThisProcess(_ check: RegisteredCheck) -> Bool {
    currentFailures = []
    do { try check.body() } catch { currentFailures.append("threw \(error)") }
    if currentFailures.isEmpty {
        say("PASS \(check.name)")
        return true
    }
    say("FAIL \(check.name): \(currentFailures.joined(separator: "; "))")
    return false
}

/// Runs every check as `<this program> --only K`, so a crash ends only that check; true if all passed.
func runEachInAChildProcess() -> Bool {
    var passed = 0
    for (index, check) in registeredChecks.enumerated() {
        let outcome = runChild(checkNumber: index + 1)
        switch outcome {
        case .passed: passed += 1
        case .failed: break
        case .crashed(let how): say("FAIL \(check.name): the code crashed (\(how)); the reason is printed above")
        case .timedOut(let seconds): say("FAIL \(check.name): still running after \(Int(seconds)) s (an endless loop?)")
        }
    }
    say("\(passed) of \(registeredChecks.count) checks pass")
    return passed == registeredChecks.count
}

enum ChildOutcome { case passed, failed, crashed(String), timedOut(Double) }

/// The longest one check may run, in seconds (`EXERCISE_CHECK_TIMEOUT` overrides it).
let checkTimeout = Double(ProcessInfo.processInfo.environment["EXERCISE_CHECK_TIMEOUT"] ?? "") ?? 120

/// Runs `<this program> --only number`, sharing this process's standard output and error.
func runChild(checkNumber: Int) -> ChildOutcome {
    let child = Process()
    child.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    child.arguments = ["--only", String(checkNumber)]
    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"     // a crash prints its one-line reason, not pages of frames
    child.environment = environment
    do { try child.run() } catch { return .crashed("could not start: \(error)") }
    let deadline = Date().addingTimeInterval(checkTimeout)
    while child.isRunning {
        if Date() > deadline {
            child.terminate()
            child.waitUntilExit()
            return .timedOut(checkTimeout)
        }
        usleep(2_000)
    }
    if child.terminationReason == .uncaughtSignal { return .crashed("signal \(child.terminationStatus)") }
    switch child.terminationStatus {
    case 0: return .passed
    case 1: return .failed
    default: return .crashed("exit status \(child.terminationStatus)")
    }
}

/// Writes one line to standard output at once (unbuffered), so a line written just before a crash is not lost.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
