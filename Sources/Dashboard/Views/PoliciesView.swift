import MeshModel
import PolicyEngine
import Presentation
import TerminalText
import TerminalUI

/// MeshConfig flags (pinned on top), then TCPRoutes and TrafficTargets as `Kind namespace/name`
/// and what they say, each TrafficTarget marked when the mesh ignores it, and why. The lines
/// come from `AppState.panes` (built in the dashboard's language when the cluster changes); a
/// frame draws only those in view, cut with `…` where the pane is narrow.
enum PoliciesView {
    /// Columns the pane's lines take at most, when the screen has room: longer ones are cut.
    static let widestShown = 72

    static func content(_ state: AppState, context: RenderContext) -> PaneContent {
        let words = context.text(state)
        let list = state.panes.policies
        let config = state.cluster.meshConfig
        let pinned: [(String, Style)] = [
            (
                words.permissiveMode(config?.permissiveTrafficPolicyMode == true),
                Style(state.cluster.isPermissive ? .warning : .body, bold: true)
            ),
            (words.egressLine(config?.egress == true), Style(.body)),
        ]
        let flags = pinned.map { TextWidth.of($0.0) }.max() ?? 0
        let emptyLine = list.total == 0 ? words.noPolicies : nil
        let widest = max(flags, state.panes.policyWidest, emptyLine.map { TextWidth.of($0) } ?? 0)
        let focused = state.focus == .policies
        let lineCount = emptyLine == nil ? list.lineCount : 1
        return PaneContent(
            natural: min(widest, widestShown) + 2, minimum: min(widest, max(28, flags)) + 2,
            rows: pinned.count + max(1, state.panes.policyLines), essentialRows: pinned.count + max(1, state.panes.policyLines),
            pinned: pinned, lineCount: lineCount,
            selected: list.isEmpty ? 0 : list.line(ofRow: list.selected), scroll: list.scroll,
            position: list.isEmpty ? nil : (list.selected + 1, list.count),
            empty: list.filter.isEmpty ? nil : words.logNoMatch(list.filter.text),
            lines: { width, range in
                if let emptyLine { return [(emptyLine, Style(.muted))] }
                var out: [(String, Style)] = []
                var line = range.lowerBound
                while line < range.upperBound, let i = list.row(atLine: line) {
                    let row = list[i]
                    let selected = i == list.selected && focused
                    // ▸ only where the focus is: the pane that keys act on.
                    let mark = selected ? context.glyphs.pointer : " "
                    var rowLines = [
                        (
                            fitted(mark, row, width: width, ascii: context.ascii),
                            selected ? Style(.selected, reverse: true) : Style(.body)
                        )
                    ]
                    if let why = row.ignored { rowLines.append((why, Style(.failure, bold: true))) }
                    // A row cut at the top of the view shows its later lines.
                    let skip = line - list.line(ofRow: i)
                    for l in rowLines.dropFirst(skip) where line < range.upperBound {
                        out.append(l)
                        line += 1
                    }
                }
                return out
            })
    }

    /// The policy's line in `width` columns: whole if it fits, else with the kind's short name,
    /// then cut with `…` (measured in columns: Chinese words are two wide).
    static func fitted(_ mark: String, _ row: PolicyRow, width: Int, ascii: Bool) -> String {
        let whole = mark + row.text
        if TextWidth.of(whole) <= width { return whole }
        return TextFit.truncate(mark + row.shortText, to: max(1, width), ascii: ascii)
    }
}
