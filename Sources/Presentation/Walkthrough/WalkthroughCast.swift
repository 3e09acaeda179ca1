import MeshModel
import TerminalText

/// Types the headless walkthrough into an asciicast as a presenter would: comments appear, the
/// command is typed after a `$ ` prompt, a pause, its output, a pause. One marker per step,
/// `step N: title`, so a player can jump between steps. Times are made up to read well, not
/// measured: the output itself is the real one.
package enum WalkthroughCast {
    package struct Pace: Sendable {
        /// Per typed character of a command's first line.
        var keystroke = 0.035
        /// At most this long typing one line, however long it is (the exec line is 170 characters).
        var maxTyping = 2.5
        /// Before the output appears, as if the command ran.
        var thinking = 0.6
        /// After a step, before the next one's comments.
        var betweenSteps = 1.2
        /// Between lines of a heredoc, pasted rather than typed.
        var pastedLine = 0.04
        init() {}
    }

    /// Columns wide enough for the walkthrough's commands, within what players show well. The
    /// header is written before the steps run, so outputs cannot be measured; commands are the
    /// longest lines (the `kubectl exec` line is 165 columns), comments wrap at 96.
    package static func width(for walkthrough: Walkthrough) -> Int {
        let widest = walkthrough.steps.flatMap { ["$ " + $0.command] + $0.commandLines.dropFirst() }.map { TextWidth.of($0) }
            .max()
        return min(200, max(80, widest ?? 80, WalkthroughTranscript.commentColumns + 2))
    }

    /// Writes the header's comments, then every step, to `writer`. Returns the time of the last
    /// event, in seconds.
    @discardableResult
    package static func write(
        _ walkthrough: Walkthrough, _ outcomes: [StepOutcome], to writer: AsciicastWriter,
        pace: Pace = Pace()
    ) -> Double {
        var t = 0.0
        for line in WalkthroughTranscript.header(walkthrough) {
            writer.output(line + "\r\n", at: t)
        }
        t += pace.betweenSteps
        for outcome in outcomes {
            let block = WalkthroughTranscript.block(outcome)
            writer.marker("step \(outcome.index + 1): \(outcome.step.title.terminalSafe)", at: t)
            writer.output("\r\n", at: t)
            for comment in block.comments { writer.output("# \(comment)\r\n", at: t) }
            t += 0.3
            writer.output("$ ", at: t)
            for (index, line) in block.command.enumerated() {
                if index == 0 {
                    let step = min(pace.keystroke, pace.maxTyping / Double(max(1, line.count)))
                    for character in line {
                        t += step
                        writer.output(String(character), at: t)
                    }
                } else {
                    t += pace.pastedLine
                    writer.output(line, at: t)
                }
                writer.output("\r\n", at: t)
            }
            t += pace.thinking
            for line in block.output { writer.output(line + "\r\n", at: t) }
            t += pace.betweenSteps
        }
        return t
    }
}
