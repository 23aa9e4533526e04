// Report.swift: the q-learning chapter's report page (index.html in its --out folder, Core's ReportPage)
// and the exercises that practise its sections, which the chapter names at its end.
// The `print` below shadows Swift's inside this program, so every line the chapter prints also goes
// onto the page, and every `wrote ....svg` line puts that figure on it, in order.

import Core

/// The page of this run: Reinforcement learning and Q-learning.
let report = ReportPage(
    title: "swift run q-learning: Reinforcement learning and Q-learning",
    subtitle: "Follows DL Padova \"Reinforcement Learning\" and \"Q-Learning\"; Sutton & Barto's cliff walking and the frozen lake. Every figure below was drawn by this run from the library's own code.",
    captions: [
        "sutton-barto-6.4-":
            "DL Padova \"Q-Learning\" on Sutton & Barto's cliff walking (Example 6.6, Figure 6.4): return per episode",
        "cliff-walking-":
            "DL Padova \"Q-Learning\" on cliff walking",
        "frozen-lake-":
            "DL Padova \"Q-Learning\" on the slippery frozen lake, value iteration as the oracle",
    ])

/// Prints like Swift's `print`, and records the text on the report page.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(text, terminator: "")
    report.record(text)
}

/// The exercises of this chapter's sections, by their number in `swift run --package-path Exercises exercises`.
let chapterExercises: [(number: Int, title: String)] = [
    (4, "the discounted returns of an episode"),
    (5, "the Q-learning update"),
    (6, "epsilon-greedy action choice"),
    (50, "a whole Q-learning episode loop on cliff walking"),
    (51, "value iteration on the frozen lake, to 0.8235"),
]
