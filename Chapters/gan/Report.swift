// Report.swift: the gan chapter's report page (index.html in its --out folder, Core's ReportPage)
// and the exercises that practise its sections, which the chapter names at its end.
// The `print` below shadows Swift's inside this program, so every line the chapter prints also goes
// onto the page, and every `wrote ....svg` line puts that figure on it, in order.

import Core

/// The page of this run: Generative adversarial networks.
let report = ReportPage(
    title: "swift run gan: Generative adversarial networks",
    subtitle: "Follows DL Padova \"Generative Adversal Network\" and \"MvM\". Every figure below was drawn by this run from the library's own code.",
    captions: [
        "line-":
            "DL Padova \"Generative Adversal Network\" (Goodfellow et al. 2014, Fig. 1)",
        "ring-":
            "DL Padova \"MvM\": a mixture of 8 Gaussians on a ring (VEEGAN's test)",
        "grid-":
            "DL Padova \"MvM\": a mixture of 25 Gaussians on a grid (VEEGAN's test)",
        "digits-":
            "DL Padova \"Generative Adversal Network\" on the 8x8 digits",
    ])

/// Prints like Swift's `print`, and records the text on the report page.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(text, terminator: "")
    report.record(text)
}

/// The exercises of this chapter's sections, by their number in `swift run --package-path Exercises exercises`.
let chapterExercises: [(number: Int, title: String)] = [
    (25, "the batch estimate of V(D, G)"),
    (26, "the saturating and non-saturating generator gradients"),
    (27, "the maximum mean discrepancy"),
]
