import MeshModel
import PolicyEngine
import Presentation
import TerminalUI

/// MeshConfig flags, TCPRoutes and TrafficTargets, each TrafficTarget marked when the mesh
/// ignores it, and why.
enum PoliciesView {
    static func lines(_ state: AppState, context: RenderContext) -> [(String, Style)] {
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
        for (i, item) in items.enumerated() {
            let selected = i == state.selectedPolicy
            let mark = selected ? context.glyphs.pointer : " "
            var text: String
            var style = Style(.body)
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
                    out.append(
                        ("\(mark)\(text)", selected && state.focus == .policies ? Style(.selected, reverse: true) : Style(.body)))
                    out.append(("   \(words.ignored)\(why)", Style(.failure, bold: true)))
                    continue
                }
            default:
                text = "\(item.kind.rawValue) \(item.key.name)"
            }
            if selected && state.focus == .policies { style = Style(.selected, reverse: true) }
            out.append(("\(mark)\(text)", style))
        }
        return out
    }
}
