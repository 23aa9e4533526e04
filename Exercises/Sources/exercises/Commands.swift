// Commands.swift: what each command of the runner does (see main.swift for the list).

import Foundation

/// Every exercise with its notes section and state, "n of N solved", and the next to do.
func listAll(_ exercises: [Exercise]) {
    let states = statesOfAll(exercises) { say($0) }
    let titleWidth = exercises.map(\.title.count).max() ?? 0
    say("")
    for (exercise, state) in zip(exercises, states) {
        let title = exercise.title.padding(toLength: titleWidth, withPad: " ", startingAt: 0)
        let mark = state == .solved ? "✔" : (state == .doesNotCompile ? "!" : "·")
        say("\(mark) \(exercise.number)  \(title)  \(state.description.padding(toLength: 30, withPad: " ", startingAt: 0))  \(exercise.notesSection)")
    }
    let solved = states.filter { $0 == .solved }.count
    say("\n\(solved) of \(exercises.count) solved")
    if let next = zip(exercises, states).first(where: { $0.1 != .solved })?.0 {
        printNext(next)
    } else {
        say("All solved. The solutions with their explanations are in each exercise's Solution folder.")
    }
}

/// Where the next exercise is and the commands for it.
func printNext(_ exercise: Exercise) {
    say("Next: \(exercise.number), \(exercise.title) (\(exercise.notesSection)).")
    for file in starterFiles(of: exercise) { say("  edit   Exercises/\(file)") }
    say("  check  swift run --package-path Exercises exercises \(exercise.number)")
    say("  hint   swift run --package-path Exercises exercises --hint \(exercise.number)")
    say("  see it running: swift run \(exercise.chapter)")
}

/// Builds and runs one exercise's checks, printing the compiler's errors or one line per check.
@discardableResult
func checkOne(_ exercise: Exercise) -> ExerciseState {
    say("== \(exercise.number) \(exercise.title) (\(exercise.notesSection))")
    if let errors = build(exercise) {
        say(errors)
        say("\(exercise.number): does not compile; fix the errors above in \(starterFiles(of: exercise).joined(separator: ", "))")
        return .doesNotCompile
    }
    let (state, output) = runChecks(of: exercise)
    say(output.trimmingCharacters(in: .newlines))
    if state == .solved {
        say("\(exercise.number): solved. Compare with the reference in Exercises/\(exercise.folder)/Solution.")
    } else {
        say("\(exercise.number): \(state.description). Stuck? swift run --package-path Exercises exercises --hint \(exercise.number)")
    }
    return state
}

/// Prints the next hint not yet shown (or the last one again, once all have been shown).
func showNextHint(_ exercise: Exercise) {
    let all = hints(of: exercise)
    guard !all.isEmpty else { fail("exercise \(exercise.number) has no HINTS.md") }
    let shown = hintsShown()[exercise.number] ?? 0
    let index = min(shown, all.count - 1)
    say("Hint \(index + 1) of \(all.count) for exercise \(exercise.number), \(exercise.title):\n")
    say(all[index])
    if index + 1 < all.count {
        say("\n(ask again for hint \(index + 2): swift run --package-path Exercises exercises --hint \(exercise.number))")
    } else {
        say("\n(that was the last hint; the reference solution is in Exercises/\(exercise.folder)/Solution)")
    }
    rememberHintsShown(index + 1, for: exercise.number)
}

/// Restores the starter as committed (`git show HEAD:...`), keeping the student's version as a backup.
func reset(_ exercise: Exercise) {
    let backups = packageDirectory.appendingPathComponent(".build/reset-backups")
    try? FileManager.default.createDirectory(at: backups, withIntermediateDirectories: true)
    let git = run("/usr/bin/env", ["git", "ls-tree", "-r", "--name-only", "HEAD", "\(exercise.folder)/Starter/"])
    let files = git.output.split(separator: "\n").map(String.init).filter { $0.hasSuffix(".swift") }
    guard git.status == 0, !files.isEmpty else { fail("cannot find the committed starter of \(exercise.number) with git: \(git.output)") }
    for path in files {
        let committed = run("/usr/bin/env", ["git", "show", "HEAD:./\(path)"])
        guard committed.status == 0 else { fail("git show HEAD:\(path) failed: \(committed.output)") }
        let target = packageDirectory.appendingPathComponent(path)
        let backup = backups.appendingPathComponent(path.replacingOccurrences(of: "/", with: "_"))
        try? FileManager.default.removeItem(at: backup)
        try? FileManager.default.copyItem(at: target, to: backup)
        do { try committed.output.write(to: target, atomically: true, encoding: .utf8) } catch { fail("cannot write \(path): \(error)") }
        say("reset Exercises/\(path) (your version: \(backup.path))")
    }
}
