// DataFiles.swift: reading the comma-separated data files in the project's Data/ folder.
// Goals, in order: a malformed file is a thrown error that names the file and the line; the
// project finds its own data without configuration; small and plain.

import Foundation

/// A data file could not be read or a line of it is malformed.
public struct DataFileError: Error, CustomStringConvertible {
    public let file: String
    /// 1-based line number, or nil when the whole file is at fault (missing, unreadable).
    public let line: Int?
    public let reason: String

    public init(file: String, line: Int?, reason: String) {
        (self.file, self.line, self.reason) = (file, line, reason)
    }

    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}

public enum DataFiles {
    /// The project's Data/ folder. The environment variable `DEEP_LEARNING_DATA` overrides it;
    /// otherwise it is found from this source file's location (Sources/Core/ -> ../../Data), which
    /// holds wherever the package is cloned and built, including by a package that depends on it by path.
    public static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["DEEP_LEARNING_DATA"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Core
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("Data", isDirectory: true)
    }

    /// The path of a file in the Data/ folder.
    public static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// The non-empty lines of a comma-separated file as fields, each with its 1-based line number.
    /// `skipHeader` drops the first line. Fields are trimmed of spaces; quoting is not supported
    /// (none of the project's files need it).
    public static func readCSV(path: String, skipHeader: Bool = false) throws -> [(line: Int, fields: [String])] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw DataFileError(file: path, line: nil, reason: "cannot read the file (\(error.localizedDescription))")
        }
        var rows: [(line: Int, fields: [String])] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || (skipHeader && index == 0) { continue }
            rows.append((index + 1, line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }))
        }
        return rows
    }

    /// Parses `field` as an integer in `range`, or throws an error naming file, line and column.
    public static func integer(_ field: String, in range: ClosedRange<Int>, file: String, line: Int,
                               column: Int) throws -> Int {
        guard let value = Int(field), range.contains(value) else {
            throw DataFileError(file: file, line: line,
                                reason: "column \(column + 1) is \"\(field)\", expected an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }
}
