import TerminalText
import TerminalUI

/// Where everything goes on a screen of a given size, cut with `Rect.split`: the header, the
/// three top panes sized to their content, the log (and the guide beside it) taking every row
/// the top panes do not need, the message line and the footer. The view draws it; the reducer
/// asks it how big a page of the log, the guide or a popup is.
struct ScreenLayout {
    var header: Rect
    var namespaces: Rect
    var workloads: Rect
    var policies: Rect
    var log: Rect
    var guide: Rect?
    /// The matrix replaces the panes, log and guide.
    var matrix: Rect
    var message: Rect
    var footer: Rect
    var namespaceContent: PaneContent
    var workloadContent: PaneContent
    var policyContent: PaneContent
    /// The presentation layout's verdict box (`z`); nil otherwise.
    var verdict: Rect? = nil

    static func of(_ state: AppState, width: Int, height: Int, context: RenderContext) -> ScreenLayout {
        let rows = Rect(width: width, height: height).split(.vertical, [.length(1), .fill(), .length(1), .length(1)])
        let body = rows[1]
        let t = context.text(state)
        var ns = NamespacesView.content(state, context: context)
        var wl = WorkloadsView.content(state, context: context)
        var pol = PoliciesView.content(state, context: context)
        // A filtered pane would like room for its title too (`Namespaces /ns-12 (11 of 1007)`).
        for (pane, title) in [
            (Pane.namespaces, t.namespaces), (.workloads, t.workloads(state.currentNamespace ?? "-")), (.policies, t.policies),
        ] {
            guard Reducer.paneFilter(state, pane)?.isEmpty == false else { continue }
            let wanted = TextWidth.of(Screen.paneTitle(title, pane, state, text: t)) + 6
            switch pane {
            case .namespaces: ns.natural = max(ns.natural, wanted)
            case .workloads: wl.natural = max(wl.natural, wanted)
            default: pol.natural = max(pol.natural, wanted)
            }
        }
        // Rows: what the workloads and policies hold, the namespaces that are not built in (the
        // rest scroll, with a marker), within half the body; the log gets every other row.
        let wanted = max(wl.rows, pol.rows, ns.essentialRows, min(ns.rows, body.height / 4))
        let topRows = min(max(3, wanted), max(3, body.height / 2 - 2))
        let parts = body.split(.vertical, [.length(topRows + 2), .fill()])
        let top = parts[0], bottom = parts[1]
        // Columns: each pane between what it needs to be useful and what shows it whole.
        let panes = top.split(
            .horizontal,
            [
                .content(min: min(ns.minimum, width / 4), natural: ns.natural),
                .content(min: min(wl.minimum, width / 2), natural: wl.natural),
                .content(min: min(pol.minimum, width * 3 / 10), natural: pol.natural),
            ])
        var log = bottom
        var guide: Rect?
        if state.presentation {
            // For a projector: the last verdict, large, over the log; the panes give way.
            let wanted = PresentationView.rows(state, width: width, context: context)
            let split = body.split(.vertical, [.length(min(wanted, max(3, body.height - 6))), .fill()])
            let none = Rect(x: 0, y: body.y, width: 0, height: 0)
            return ScreenLayout(
                header: rows[0], namespaces: none, workloads: none, policies: none, log: split[1], guide: nil,
                matrix: body, message: rows[2], footer: rows[3], namespaceContent: ns, workloadContent: wl,
                policyContent: pol, verdict: split[0])
        }
        if state.showGuide, state.guide != nil {
            let beside = bottom.split(.horizontal, [.fill(), .length(max(36, width * 42 / 100))])
            log = beside[0]
            guide = beside[1]
        }
        return ScreenLayout(
            header: rows[0], namespaces: panes[0], workloads: panes[1], policies: panes[2], log: log, guide: guide,
            matrix: body, message: rows[2], footer: rows[3], namespaceContent: ns, workloadContent: wl, policyContent: pol)
    }
}
