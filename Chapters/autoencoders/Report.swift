// Report.swift: the autoencoders chapter's report page (index.html in its --out folder, Core's ReportPage)
// and the exercises that practise its sections, which the chapter names at its end.
// The `print` below shadows Swift's inside this program, so every line the chapter prints also goes
// onto the page, and every `wrote ....svg` line puts that figure on it, in order.

import Core

/// The page of this run: Autoencoders and variational autoencoders.
let report = ReportPage(
    title: "swift run autoencoders: Autoencoders and variational autoencoders",
    subtitle: "Follows DAT300 \"Autoencoders\", \"Variational Autoencoders\", \"Reparameterization\", \"Objective function\", \"Kullback-Leiber divergence\". Every figure below was drawn by this run from the library's own code.",
    captions: [
        "linear-autoencoder-":
            "DAT300 \"Autoencoders\": a linear autoencoder spans the principal subspace",
        "ae2-":
            "DAT300 \"Autoencoders\"",
        "vae":
            "DAT300 \"Variational Autoencoders\", \"Objective function\"",
        "denoising":
            "DAT300 \"Autoencoders\": a denoising autoencoder",
    ])

/// Prints like Swift's `print`, and records the text on the report page.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(text, terminator: "")
    report.record(text)
}

/// The exercises of this chapter's sections, by their number in `swift run --package-path Exercises exercises`.
let chapterExercises: [(number: Int, title: String)] = [
    (28, "the KL divergence of a Gaussian from N(0, 1)"),
    (29, "the reparameterisation and its gradient"),
    (30, "one VAE loss in nats per image"),
]
