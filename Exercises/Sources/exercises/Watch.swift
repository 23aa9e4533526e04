// Watch.swift: `--watch [N]` checks an exercise again whenever one of its starter files changes
// (polling the modification dates once a second: no packages, works everywhere). Without N it
// follows the first unsolved exercise and moves on when that one is solved.

import Foundation

/// The latest modification date of the exercise's starter files.
func lastModified(_ exercise: Exercise) -> Date {
    starterFiles(of: exercise).compactMap { path in
        let attributes = try? FileManager.default.attributesOfItem(atPath: packageDirectory.appendingPathComponent(path).path)
        return attributes?[.modificationDate] as? Date
    }.max() ?? .distantPast
}

/// Checks `chosen` (or the first unsolved exercise) now and after every change to its starter.
func watch(_ chosen: Exercise?, _ exercises: [Exercise]) -> Never {
    var current: Exercise
    if let chosen {
        current = chosen
    } else {
        let states = statesOfAll(exercises) { say($0) }
        guard let next = zip(exercises, states).first(where: { $0.1 != .solved })?.0 else {
            say("All \(exercises.count) exercises are solved.")
            exit(0)
        }
        current = next
    }
    while true {
        say("\nwatching Exercises/\(starterFiles(of: current).joined(separator: ", ")) (Ctrl-C stops)")
        let seen = lastModified(current)
        let state = checkOne(current)
        if state == .solved, chosen == nil, let next = exercises.drop(while: { $0.number != current.number }).dropFirst().first {
            say("\nOn to the next exercise.")
            current = next
            continue
        }
        while lastModified(current) == seen { usleep(1_000_000) }
    }
}
