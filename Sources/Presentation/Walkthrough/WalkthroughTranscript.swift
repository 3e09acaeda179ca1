import MeshModel
import TerminalText

/// One step as the guide prints it: comments (its number and title, a note), the command as
/// typed, and what it printed. Every line is escaped for the terminal.
package struct TranscriptBlock: Sendable, Equatable {
    /// Comment text, without the leading `# `.
    var comments: [String]
    /// The command as typed: the first line follows the `$ ` prompt, a heredoc's lines follow it.
    var command: [String]
    var output: [String]

    /// The block as printed: `# ` comments, `$ ` command, output.
    var lines: [String] {
        comments.map { "# " + $0 } + command.enumerated().map { $0.offset == 0 ? "$ " + $0.element : $0.element } + output
    }
}

/// The headless walkthrough's transcript, shared by `meshdeck walkthrough` (printed) and its
/// `--cast` (typed out in an asciicast).
package enum WalkthroughTranscript {
    /// Comment lines are wrapped to this many columns (CJK characters count two).
    static let commentColumns = 96

    /// The walkthrough's title and introduction, as comments.
    static func header(_ walkthrough: Walkthrough) -> [String] {
        ([walkthrough.title] + wrap(walkthrough.intro, columns: commentColumns)).map { "# " + $0.terminalSafe }
    }

    static func block(_ outcome: StepOutcome) -> TranscriptBlock {
        let step = outcome.step
        var comments = ["\(outcome.index + 1). \(step.title)".terminalSafe]
        if let note = step.note { comments += wrap(note, columns: commentColumns).map(\.terminalSafe) }
        return TranscriptBlock(
            comments: comments, command: step.commandLines.map(\.terminalSafe),
            output: outcome.output.map(\.terminalSafe))
    }

    /// The whole transcript: the header, then each step's block, a blank line before each.
    package static func lines(_ walkthrough: Walkthrough, _ outcomes: [StepOutcome]) -> [String] {
        header(walkthrough) + outcomes.flatMap { [""] + block($0).lines }
    }

    /// Breaks text into lines of at most `columns` terminal columns: between words, and between
    /// CJK characters (Chinese has no spaces to break at). A word longer than a line stays whole.
    static func wrap(_ text: String, columns: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var width = 0
        // Pieces: a run of non-space, non-CJK characters, or one CJK character.
        var pieces: [(text: String, spaceBefore: Bool)] = []
        var spaceBefore = false
        var run = ""
        func flushRun() {
            if !run.isEmpty { pieces.append((run, spaceBefore)); run = ""; spaceBefore = false }
        }
        for character in text {
            if character.isWhitespace {
                flushRun()
                spaceBefore = true
            } else if TextWidth.of(character) == 2 {
                flushRun()
                pieces.append((String(character), spaceBefore))
                spaceBefore = false
            } else {
                run.append(character)
            }
        }
        flushRun()
        for piece in pieces {
            let pieceWidth = TextWidth.of(piece.text)
            let gap = piece.spaceBefore && !line.isEmpty ? 1 : 0
            // Chinese never starts a line with closing punctuation: it stays on the line it ends.
            let closing = gap == 0 && piece.text.count == 1 && "，。、：；！？）」』".contains(piece.text)
            if !line.isEmpty, !closing, width + gap + pieceWidth > columns {
                lines.append(line)
                line = piece.text
                width = pieceWidth
            } else {
                line += (gap == 1 ? " " : "") + piece.text
                width += gap + pieceWidth
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
