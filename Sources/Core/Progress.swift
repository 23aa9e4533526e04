// Progress.swift: one line that shows how far a long loop has got, e.g. training for 200 epochs.
// Goals, in order: never flood a log file (CI, `| tee run.log`); redraw in place on a terminal;
// appear in order with the program's other `print` output; no global state (Swift 6 strict
// concurrency); deterministic output when time display is off (for tests and diffable logs).
//
// It writes to standard output, not standard error, because the two streams are buffered
// separately: when both go to one file, stderr lines land out of order with the chapter's prints.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress display for a loop of `total` steps.
///
/// ```swift
/// var progress = ProgressLine(total: 200, label: "epoch")
/// for epoch in 1...200 {
///     let loss = trainOneEpoch()
///     progress.update(epoch, message: "loss=\(loss)")
/// }
/// progress.finish()
/// // On a terminal, one line redrawn in place:
/// //   epoch 120/200 [############--------]  60% loss=0.1234 (12.3 s, ~8.2 s left)
/// // Piped or in CI, at most 10 lines: at 10 %, 20 %, ..., 90 % of the steps, and the last step.
/// ```
///
/// `step` counts completed steps, 1...total (pass `index + 1` from a 0-based loop). Calling
/// `finish()` after an early stop prints the step reached. Keep `message` short: a line wider than
/// the terminal wraps, and then every redraw starts a new line.
public struct ProgressLine {
    /// The number of steps of the whole loop.
    public let total: Int
    /// What a step is called, e.g. "epoch".
    public let label: String
    /// True: redraw one line with "\r". False: print separate lines, at most `ProgressLine.maximumLines`.
    public let isTerminal: Bool
    /// Whether lines end with the elapsed time and an estimate of the time left.
    public let showsTime: Bool
    private let write: (String) -> Void

    private let start = ContinuousClock.now
    private var lastDrawn: ContinuousClock.Instant? = nil
    private var step = 0
    private var message = ""
    /// Non-terminal mode: the checkpoint k of the next line, printed when step >= k * total / 10.
    private var nextCheckpoint = 1
    private var lastPrintedStep: Int? = nil
    private var lastLineLength = 0
    private var isFinished = false

    /// Lines printed, at most, when output is not a terminal: 9 evenly spaced ones and the last.
    public static let maximumLines = 10

    /// Preconditions: `total >= 1`.
    /// - Parameters:
    ///   - isTerminal: whether to redraw in place; by default, whether standard output is a terminal.
    ///   - showsTime: whether to show elapsed and remaining time; turn off for identical output every run.
    ///   - write: where the text goes; by default standard output (tests pass a closure that collects it).
    public init(total: Int, label: String = "step", isTerminal: Bool = ProgressLine.standardOutputIsTerminal,
                showsTime: Bool = true, write: @escaping (String) -> Void = ProgressLine.writeToStandardOutput) {
        precondition(total >= 1, "ProgressLine: total must be >= 1, got \(total)")
        self.total = total
        self.label = label
        self.isTerminal = isTerminal
        self.showsTime = showsTime
        self.write = write
    }

    /// Records that `step` of `total` steps are done, with an optional message such as "loss=0.1234".
    /// Precondition: 0 <= step <= total, and `finish()` has not been called.
    public mutating func update(_ step: Int, message: String = "") {
        precondition(step >= 0 && step <= total, "ProgressLine.update: step \(step) is outside 0...\(total)")
        precondition(!isFinished, "ProgressLine.update: called after finish()")
        self.step = step
        self.message = message
        if isTerminal {
            // Redraw at most 10 times a second: printing costs more than a fast loop's step.
            let now = ContinuousClock.now
            if step == total || lastDrawn.map({ now - $0 >= .milliseconds(100) }) ?? true {
                redraw()
                lastDrawn = now
            }
        } else if step == total || (nextCheckpoint < Self.maximumLines && step >= checkpointStep(nextCheckpoint)) {
            if lastPrintedStep != step { printLine() }
            while nextCheckpoint < Self.maximumLines && checkpointStep(nextCheckpoint) <= step { nextCheckpoint += 1 }
        }
    }

    /// Ends the display: shows the last step reached and moves to a new line. Calling it twice does nothing.
    public mutating func finish() {
        guard !isFinished else { return }
        isFinished = true
        if isTerminal {
            redraw()
            write("\n")
        } else if lastPrintedStep != step {
            printLine()
        }
    }

    /// The step of checkpoint k: the first step at or after k/10 of the way, k = 1...9.
    private func checkpointStep(_ k: Int) -> Int {
        (k * total + Self.maximumLines - 1) / Self.maximumLines
    }

    private mutating func printLine() {
        write(currentLine() + "\n")
        lastPrintedStep = step
    }

    /// "\r", the line, and spaces over what is left of a longer previous line.
    private mutating func redraw() {
        let line = currentLine()
        write("\r" + line + String(repeating: " ", count: max(0, lastLineLength - line.count)))
        lastLineLength = line.count
    }

    /// E.g. "epoch  60/200 [######--------------]  30% loss=0.1234 (3.1 s, ~7.2 s left)".
    func currentLine() -> String {
        let barWidth = 20
        let filled = step * barWidth / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled)
        let stepText = String(repeating: " ", count: String(total).count - String(step).count) + String(step)
        let percent = String(step * 100 / total)
        var line = "\(label) \(stepText)/\(total) [\(bar)] "
            + String(repeating: " ", count: 3 - percent.count) + percent + "%"
        if !message.isEmpty { line += " " + message }
        if showsTime {
            let elapsed = Self.seconds(ContinuousClock.now - start)
            var time = Self.durationText(elapsed)
            if step > 0 && step < total {
                time += ", ~" + Self.durationText(elapsed * Double(total - step) / Double(step)) + " left"
            }
            line += " (\(time))"
        }
        return line
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }

    /// "4.2 s" below a minute, "3 min 07 s" below an hour, else "2 h 05 min".
    static func durationText(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        if seconds < 59.95 {
            let tenths = Int((seconds * 10).rounded())
            return "\(tenths / 10).\(tenths % 10) s"
        }
        let whole = Int(seconds.rounded())
        func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if whole < 3600 { return "\(whole / 60) min \(twoDigits(whole % 60)) s" }
        return "\(whole / 3600) h \(twoDigits(whole % 3600 / 60)) min"
    }

    /// Whether standard output is a terminal (and not a file, a pipe or a CI log).
    public static var standardOutputIsTerminal: Bool {
        isatty(STDOUT_FILENO) == 1
    }

    /// Prints `text` to standard output through the same buffer as `print`, then flushes it, so a
    /// line without "\n" shows at once. (`fflush(nil)` flushes every stream; naming `stdout`
    /// directly is a Swift 6 error on Linux, where it is a global variable.)
    public static func writeToStandardOutput(_ text: String) {
        print(text, terminator: "")
        fflush(nil)
    }
}
