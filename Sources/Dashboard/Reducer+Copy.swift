import Foundation
import TerminalUI

/// `c` and `:save`: what leaves the dashboard as text. Built here, written by the run loop (the
/// clipboard through the terminal, a file off the UI thread): the reducer does no I/O.
extension Reducer {
    /// The text `c` copies, and what to call it in the message: an open popup whole (an
    /// explanation with the `meshdeck explain` line that prints it), else that line for the
    /// selected probe, which pastes into a shell.
    static func copyText(_ state: AppState) -> (text: String, what: String) {
        switch state.popup {
        case .explain(let title, let lines)?:
            var text = ([title] + lines.map(\.text)).joined(separator: "\n")
            if let line = explainLine(title) { text += "\n\n$ " + line }
            return (text + "\n", state.text.copyPopup(lines.count + 1))
        case .help?:
            let lines = KeyBindings.helpLines(text: state.text, width: 100).map(\.text)
            return (([state.text.helpTitle] + lines).joined(separator: "\n") + "\n", state.text.copyPopup(lines.count + 1))
        default:
            var from = state.probeFrom
            var to = state.probeTo
            if let index = selectedProbe(state), case .probe(let r) = state.log.visible(index).kind {
                from = r.from
                to = r.to
            }
            return ("meshdeck explain --from \(from) --to \(to)", state.text.copyCommandLine)
        }
    }

    /// `curl/curl → tcp-echo.tcp-demo:9000` (an explanation's title) as the CLI line.
    static func explainLine(_ title: String) -> String? {
        let parts = title.components(separatedBy: " → ")
        guard parts.count == 2, parts[0].contains("/"), parts[1].contains(":") else { return nil }
        return "meshdeck explain --from \(parts[0]) --to \(parts[1])"
    }

    /// The log as `:save` writes it: every entry the filter shows, a line each, wrapped nowhere.
    static func logText(_ state: AppState) -> String {
        let context = RenderContext(ascii: false)
        var out = ""
        for i in 0..<state.log.visibleCount {
            for row in LogView.rows(
                state.log.visible(i), width: 100_000, wrap: false, context: context, words: state.logWords(context))
            {
                out += row.0 + "\n"
            }
        }
        return out
    }
}
