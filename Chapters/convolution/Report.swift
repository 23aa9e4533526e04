// Report.swift: the convolution chapter's report page (index.html in its --out folder, Core's ReportPage)
// and the exercises that practise its sections, which the chapter names at its end.
// The `print` below shadows Swift's inside this program, so every line the chapter prints also goes
// onto the page, and every `wrote ....svg` line puts that figure on it, in order.

import Core

/// The page of this run: Convolutional networks.
let report = ReportPage(
    title: "swift run convolution: Convolutional networks",
    subtitle: "Follows MLiS II Sec. 2.2-2.7: convolution, padding, stride, pooling, transposed convolution, metrics. Every figure below was drawn by this run from the library's own code.",
    captions: [
        "checkerboard":
            "MLiS II Sec. 2.3.6: transposed convolution against resize-convolution",
        "cnn-":
            "MLiS II Sec. 2.2-2.4: a small CNN trained on the 8x8 digits",
        "fig-2.7.1-":
            "Fig. 2.7.1: the confusion matrix of the digits CNN on the test set",
        "fig-2.7.2-":
            "Fig. 2.7.2: ROC curves of the digits CNN, one class against the rest, with the chance diagonal",
    ])

/// Prints like Swift's `print`, and records the text on the report page.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(text, terminator: "")
    report.record(text)
}

/// The exercises of this chapter's sections, by their number in `swift run --package-path Exercises exercises`.
let chapterExercises: [(number: Int, title: String)] = [
    (16, "the output size of a convolution, Eq. (2.2.8)"),
    (17, "the 4 x 4 convolution of Sec. 2.2.1 by hand"),
    (18, "the backward pass of max pooling"),
    (41, "precision, recall and F1 (micro and macro) from a confusion matrix"),
    (44, "im2col"),
    (45, "a transposed convolution reproducing Eq. (2.3.3)"),
]
