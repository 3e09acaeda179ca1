import MeshModel
import PolicyEngine
import Presentation
import TerminalText
import TerminalUI

/// MeshConfig flags, TCPRoutes and TrafficTargets, each TrafficTarget marked when the mesh
/// ignores it, and why.
enum PoliciesView {
    static func content(_ state: AppState, context: RenderContext) -> PaneContent {
        let (all, selected, _) = lines(state, context: context)
        let widest = all.map { TextWidth.of($0.0) }.max() ?? 0
        let flags = all.prefix(2).map { TextWidth.of($0.0) }.max() ?? 0
        return PaneContent(
            natural: min(widest, 72) + 2, minimum: min(widest, max(28, flags)) + 2, rows: all.count, essentialRows: all.count,
            selected: selected, lines: { _ in all })
    }

    /// The lines, the row of the selected policy, and for each line the policy it draws (nil for
    /// the MeshConfig lines), so a click selects the policy under it.
    static func lines(_ state: AppState, context: RenderContext) -> ([(String, Style)], Int, [Int?]) {
        let words = context.text(state)
        var out: [(String, Style)] = []
        let config = state.cluster.meshConfig
        out.append(
            (
                words.permissiveMode(config?.permissiveTrafficPolicyMode == true),
                Style(state.cluster.isPermissive ? .warning : .body, bold: true)
            ))
        out.append((words.egressLine(config?.egress == true), Style(.body)))
        // Why the mesh ignores a TrafficTarget, in the dashboard's language.
        let explanationWords = state.language.explanationWords(unicode: !context.ascii)
        let status = Dictionary(
            zip(state.policy.targetStatus, state.policy.targetIgnored).map {
                ($0.target.meta.key, $1.map(explanationWords.ignored))
            },
            uniquingKeysWith: { a, _ in a })
        let items = state.policyItems
        if items.isEmpty { out.append((words.noPolicies, Style(.muted))) }
        var owners: [Int?] = Array(repeating: nil, count: out.count)
        let focused = state.focus == .policies
        var selectedRow = 0
        for (i, item) in items.enumerated() {
            if i == state.selectedPolicy { selectedRow = out.count }
            let selected = i == state.selectedPolicy && focused
            // ▸ only where the focus is: the pane that keys act on.
            let mark = selected ? context.glyphs.pointer : " "
            let style = selected ? Style(.selected, reverse: true) : Style(.body)
            let text: String
            switch item.kind {
            case .tcpRoute:
                let ports = state.cluster.tcpRoutes[item.key]?.ports ?? []
                text =
                    "TCPRoute \(item.key.name) \(words.ports) \(ports.isEmpty ? words.anyPort : ports.map(String.init).joined(separator: ","))"
            case .trafficTarget:
                let t = state.cluster.trafficTargets[item.key]!
                let sources = t.sources.map { "\($0.namespace)/\($0.name)" }.joined(separator: ",")
                text =
                    "TrafficTarget \(item.key.name) \(sources) \(context.glyphs.arrow) \(t.destination.namespace)/\(t.destination.name)"
                if let why = status[item.key] ?? nil {
                    out.append(("\(mark)\(text)", style))
                    out.append(("   \(words.ignored)\(why)", Style(.failure, bold: true)))
                    owners += [i, i]
                    continue
                }
            default:
                text = "\(item.kind.rawValue) \(item.key.name)"
            }
            out.append(("\(mark)\(text)", style))
            owners.append(i)
        }
        return (out, selectedRow, owners)
    }
}
