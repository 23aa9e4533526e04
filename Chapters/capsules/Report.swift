// Report.swift: the capsules chapter's report page (index.html in its --out folder, Core's ReportPage)
// and the exercises that practise its sections, which the chapter names at its end.
// The `print` below shadows Swift's inside this program, so every line the chapter prints also goes
// onto the page, and every `wrote ....svg` line puts that figure on it, in order.

import Core

/// The page of this run: Capsule networks.
let report = ReportPage(
    title: "swift run capsules: Capsule networks",
    subtitle: "Follows DL Padova \"Capsule Network\", \"Dynamic routing\", \"Reconstruction as regularization method\". Every figure below was drawn by this run from the library's own code.",
    captions: [
        "routing-":
            "DL Padova \"Dynamic routing\" (Procedure 1): coupling coefficients",
        "capsnet-training-":
            "DL Padova \"Capsule Network\": the margin loss and the reconstruction loss",
        "capsnet-test-":
            "DL Padova \"Capsule Network\": test accuracy",
        "capsule-lengths":
            "DL Padova \"Capsule Network\": a digit capsule's length is its class probability",
        "capsnet-reconstructions":
            "DL Padova \"Reconstruction as regularization method\"",
        "capsnet-perturbations":
            "Sabour, Frosst & Hinton 2017, Fig. 4",
    ])

/// Prints like Swift's `print`, and records the text on the report page.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(text, terminator: "")
    report.record(text)
}

/// The exercises of this chapter's sections, by their number in `swift run --package-path Exercises exercises`.
let chapterExercises: [(number: Int, title: String)] = [
    (22, "the squashing function"),
    (23, "one routing iteration by hand"),
    (24, "the margin loss"),
]
