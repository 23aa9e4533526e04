// Progress.swift: what the runner remembers between runs, in the git-ignored file
// Exercises/.exercises-state: how many hints of each exercise have been shown (`07 2` per line).

import Foundation

let stateFile = packageDirectory.appendingPathComponent(".exercises-state")

/// The number of hints shown so far, by exercise number.
func hintsShown() -> [String: Int] {
    guard let text = try? String(contentsOf: stateFile, encoding: .utf8) else { return [:] }
    var shown: [String: Int] = [:]
    for line in text.split(separator: "\n") {
        let fields = line.split(separator: " ")
        if fields.count == 2, let count = Int(fields[1]) { shown[String(fields[0])] = count }
    }
    return shown
}

/// Remembers that `count` hints of exercise `number` have been shown.
func rememberHintsShown(_ count: Int, for number: String) {
    var shown = hintsShown()
    shown[number] = count
    let text = shown.keys.sorted().map { "\($0) \(shown[$0]!)\n" }.joined()
    do { try text.write(to: stateFile, atomically: true, encoding: .utf8) } catch { fail("cannot write \(stateFile.path): \(error)") }
}
