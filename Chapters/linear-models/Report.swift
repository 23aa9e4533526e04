// Report.swift: the linear-models chapter's report page (index.html in its --out folder, Core's ReportPage)
// and the exercises that practise its sections, which the chapter names at its end.
// The `print` below shadows Swift's inside this program, so every line the chapter prints also goes
// onto the page, and every `wrote ....svg` line puts that figure on it, in order.

import Core

/// The page of this run: Linear models, the perceptron and logistic regression.
let report = ReportPage(
    title: "swift run linear-models: Linear models, the perceptron and logistic regression",
    subtitle: "Follows MLiS II Sec. 1.2.1-1.2.3 and 1.7.2. Every figure below was drawn by this run from the library's own code.",
    captions: [
        "digits-":
            "Softmax regression on the 8x8 digits (Eq. (2.2.9) with the cross-entropy)",
        "fig-1.2.1-":
            "Fig. 1.2.1: a perceptron learning a logic gate, with its decision boundary",
        "fig-1.2.2-":
            "Fig. 1.2.2: logistic regression on a logic gate, with the class probability P(y = 1 | x)",
    ])

/// Prints like Swift's `print`, and records the text on the report page.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(text, terminator: "")
    report.record(text)
}

/// The exercises of this chapter's sections, by their number in `swift run --package-path Exercises exercises`.
let chapterExercises: [(number: Int, title: String)] = [
    (1, "the normal equations of the linear model, Eq. (1.2.5) and Eq. (1.2.6)"),
    (2, "the perceptron update, Eq. (1.2.10)"),
    (3, "the gradient of the binary cross-entropy, Eq. (1.2.14)"),
    (40, "a mini-batch training loop for softmax regression on the digits (>= 95 %)"),
    (52, "logistic regression's whole training run, reproducing LIN-4"),
]
