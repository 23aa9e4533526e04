// WORKED-NUMBERS.md, the index of the notes' worked numbers, kept honest: every id the tests and
// ERRATA.md cite has a row; every test a row names exists; every erratum the tests and sources cite
// has a row in ERRATA.md or in the index's own table of errata.
// Goals, in order: a clear message naming the missing id or test; plain text scanning, no regular
// expressions; fast (the whole repository's tests and sources are read once, well under 0.5 s).

import Testing
import Foundation

/// The repository, found from this file's path: <root>/Tests/CoreTests/WorkedNumbersIndexTests.swift.
private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The prefixes of the worked-number ids (LIN-1, CONV-6a, INIT-S1, GAN-2 ...).
private let idPrefixes = ["LIN", "MLP", "OPT", "INIT", "CONV", "MET", "RNN", "AD", "OTH", "GAN"]

/// The text of a file of the repository.
private func read(_ relativePath: String) throws -> String {
    try String(contentsOf: repositoryRoot.appendingPathComponent(relativePath), encoding: .utf8)
}

/// The candidate ids of every test and source file, read and scanned once for the whole suite.
private let wordsByFile: [String: [Substring]] = {
    var result: [String: [Substring]] = [:]
    for path in swiftFiles(under: "Tests") + swiftFiles(under: "Sources") + ["ERRATA.md"] {
        result[path] = words((try? read(path)) ?? "")
    }
    return result
}()

/// The relative paths of the .swift files under a folder of the repository.
private func swiftFiles(under folder: String) -> [String] {
    let base = repositoryRoot.appendingPathComponent(folder)
    guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
    return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.map { folder + "/" + $0 }
}

/// The words of a text that may be ids: runs of ASCII letters, digits and hyphens that start with a
/// capital and hold a hyphen. "(LIN-1)," gives "LIN-1". Scanned as bytes, since the tests and
/// sources are read whole (about 3 MB).
func words(_ text: String) -> [Substring] {
    var text = text
    return text.withUTF8 { bytes in
        var result: [Substring] = [], start = 0
        func isWordByte(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == 45 }
        while start < bytes.count {
            guard isWordByte(bytes[start]) else { start += 1; continue }
            var end = start + 1, hasHyphen = false
            while end < bytes.count && isWordByte(bytes[end]) { hasHyphen = hasHyphen || bytes[end] == 45; end += 1 }
            if hasHyphen && bytes[start] >= 65 && bytes[start] <= 90 {
                result.append(Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)))
            }
            start = end
        }
        return result
    }
}

/// True for a worked-number id: a known prefix, a hyphen, an optional S, digits, an optional a-d.
func isWorkedNumberId(_ word: Substring) -> Bool {
    let parts = word.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, idPrefixes.contains(String(parts[0])) else { return false }
    var rest = parts[1]
    if rest.first == "S" { rest = rest.dropFirst() }
    if let last = rest.last, "abcd".contains(last) { rest = rest.dropLast() }
    return !rest.isEmpty && rest.allSatisfy(\.isASCII) && rest.allSatisfy(\.isNumber)
}

/// True for an erratum id: E-07 (two digits) or E-GAN-2 (capitals, a hyphen, digits).
func isErratumId(_ word: Substring) -> Bool {
    let parts = word.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.first == "E", parts.count == 2 || parts.count == 3 else { return false }
    let digits = parts[parts.count - 1]
    let digitsOK = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    if parts.count == 2 { return digitsOK && digits.count == 2 }
    return digitsOK && !parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isUppercase }
}

/// The cells of a Markdown table row, split at the pipes that are not escaped as \|.
func tableCells(_ line: Substring) -> [String] {
    var cells: [String] = [], current = "", previous: Character = " "
    for character in line.dropFirst() {
        if character == "|" && previous != "\\" { cells.append(current.trimmingCharacters(in: .whitespaces)); current = "" }
        else { current.append(character) }
        previous = character
    }
    return cells
}

/// The rows of every table in a Markdown text (header and --- lines left out).
func tableRows(_ text: String) -> [[String]] {
    text.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| ---") && !$0.hasPrefix("| id |") }
        .map(tableCells)
}

/// (file, title prefix) pairs of a test cell: `Target/File.swift` "title ..."; "title ..."; `Other.swift` ...
func namedTests(inCell cell: String) -> [(file: String, titlePrefix: String)] {
    var result: [(String, String)] = [], file: String?
    for (index, piece) in cell.split(separator: "`", omittingEmptySubsequences: false).enumerated() {
        if index % 2 == 1 { file = String(piece); continue }
        for (quoteIndex, quoted) in piece.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
        where quoteIndex % 2 == 1 {
            var prefix = quoted.replacingOccurrences(of: "\\|", with: "|")
            if prefix.hasSuffix("...") { prefix.removeLast(3) }
            if let file { result.append((file, prefix.trimmingCharacters(in: .whitespaces))) }
        }
    }
    return result
}

/// The index's text, its table rows, and every id in the first column of a table, parsed once.
private let parsedIndex: (text: String, rows: [[String]], ids: Set<String>) = {
    let text = (try? read("WORKED-NUMBERS.md")) ?? ""
    let rows = tableRows(text)
    let ids = rows.compactMap(\.first).flatMap(words).filter { isWorkedNumberId($0) || isErratumId($0) }
    return (text, rows, Set(ids.map(String.init)))
}()

@Suite("WORKED-NUMBERS.md: the index of the notes' worked numbers")
struct WorkedNumbersIndexTests {
    let index = parsedIndex.text
    let rows = parsedIndex.rows
    /// Every id in the first column of a table of the index.
    let indexedIds = parsedIndex.ids

    @Test("The helpers: ids and errata are told apart, escaped pipes stay inside a cell, a test cell gives its file and titles")
    func helpers() {
        #expect(words("(LIN-1), CONV-6a; E-GAN-2 INIT-S1.").map { isWorkedNumberId($0) } == [true, true, false, true])
        #expect(words("E-07 E-GAN-2 E-NN E-RL-n E-7 GAN-1").map { isErratumId($0) } == [true, true, false, false, false, false])
        #expect(tableCells("| a \\| b | c |") == ["a \\| b", "c"])
        let named = namedTests(inCell: "`A/B.swift` \"First: x ...\"; \"Second\"; `A/C.swift` \"Third \\|v\\| ...\"")
        #expect(named.map(\.file) == ["A/B.swift", "A/B.swift", "A/C.swift"])
        #expect(named.map(\.titlePrefix) == ["First: x", "Second", "Third |v|"])
    }

    @Test("Every worked-number id cited in Tests/ or ERRATA.md has a row in the index (CONV-6 by its sub-cases CONV-6a ...)")
    func citedIdsAreIndexed() throws {
        var cited: [String: String] = [:]
        for (path, words) in wordsByFile where path.hasPrefix("Tests/") || path == "ERRATA.md" {
            for word in words where isWorkedNumberId(word) { cited[String(word)] = path }
        }
        #expect(cited.count > 30, "found only \(cited.count) ids: is the repository where #filePath says?")
        for (id, path) in cited.sorted(by: { $0.key < $1.key }) {
            let found = indexedIds.contains(id) || indexedIds.contains { $0.hasPrefix(id) && "abcd".contains($0.last!) && $0.count == id.count + 1 }
            #expect(found, "\(id), cited in \(path), has no row in WORKED-NUMBERS.md")
        }
    }

    @Test("Every test the index names exists: the file under Tests/ holds an @Test whose title starts with the quoted text")
    func namedTestsExist() throws {
        var checked = 0, sources: [String: String] = [:]
        for row in rows where row.count == 5 {
            for (file, prefix) in namedTests(inCell: row[3]) {
                if sources[file] == nil { sources[file] = (try? read("Tests/" + file)) ?? "" }
                let source = sources[file]!, fileFound = !source.isEmpty
                #expect(fileFound, "row \(row[0]): no file Tests/\(file)")
                let exists = source.contains("@Test(\"" + prefix)
                #expect(exists, "row \(row[0]): no test in \(file) whose title starts \"\(prefix)\"")
                checked += 1
            }
        }
        #expect(checked > 100, "only \(checked) named tests found: has the table format changed?")
    }

    @Test("Every erratum cited in Tests/ or Sources/ resolves to a row of ERRATA.md or of the index's table of errata")
    func citedErrataResolve() throws {
        let errata = try read("ERRATA.md")
        let listed = Set(tableRows(errata).compactMap(\.first).flatMap(words).filter(isErratumId).map(String.init))
            .union(indexedIds.filter { $0.hasPrefix("E-") })
        #expect(listed.count > 60)
        for (path, words) in wordsByFile where path != "ERRATA.md" {
            for word in Set(words.filter(isErratumId)) {
                let resolves = listed.contains(String(word))
                #expect(resolves, "\(word), cited in \(path), is in neither ERRATA.md nor WORKED-NUMBERS.md")
            }
        }
    }

    @Test("The index keeps its closing section for the table of figures")
    func figuresSection() {
        #expect(!index.isEmpty, "no WORKED-NUMBERS.md at the top of the repository")
        #expect(index.contains("\n## Figures\n"))
    }
}
