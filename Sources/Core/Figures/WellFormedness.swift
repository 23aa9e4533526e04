// WellFormedness.swift: a small checker for the XML the project writes (SVG figures, XHTML report
// pages), so a chapter can refuse to link a broken figure and a test can check a page, without an
// XML library (Foundation's XMLParser is a separate module on Linux).
// Goals, in order: catch what a hand-written XML writer gets wrong (an unescaped < or &, a tag left
// open or closed twice, two roots); short enough to read in one sitting. It is not a validating
// parser: it does not know which elements SVG or XHTML allow.

/// The problems that stop `text` from being well-formed XML, in the order found; empty if none.
///
/// Checked: every start tag has its end tag in the right order (or is self-closing `<x/>`); exactly
/// one root element; attribute values are quoted and hold no `<`; text holds no raw `<`, and each `&`
/// starts an entity (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NN;`, `&#xNN;`). Allowed around
/// the elements: the `<?xml ...?>` declaration, `<!DOCTYPE ...>` and `<!-- comments -->`.
///
/// ```swift
/// wellFormednessProblems(in: "<p>a &amp; b</p>")   // []
/// wellFormednessProblems(in: "<p>a & b</p>")       // ["a bare & in text at character 5"]
/// ```
public func wellFormednessProblems(in text: String) -> [String] {
    var checker = WellFormednessChecker(characters: Array(text.unicodeScalars))
    checker.run()
    return checker.problems
}

/// The scanner behind `wellFormednessProblems(in:)`: one pass over the characters with a stack of
/// open element names.
struct WellFormednessChecker {
    let characters: [Unicode.Scalar]
    var position = 0
    var openElements: [String] = []
    var rootCount = 0
    var problems: [String] = []

    init(characters: [Unicode.Scalar]) { self.characters = characters }

    mutating func run() {
        while position < characters.count, problems.isEmpty {
            if characters[position] == "<" { readMarkup() } else { readText() }
        }
        if problems.isEmpty, let open = openElements.last { problems.append("<\(open)> is never closed") }
        if problems.isEmpty, rootCount != 1 { problems.append("expected one root element, found \(rootCount)") }
    }

    /// Text between tags: no raw `<` can reach here; every `&` must start an entity.
    mutating func readText() {
        while position < characters.count, characters[position] != "<" {
            if characters[position] == "&" && !entityStarts(at: position) {
                problems.append("a bare & in text at character \(position)")
                return
            }
            if openElements.isEmpty && !characters[position].properties.isWhitespace {
                problems.append("text outside the root element at character \(position)")
                return
            }
            position += 1
        }
    }

    /// `<?...?>`, `<!--...-->`, `<!DOCTYPE ...>`, `</name>` or `<name attributes>` / `<name .../>`.
    mutating func readMarkup() {
        if startsWith("<?") { skip(past: "?>", what: "processing instruction") }
        else if startsWith("<!--") { skip(past: "-->", what: "comment") }
        else if startsWith("<!DOCTYPE") { skip(past: ">", what: "DOCTYPE") }
        else if startsWith("</") { readEndTag() }
        else { readStartTag() }
    }

    mutating func readEndTag() {
        position += 2
        let name = readName()
        skipWhitespace()
        guard position < characters.count, characters[position] == ">" else {
            return problems.append("the end tag </\(name)> is not closed by >")
        }
        position += 1
        guard let open = openElements.popLast() else { return problems.append("</\(name)> closes nothing") }
        if open != name { problems.append("</\(name)> closes <\(open)>") }
    }

    mutating func readStartTag() {
        position += 1
        let name = readName()
        guard !name.isEmpty else { return problems.append("a < that starts no tag at character \(position - 1)") }
        if openElements.isEmpty { rootCount += 1 }
        while position < characters.count, problems.isEmpty {
            skipWhitespace()
            if startsWith("/>") { position += 2; return }
            if startsWith(">") { position += 1; openElements.append(name); return }
            readAttribute(of: name)
        }
        if problems.isEmpty { problems.append("the tag <\(name) is not closed by >") }
    }

    /// `name="value"` or `name='value'`, with no `<` and only entity `&`s in the value.
    mutating func readAttribute(of element: String) {
        let attribute = readName()
        skipWhitespace()
        guard !attribute.isEmpty, position < characters.count, characters[position] == "=" else {
            return problems.append("a malformed attribute in <\(element)> at character \(position)")
        }
        position += 1
        skipWhitespace()
        guard position < characters.count, characters[position] == "\"" || characters[position] == "'" else {
            return problems.append("the value of \(attribute) in <\(element)> is not quoted")
        }
        let quote = characters[position]
        position += 1
        while position < characters.count, characters[position] != quote {
            if characters[position] == "<" || (characters[position] == "&" && !entityStarts(at: position)) {
                return problems.append("an unescaped \(characters[position]) in attribute \(attribute) of <\(element)>")
            }
            position += 1
        }
        guard position < characters.count else { return problems.append("the value of \(attribute) in <\(element)> never ends") }
        position += 1
    }

    /// True if an entity reference such as `&amp;` or `&#x41;` starts at `index`.
    func entityStarts(at index: Int) -> Bool {
        var end = index + 1
        while end < characters.count, end - index <= 10, characters[end] != ";" { end += 1 }
        guard end < characters.count, characters[end] == ";" else { return false }
        let name = String(String.UnicodeScalarView(characters[(index + 1)..<end]))
        if ["amp", "lt", "gt", "quot", "apos"].contains(name) { return true }
        if name.hasPrefix("#x") { return name.count > 2 && UInt32(name.dropFirst(2), radix: 16) != nil }
        if name.hasPrefix("#") { return name.count > 1 && UInt32(name.dropFirst()) != nil }
        return false
    }

    mutating func readName() -> String {
        var name = ""
        while position < characters.count {
            let character = characters[position]
            guard character.properties.isAlphabetic || ("0"..."9").contains(character) || "-_:.".unicodeScalars.contains(character) else { break }
            name.unicodeScalars.append(character)
            position += 1
        }
        return name
    }

    func startsWith(_ prefix: String) -> Bool {
        let scalars = Array(prefix.unicodeScalars)
        return position + scalars.count <= characters.count && Array(characters[position..<(position + scalars.count)]) == scalars
    }

    mutating func skip(past terminator: String, what: String) {
        let start = position
        while position < characters.count, !startsWith(terminator) { position += 1 }
        guard position < characters.count else { return problems.append("the \(what) at character \(start) never ends") }
        position += terminator.unicodeScalars.count
    }

    mutating func skipWhitespace() {
        while position < characters.count, characters[position].properties.isWhitespace { position += 1 }
    }
}
