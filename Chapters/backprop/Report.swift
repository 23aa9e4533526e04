// Report.swift: the backprop chapter's report page (index.html in its --out folder, Core's ReportPage)
// and the exercises that practise its sections, which the chapter names at its end.
// The `print` below shadows Swift's inside this program, so every line the chapter prints also goes
// onto the page, and every `wrote ....svg` line puts that figure on it, in order.

import Core

/// The page of this run: Multi-layer perceptrons and back-propagation.
let report = ReportPage(
    title: "swift run backprop: Multi-layer perceptrons and back-propagation",
    subtitle: "Follows MLiS II Sec. 1.1-1.7 and DAT300. Every figure below was drawn by this run from the library's own code.",
    captions: [
        "initialisation-":
            "MLiS II Sec. 1.6: gradients through 100 sigmoid layers",
        "learning-rate-schedules":
            "DL Padova \"Cyclic Learning Rate\": the schedules",
        "digits-":
            "DAT300 \"Artificial Neural Network\": Dense(64, ReLU) -> Dense(10, softmax) with early stopping (MLiS II Sec. 1.7)",
        "fig-1.2.5-":
            "Fig. 1.2.5: XOR in the input space and in the hidden representation, where a line separates the classes",
        "fig-1.3.1-":
            "Fig. 1.3.1: the loss, weights and biases of the XOR network against the epoch",
        "fig-1.5.2-":
            "Fig. 1.5.2: SGD, momentum, RMSprop and Adam on the Rosenbrock function from (x, y) = (1, 0)",
        "fig-1.6.1-":
            "Fig. 1.6.1: activations and their derivatives every 20th layer of a deep network, unit-variance against Xavier initialisation",
    ])

/// Prints like Swift's `print`, and records the text on the report page.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(text, terminator: "")
    report.record(text)
}

/// The exercises of this chapter's sections, by their number in `swift run --package-path Exercises exercises`.
let chapterExercises: [(number: Int, title: String)] = [
    (7, "the backward pass of a dense ReLU layer, Eq. (1.3.4) to Eq. (1.3.7)"),
    (8, "one Adam step, Eq. (1.5.8) to Eq. (1.5.11)"),
    (9, "the Xavier bound, Eq. (1.6.3)"),
    (42, "one whole XOR back-propagation step by hand"),
    (43, "the softmax and cross-entropy gradient"),
]
