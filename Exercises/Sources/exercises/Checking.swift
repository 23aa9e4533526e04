// Checking.swift: build one exercise's check program and run it, and the state that gives.
// Each exercise has its own targets (ExerciseNN, check-NN), so a compile error or a crash in one
// exercise never hides the state of another.

import Foundation

/// Where an exercise stands.
enum ExerciseState: Equatable {
    case solved, failing(passed: Int, of: Int), doesNotCompile

    var description: String {
        switch self {
        case .solved: return "solved"
        case .failing(let passed, let total): return "failing (\(passed) of \(total) checks pass)"
        case .doesNotCompile: return "does not compile"
        }
    }
}

/// The result of running a program: its exit status and everything it wrote (output and errors).
struct RunResult {
    let status: Int32
    let output: String
}

/// Runs `executable` with `arguments` from the package folder, output and errors collected together.
func run(_ executable: String, _ arguments: [String]) -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = packageDirectory
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("exercises-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: file.path, contents: nil)
    guard let handle = try? FileHandle(forWritingTo: file) else { fail("cannot write \(file.path)") }
    process.standardOutput = handle
    process.standardError = handle
    do { try process.run() } catch { fail("cannot run \(executable): \(error)") }
    process.waitUntilExit()
    try? handle.close()
    let output = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(at: file)
    return RunResult(status: process.terminationStatus, output: output)
}

/// The `swift` driver: $EXERCISES_SWIFT, or the first `swift` on the PATH.
let swiftDriver: String = {
    if let path = ProcessInfo.processInfo.environment["EXERCISES_SWIFT"] { return path }
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let candidate = "\(folder)/swift"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return "/usr/bin/swift"
}()

/// The build folder of the checks: the package's own .build, which `swift run` releases before it
/// starts the runner (Swift 6.3), so the course library is built once for both.
/// `EXERCISES_SCRATCH_PATH` chooses another (`.ci/check-exercises` uses it on its scratch copy).
let checksScratchPath = ProcessInfo.processInfo.environment["EXERCISES_SCRATCH_PATH"]
    ?? packageDirectory.appendingPathComponent(".build").path

/// `swift build` on this package in the checks' scratch folder, with `extra` arguments.
func swiftBuild(_ extra: [String]) -> RunResult {
    run(swiftDriver, ["build", "--package-path", packageDirectory.path, "--scratch-path", checksScratchPath] + extra)
}

/// Builds one exercise's check program; nil if it built, else the compiler's errors.
func build(_ exercise: Exercise) -> String? {
    let result = swiftBuild(["--product", exercise.checkProduct])
    return result.status == 0 ? nil : compilerErrors(in: result.output)
}

/// The lines of a build log a student needs: each error with the source lines under it, once
/// (the compiler reports an error in a module's interface twice).
func compilerErrors(in log: String) -> String {
    var blocks: [[Substring]] = []
    for line in log.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.contains(": error:") && line.hasPrefix("/") {
            blocks.append([line])
        } else if line.contains(": warning:") || line.hasPrefix("[") || line.hasPrefix("error:") {
            blocks.append([])
        } else if !blocks.isEmpty, !blocks[blocks.count - 1].isEmpty {
            blocks[blocks.count - 1].append(line)
        }
    }
    var seen = Set<Substring>()
    let unique = blocks.filter { !$0.isEmpty && seen.insert($0[0]).inserted }
    return unique.isEmpty ? log : unique.map { $0.joined(separator: "\n") }.joined(separator: "\n")
}

/// The check program of an exercise, once built.
func checkExecutable(_ exercise: Exercise) -> String {
    "\(checksScratchPath)/debug/\(exercise.checkProduct)"
}

/// Runs a built check program; its state and its output (one PASS or FAIL line per check).
func runChecks(of exercise: Exercise) -> (ExerciseState, String) {
    let result = run(checkExecutable(exercise), [])
    if result.status == 0 { return (.solved, result.output) }
    let lines = result.output.split(separator: "\n")
    let passed = lines.filter { $0.hasPrefix("PASS ") }.count
    let total = lines.filter { $0.hasPrefix("PASS ") || $0.hasPrefix("FAIL ") }.count
    return (.failing(passed: passed, of: max(total, passed)), result.output)
}

/// The state of every exercise: one build of everything, then, only if that fails, one build per
/// exercise to find which ones do not compile; then each check program runs.
func statesOfAll(_ exercises: [Exercise], progress: (String) -> Void) -> [ExerciseState] {
    progress("building the checks (the first time takes a few minutes: it builds the course library too)")
    let everythingBuilt = swiftBuild([]).status == 0
    return exercises.map { exercise in
        if !everythingBuilt, build(exercise) != nil { return .doesNotCompile }
        return runChecks(of: exercise).0
    }
}
