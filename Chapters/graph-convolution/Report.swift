// Report.swift: the graph-convolution chapter's report page (index.html in its --out folder, Core's ReportPage)
// and the exercises that practise its sections, which the chapter names at its end.
// The `print` below shadows Swift's inside this program, so every line the chapter prints also goes
// onto the page, and every `wrote ....svg` line puts that figure on it, in order.

import Core

/// The page of this run: Graph convolution.
let report = ReportPage(
    title: "swift run graph-convolution: Graph convolution",
    subtitle: "Follows MLiS II Sec. 2.9 and DL Padova \"GCN\" and \"Graph Signal\". Every figure below was drawn by this run from the library's own code.",
    captions: [
        "graph-filter-":
            "DL Padova \"Graph Signal\": a polynomial graph filter learnt by gradient descent",
        "karate-":
            "MLiS II Sec. 2.9.2, Eq. (2.9.5): the two-layer GCN on Zachary's karate club",
        "fig-2.9.2-":
            "Fig. 2.9.2: a graph with arbitrarily numbered nodes and its adjacency matrix",
        "fig-2.9.3-":
            "Fig. 2.9.3: the same adjacency matrix with one entry changed, and the graph it now describes",
    ])

/// Prints like Swift's `print`, and records the text on the report page.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(text, terminator: "")
    report.record(text)
}

/// The exercises of this chapter's sections, by their number in `swift run --package-path Exercises exercises`.
let chapterExercises: [(number: Int, title: String)] = [
    (13, "the normalised adjacency matrix, Eq. (2.9.4)"),
    (14, "one graph convolution layer, Eq. (2.9.2) and Eq. (2.9.3)"),
    (15, "the masked cross-entropy, Eq. (2.9.5)"),
    (48, "degree and Laplacian matrices"),
    (49, "a two-layer GCN forward pass with the masked loss on Zachary's karate club"),
]
