// Manifest.swift: the runner's view of the exercises, read from manifest.tsv (one line per exercise,
// tab-separated: number, folder, title, notes section, chapter) and each folder's files.

import Foundation

/// One exercise of the manifest.
struct Exercise {
    let number: String        // "07"
    let folder: String        // "07-DenseBackward"
    let title: String
    let notesSection: String
    let chapter: String

    var checkProduct: String { "check-\(number)" }
}

/// Where the package lives: this file is Exercises/Sources/exercises/Manifest.swift.
let packageDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The exercises of manifest.tsv, in the order a student should do them.
func readManifest() -> [Exercise] {
    let url = packageDirectory.appendingPathComponent("manifest.tsv")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { fail("cannot read \(url.path)") }
    return text.split(separator: "\n").compactMap { line in
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 5, !line.hasPrefix("#") else { return nil }
        return Exercise(number: fields[0], folder: fields[1], title: fields[2], notesSection: fields[3], chapter: fields[4])
    }
}

/// The exercise a command-line argument names ("7" or "07"), or a stop with the valid numbers.
func exercise(named argument: String, in exercises: [Exercise]) -> Exercise {
    if let number = Int(argument), let found = exercises.first(where: { Int($0.number) == number }) { return found }
    fail("no exercise \(argument); the numbers are \(exercises.first?.number ?? "?") to \(exercises.last?.number ?? "?")")
}

/// The Swift files a student edits for this exercise (normally one), as paths relative to the package.
func starterFiles(of exercise: Exercise) -> [String] {
    let folder = packageDirectory.appendingPathComponent("\(exercise.folder)/Starter")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".swift") }.sorted().map { "\(exercise.folder)/Starter/\($0)" }
}

/// The staged hints of HINTS.md: the text under each `## Hint N` heading, in order.
func hints(of exercise: Exercise) -> [String] {
    let url = packageDirectory.appendingPathComponent("\(exercise.folder)/HINTS.md")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    var sections: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("## Hint") { sections.append("") } else if !sections.isEmpty { sections[sections.count - 1] += line + "\n" }
    }
    return sections.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// Prints a message to standard error and exits with status 2.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("exercises: \(message)\n".utf8))
    exit(2)
}

/// Writes one line to standard output at once, so it appears before the output of a program started next.
func say(_ line: String = "") {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
