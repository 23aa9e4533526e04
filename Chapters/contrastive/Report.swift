// Report.swift: the contrastive chapter's report page (index.html in its --out folder, Core's ReportPage)
// and the exercises that practise its sections, which the chapter names at its end.
// The `print` below shadows Swift's inside this program, so every line the chapter prints also goes
// onto the page, and every `wrote ....svg` line puts that figure on it, in order.

import Core

/// The page of this run: contrastive and Siamese learning.
let report = ReportPage(
    title: "swift run contrastive: Contrastive and Siamese learning",
    subtitle: "Follows thesis ch. 2 Secs. 2.1.3-2.1.4, 2.2.4-2.2.5, 2.3.1-2.3.2 and DL Padova \"Siamese Network\". Every figure below was drawn by this run from the library's own code.",
    captions: [
        "augmented-views":
            "Thesis ch. 2 Sec. 2.3.1 (SimCLR's augmentations): each digit and two random views of it",
        "simclr-features-pca":
            "Thesis ch. 2 Sec. 2.3.1: the SimCLR representations of the test digits, projected on their first two principal components, coloured by digit (labels used only for colour)",
        "losses":
            "Thesis ch. 2 Secs. 2.3.1-2.3.2: the NT-Xent (SimCLR) and InfoNCE (MoCo) losses during pre-training",
        "accuracy-temperature":
            "Chen et al. 2020, Eq. (1) (E-74): linear-evaluation accuracy against the temperature tau",
        "accuracy-batch-size":
            "Chen et al. 2020, Eq. (1) (E-74): linear-evaluation accuracy against the batch size N (2N - 2 negatives per view)",
    ])

/// Prints like Swift's `print`, and records the text on the report page.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(text, terminator: "")
    report.record(text)
}

/// The exercises of this chapter's sections, by their number in `swift run --package-path Exercises exercises`.
let chapterExercises: [(number: Int, title: String)] = [
    (37, "NT-Xent for one positive pair by hand"),
    (38, "the triplet loss in both forms"),
    (39, "one momentum update of MoCo's key encoder"),
]
