// Report.swift: the attention chapter's report page (index.html in its --out folder, Core's ReportPage)
// and the exercises that practise its sections, which the chapter names at its end.
// The `print` below shadows Swift's inside this program, so every line the chapter prints also goes
// onto the page, and every `wrote ....svg` line puts that figure on it, in order.

import Core

/// The page of this run: Attention and transformers.
let report = ReportPage(
    title: "swift run attention: Attention and transformers",
    subtitle: "Follows DL Padova \"Key-Value-Query concept\", \"Self attention\", \"Multi-head attention\", \"Positional Encoding\", \"Normalization Layer\", \"Masked multi-head attention\". Every figure below was drawn by this run from the library's own code.",
    captions: [
        "positional-encoding":
            "DL Padova \"Positional Encoding\"",
        "attention-":
            "DL Padova \"Encoder-Decoder Attention\": the trained transformer's attention weights",
        "training-loss":
            "DL Padova \"Encoders\", \"Decoder\": the transformer trained by teacher forcing",
        "held-out-accuracy":
            "DL Padova \"Encoders\", \"Decoder\": the transformer trained by teacher forcing",
    ])

/// Prints like Swift's `print`, and records the text on the report page.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(text, terminator: "")
    report.record(text)
}

/// The exercises of this chapter's sections, by their number in `swift run --package-path Exercises exercises`.
let chapterExercises: [(number: Int, title: String)] = [
    (34, "attention by hand"),
    (35, "the causal mask"),
    (36, "layer normalisation's backward pass"),
]
