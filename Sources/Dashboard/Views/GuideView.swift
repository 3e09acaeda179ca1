import TerminalText
import TerminalUI

/// The guided walkthrough beside the probe log: the step just performed (its expected and
/// actual result, ✔ or ✘), then the next one (what to type on a real cluster, what MeshDeck
/// does for it), then the keys.
enum GuideView {
    /// What fits in `rows`: the last step's result first (up to half the rows), then the next
    /// step from its title down, cut at the bottom when the pane is short.
    static func fitted(_ state: AppState, width: Int, rows: Int, context: RenderContext) -> [(String, Style)] {
        let (done, next) = sections(state, width: width, context: context)
        guard done.count + next.count > rows else { return done + next }
        let shownDone = Array(done.prefix(max(rows / 2, rows - next.count)))
        return shownDone + next.prefix(max(0, rows - shownDone.count))
    }

    /// The last step performed (with a blank line after it), and what comes next.
    static func sections(_ state: AppState, width: Int, context: RenderContext) -> ([(String, Style)], [(String, Style)]) {
        guard let guide = state.guide else { return ([], []) }
        let g = context.glyphs
        let t = context.text(state)
        let total = guide.walkthrough.steps.count
        var out: [(String, Style)] = []
        func add(_ text: String, _ style: Style, indent: String = "") {
            for line in TextWrap.wrap(text, width: max(1, width - TextWidth.of(indent))) { out.append((indent + line, style)) }
        }
        if let last = guide.outcomes.last {
            let glyph = last.matches ? g.check : g.cross
            add("\(glyph) \(last.index + 1). \(last.step.title)", Style(last.matches ? .success : .failure, bold: true))
            let actual = last.output.filter { !$0.allSatisfy(\.isWhitespace) }
            if last.matches {
                // Equal: one line says both, so it fits even at 80x24.
                add(
                    t.expectedEqualsActual + actual.prefix(3).joined(separator: " / ") + (actual.count > 3 ? " …" : ""),
                    Style(.success))
            } else {
                add(t.expected + last.step.expect.lines.prefix(3).joined(separator: " / "), Style(.body))
                add(t.actual + actual.prefix(3).joined(separator: " / "), Style(.failure))
                if let mismatch = last.mismatch { add(mismatch, Style(.failure)) }
            }
            out.append(("", Style(.body)))
        }
        let done = out
        out = []
        if let request = guide.awaiting, let step = guide.currentStep {
            add("\(guide.currentIndex + 1). \(step.title)", Style(.title, bold: true))
            add(t.probing(request.to, request.from), Style(.muted))
        } else if let step = guide.currentStep {
            add("\(t.next)\(guide.currentIndex + 1)/\(total). \(step.title)", Style(.title, bold: true))
            add("$ \(step.command)", Style(.body, bold: true))
            if let heredoc = step.heredoc {
                let lines = heredoc.split(separator: "\n").count
                add(t.heredocLines(lines), Style(.muted))
            }
            add(step.does, Style(.body))
            if let note = step.note { add(note, Style(.warning)) }
            add(t.expect + step.expect.lines.prefix(2).joined(separator: " / "), Style(.muted))
        } else {
            add(
                guide.allMatch ? "\(g.check) \(t.allStepsMatched(total))" : "\(g.cross) \(t.someStepsDiffered)",
                Style(guide.allMatch ? .success : .failure, bold: true))
            add(t.guideFinishedHint, Style(.muted))
        }
        return (done, out)
    }
}
