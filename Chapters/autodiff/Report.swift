// Report.swift: the autodiff chapter's report page (index.html in its --out folder, Core's ReportPage)
// and the exercises that practise its sections, which the chapter names at its end.
// The `print` below shadows Swift's inside this program, so every line the chapter prints also goes
// onto the page, and every `wrote ....svg` line puts that figure on it, in order.

import Core

/// The page of this run: Automatic differentiation.
let report = ReportPage(
    title: "swift run autodiff: Automatic differentiation",
    subtitle: "Follows DL Padova \"AutoDifferentiation\" and MLiS II Sec. 1.3. Every figure below was drawn by this run from the library's own code.",
    captions: [
        "ad":
            "DL Padova \"AutoDifferentiation\"",
        "xor-":
            "MLiS II Sec. 1.3 by the scalar reverse-mode engine",
        "moons-":
            "MLiS II Sec. 1.3 by the scalar reverse-mode engine",
    ])

/// Prints like Swift's `print`, and records the text on the report page.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(text, terminator: "")
    report.record(text)
}

/// The exercises of this chapter's sections, by their number in `swift run --package-path Exercises exercises`.
let chapterExercises: [(number: Int, title: String)] = [
    (19, "the backward rule of a new node type (ELU)"),
    (20, "the graph of x^2/x + 1/x^2 by hand"),
    (21, "the topological order a backward pass walks"),
]
