import Presentation
import TerminalText
import TerminalUI

/// The guided walkthrough beside the probe log. First what a presenter reads aloud: whether the
/// step just performed gave the guide's result (one line, ✔ or ✘), the next step's title, its
/// command and where MeshDeck departs from the published guide; then what MeshDeck does for it,
/// what it should print, and the details of the last result. The pane scrolls (it has the focus
/// after Tab), with a marker when there is more.
enum GuideView {
    static func lines(_ state: AppState, width: Int, context: RenderContext) -> [(String, Style)] {
        guard let guide = state.guide else { return [] }
        let g = context.glyphs
        let t = context.text(state)
        let total = guide.walkthrough.steps.count
        var out: [(String, Style)] = []
        func add(_ text: String, _ style: Style, indent: Int = 2) {
            for line in TextWrap.wrap(text, width: max(1, width), hangingIndent: indent) { out.append((line, style)) }
        }
        let last = guide.outcomes.last
        if let last {
            let glyph = last.matches ? g.check : g.cross
            // One row: the rest of it comes further down.
            out.append(
                (
                    TextFit.truncate("\(glyph) \(last.index + 1). \(last.step.title)", to: width, ascii: context.ascii),
                    Style(last.matches ? .success : .failure, bold: true)
                ))
        }
        if let request = guide.awaiting, let step = guide.currentStep {
            add("\(guide.currentIndex + 1). \(step.title)", Style(.title, bold: true))
            add(t.probing(request.to, request.from), Style(.muted))
        } else if let step = guide.currentStep {
            add("\(t.next)\(guide.currentIndex + 1)/\(total). \(step.title)", Style(.title, bold: true))
            add("$ \(step.command)", Style(.logText, bold: true), indent: 4)
            if let note = step.note { add(note, Style(.warning)) }
            if let heredoc = step.heredoc {
                add(t.heredocLines(heredoc.split(separator: "\n").count), Style(.muted))
            }
            add(step.does, Style(.body))
            add(t.expect + step.expect.lines.prefix(2).joined(separator: " / "), Style(.muted))
        } else {
            add(
                guide.allMatch ? "\(g.check) \(t.allStepsMatched(total))" : "\(g.cross) \(t.someStepsDiffered)",
                Style(guide.allMatch ? .success : .failure, bold: true))
            add(t.guideFinishedHint, Style(.muted))
        }
        if let last {
            out.append(("", Style(.body)))
            add(
                "\(last.matches ? g.check : g.cross) \(last.index + 1). \(last.step.title)",
                Style(last.matches ? .success : .failure))
            let actual = last.output.filter { !$0.allSatisfy(\.isWhitespace) }
            if last.matches {
                add(t.asExpected(summary(last.step.expect, actual, t)), Style(.success))
            } else {
                // Line by line, as printed: a table stays a table.
                add(t.expected, Style(.body))
                for line in last.step.expect.lines { add("  " + line, Style(.body), indent: 4) }
                add(t.actual, Style(.failure))
                for line in actual { add("  " + line, Style(.failure), indent: 4) }
                if let mismatch = last.mismatch { add(mismatch, Style(.failure)) }
            }
        }
        return out
    }

    /// What a step that matched printed, in a few words: its one line, a table's size, or its
    /// first line and how many more (the whole output is in the log).
    static func summary(_ expect: WalkthroughExpectation, _ actual: [String], _ t: UIText) -> String {
        if case .table = expect { return t.tableRows(actual.count) }
        guard let first = actual.first else { return "" }
        return first + (actual.count > 1 ? t.moreLines(actual.count - 1) : "")
    }
}
