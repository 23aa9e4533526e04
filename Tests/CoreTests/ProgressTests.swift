// ProgressTests.swift: the one-line progress display of Core/Progress.swift.
// Its output goes to a closure here, and time display is off, so every line is known exactly.

import Testing
@testable import Core

/// Collects what a `ProgressLine` writes.
private final class CollectedOutput {
    var text = ""
    var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
}

/// A progress line that writes into `output` as if standard output were a file or a terminal.
private func progressLine(total: Int, label: String = "epoch", terminal: Bool,
                          into output: CollectedOutput) -> ProgressLine {
    ProgressLine(total: total, label: label, isTerminal: terminal, showsTime: false) { output.text += $0 }
}

@Suite("Progress line")
struct ProgressTests {
    @Test("not a terminal: 1000 updates print 10 evenly spaced lines, the last one at 100 %")
    func boundedLines() {
        let output = CollectedOutput()
        var progress = progressLine(total: 1000, label: "step", terminal: false, into: output)
        for step in 1...1000 { progress.update(step, message: "loss=\(1.0 / Double(step))") }
        progress.finish()
        let lines = output.lines
        #expect(lines.count == ProgressLine.maximumLines)
        #expect(lines.map { $0.split(separator: " ")[1] } == (1...10).map { "\($0 * 100)/1000" })
        #expect(lines.last?.hasPrefix("step 1000/1000 [####################] 100% loss=0.001") == true)
        #expect(!output.text.contains("\r"))
    }

    @Test("not a terminal: a short loop prints each step once, never more lines than steps")
    func shortLoop() {
        let output = CollectedOutput()
        var progress = progressLine(total: 3, terminal: false, into: output)
        for step in 1...3 { progress.update(step) }
        progress.finish()
        #expect(output.lines == ["epoch 1/3 [######--------------]  33%",
                                 "epoch 2/3 [#############-------]  66%",
                                 "epoch 3/3 [####################] 100%"])
    }

    @Test("not a terminal: finish() after an early stop prints the step reached, once")
    func earlyStop() {
        let output = CollectedOutput()
        var progress = progressLine(total: 200, terminal: false, into: output)
        for epoch in 1...57 { progress.update(epoch, message: "loss=0.5") }
        progress.finish()
        progress.finish()
        // Checkpoints at 10 % and 20 % (steps 20 and 40), then the stop at 57.
        #expect(output.lines.map { $0.split(separator: " ")[1] } == ["20/200", "40/200", "57/200"])
        #expect(output.lines.last == "epoch  57/200 [#####---------------]  28% loss=0.5")
    }

    @Test("terminal: one line redrawn with \\r and ended by a single newline")
    func terminalRedraw() {
        let output = CollectedOutput()
        var progress = progressLine(total: 50, terminal: true, into: output)
        for epoch in 1...50 { progress.update(epoch, message: epoch == 1 ? "a longer message" : "short") }
        progress.finish()
        #expect(output.text.hasPrefix("\repoch  1/50 ["))
        #expect(output.text.filter { $0 == "\n" }.count == 1)
        #expect(output.text.hasSuffix("\repoch 50/50 [####################] 100% short\n"))
        // A shorter line after a longer one is padded with spaces to cover the old text.
        let draws = output.text.split(separator: "\r").map(String.init)
        #expect(draws.count >= 2 && draws[1].count >= draws[0].count && draws[1].hasSuffix(" "))
    }

    @Test("steps outside 0...total are refused with a message")
    func stepOutOfRange() async {
        await #expect(processExitsWith: .failure) {
            var progress = ProgressLine(total: 10, isTerminal: false, showsTime: false) { _ in }
            progress.update(11)
        }
    }

    @Test("durations: tenths of a second, then minutes and seconds, then hours and minutes")
    func durations() {
        #expect(ProgressLine.durationText(4.24) == "4.2 s")
        #expect(ProgressLine.durationText(59.99) == "1 min 00 s")
        #expect(ProgressLine.durationText(187) == "3 min 07 s")
        #expect(ProgressLine.durationText(7500) == "2 h 05 min")
        #expect(ProgressLine.durationText(.infinity) == "?")
    }
}
