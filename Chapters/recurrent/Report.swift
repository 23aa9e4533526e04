// Report.swift: the recurrent chapter's report page (index.html in its --out folder, Core's ReportPage)
// and the exercises that practise its sections, which the chapter names at its end.
// The `print` below shadows Swift's inside this program, so every line the chapter prints also goes
// onto the page, and every `wrote ....svg` line puts that figure on it, in order.

import Core

/// The page of this run: Recurrent networks.
let report = ReportPage(
    title: "swift run recurrent: Recurrent networks",
    subtitle: "Follows DL Padova \"Unfolding time\", \"Long Short-Term Memory\", \"GRU\", \"TCN\"; DAT300 RNN, LSTM, \"Trainable parameters\". Every figure below was drawn by this run from the library's own code.",
    captions: [
        "binary-addition-":
            "DL Padova \"Unfolding time\": back-propagation through time learning binary addition",
        "vanishing-gradient":
            "DL Padova \"Long Short-Term Memory\": the gradient through time, simple RNN against LSTM",
        "lstm-gates":
            "DL Padova \"Long Short-Term Memory\", DAT300 LSTM: the gates along a sequence",
        "airline-forecast":
            "DAT300 \"Recurrent Neural Networks (RNN)\": forecasting the airline passengers",
    ])

/// Prints like Swift's `print`, and records the text on the report page.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(text, terminator: "")
    report.record(text)
}

/// The exercises of this chapter's sections, by their number in `swift run --package-path Exercises exercises`.
let chapterExercises: [(number: Int, title: String)] = [
    (31, "one RNN step and back-propagation through time"),
    (32, "one LSTM cell step"),
    (33, "parameter counts of RNN, LSTM and GRU, and a TCN's receptive field"),
]
