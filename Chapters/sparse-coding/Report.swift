// Report.swift: the sparse-coding chapter's report page (index.html in its --out folder, Core's ReportPage)
// and the exercises that practise its sections, which the chapter names at its end.
// The `print` below shadows Swift's inside this program, so every line the chapter prints also goes
// onto the page, and every `wrote ....svg` line puts that figure on it, in order.

import Core

/// The page of this run: Sparse coding.
let report = ReportPage(
    title: "swift run sparse-coding: Sparse coding",
    subtitle: "Follows MLiS II Sec. 2.7.7 and 2.8: OMP, thresholding, convolutional sparse coding, K-SVD. Every figure below was drawn by this run from the library's own code.",
    captions: [
        "basis-pursuit-":
            "MLiS II Sec. 2.8: basis pursuit, Eq. (2.8.3) with the L1 norm, by ISTA and FISTA",
        "digits-":
            "MLiS II Sec. 2.8.3: a K-SVD dictionary of the 8x8 digits",
        "recovery-":
            "MLiS II Sec. 2.8.3: K-SVD against MOD recovering a known dictionary (Aharon, Elad & Bruckstein 2006)",
        "fig-2.7.4-":
            "Fig. 2.7.4: a digit approximated by a weighted sum of a few learnt atoms (atoms numbered from 1)",
    ])

/// Prints like Swift's `print`, and records the text on the report page.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(text, terminator: "")
    report.record(text)
}

/// The exercises of this chapter's sections, by their number in `swift run --package-path Exercises exercises`.
let chapterExercises: [(number: Int, title: String)] = [
    (10, "one step of orthogonal matching pursuit, Eq. (2.8.3)"),
    (11, "K-SVD's rank-one atom update, Eq. (2.8.17)"),
    (12, "a soft non-negative thresholding layer, Eq. (2.8.10)"),
    (46, "OMP's whole loop with its epsilon stop"),
    (47, "one K-SVD sweep"),
]
