import ConnectionEngine
import Foundation
import MeshModel
import PolicyEngine

/// The only place the dashboard's state changes. Pure: it returns the effects to run.
public enum Reducer {
    public static func reduce(_ state: inout AppState, _ action: Action, now: Date = Date()) -> [Effect] {
        switch action {
        case .key(let key):
            return reduceKey(&state, key, now: now)
        case .probeFinished(let result):
            state.probesInFlight = max(0, state.probesInFlight - 1)
            if result.outcome == .allowed { state.allowed += 1 } else { state.denied += 1 }
            state.log.append(LogEntry(time: now, kind: .probe(result)))
            if state.logScroll > 0 { state.logScroll += 1 }  // keep the view still while scrolled up
            return []
        case .probeFailed(let message):
            state.probesInFlight = max(0, state.probesInFlight - 1)
            state.message = message
            return []
        case .engineUpdated(let error):
            if let error { state.message = "data plane: \(error)" }
            return []
        }
    }

    private static func reduceKey(_ state: inout AppState, _ key: Key, now: Date) -> [Effect] {
        if let popup = state.popup {
            return reducePopupKey(&state, popup, key, now: now)
        }
        switch key {
        case .character("q"), .control("c"):
            state.quit = true
        case .enter, .character("s"):
            state.probesInFlight += 1
            return [.probe(from: state.probeFrom, to: state.probeTo, message: state.probeMessage)]
        case .character("p"):
            return flipMeshConfig(&state, now, field: "enablePermissiveTrafficPolicyMode", current: state.cluster.isPermissive,
                                  set: { $0.setPermissive($1) },
                                  message: { $0 ? "permissive traffic policy mode on" : "permissive mode off: SMI policies decide" })
        case .character("g"):
            return flipMeshConfig(&state, now, field: "enableEgress", current: state.cluster.isEgressEnabled,
                                  set: { $0.setEgress($1) }, message: { "egress \($0 ? "on" : "off")" })
        case .character("a"):
            return applyBundle(&state, "smi-policy", now: now)
        case .character("d"):
            let items = state.policyItems
            guard !items.isEmpty else {
                state.message = "no policy to delete"
                return []
            }
            let item = items[min(state.selectedPolicy, items.count - 1)]
            state.popup = .confirmDelete(kind: item.kind, key: item.key)
        case .character("e"):
            explainSelected(&state)
        case .character("x"):
            state.showMatrix.toggle()
        case .character("t"):
            guard !state.themes.isEmpty else { return [] }
            state.themeIndex = (state.themeIndex + 1) % state.themes.count
            state.message = "theme \(state.theme!.name)"
            return [.applyTheme(state.theme!.palette)]
        case .character("?"):
            state.popup = .help
        case .tab:
            state.focus = Pane(rawValue: (state.focus.rawValue + 1) % Pane.allCases.count)!
        case .backTab:
            state.focus = Pane(rawValue: (state.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!
        case .up, .character("k"):
            move(&state, by: -1)
        case .down, .character("j"):
            move(&state, by: 1)
        case .left, .character("h"):
            state.focus = Pane(rawValue: max(0, state.focus.rawValue - 1))!
        case .right, .character("l"):
            state.focus = Pane(rawValue: min(Pane.allCases.count - 1, state.focus.rawValue + 1))!
        case .pageUp:
            if state.focus == .log { state.logScroll = min(max(0, state.log.count - 1), state.logScroll + 10) }
        case .pageDown:
            if state.focus == .log { state.logScroll = max(0, state.logScroll - 10) }
        case .escape:
            state.message = nil
            state.showMatrix = false
        default:
            break
        }
        return []
    }

    private static func reducePopupKey(_ state: inout AppState, _ popup: Popup, _ key: Key, now: Date) -> [Effect] {
        if case .confirmDelete(let kind, let objectKey) = popup {
            switch key {
            case .character("y"), .enter:
                state.popup = nil
                var cluster = state.cluster
                do {
                    try cluster.delete(kind, objectKey)
                } catch {
                    state.message = error.description
                    return []
                }
                state.setCluster(cluster)
                command(&state, now, "kubectl delete \(kind.kubectlName) \(objectKey.name) -n \(objectKey.namespace)")
                state.log.append(LogEntry(time: now, kind: .output("\(kind.kubectlName) \"\(objectKey.name)\" deleted")))
                state.selectedPolicy = max(0, min(state.selectedPolicy, state.policyItems.count - 1))
                return [.updateEngine]
            case .character("n"), .escape, .character("q"):
                state.popup = nil
                state.message = "nothing deleted"
            default:
                break
            }
            return []
        }
        switch key {
        case .escape, .character("q"), .enter, .character("e"), .character("?"):
            state.popup = nil
        case .control("c"):
            state.quit = true
        default:
            break
        }
        return []
    }

    /// Flips one MeshConfig switch, logging the `kubectl patch` a user would type for it.
    private static func flipMeshConfig(_ state: inout AppState, _ now: Date, field: String, current: Bool,
                                       set: (inout Cluster, Bool) -> Void, message: (Bool) -> String) -> [Effect] {
        let on = !current
        var cluster = state.cluster
        set(&cluster, on)
        state.setCluster(cluster)
        command(&state, now, "kubectl patch meshconfig osm-mesh-config -n osm-system -p '{\"spec\":{\"traffic\":{\"\(field)\":\(on)}}}' --type=merge")
        state.message = message(on)
        return [.updateEngine]
    }

    private static func command(_ state: inout AppState, _ now: Date, _ text: String) {
        state.log.append(LogEntry(time: now, kind: .command(text)))
    }

    static func applyBundle(_ state: inout AppState, _ name: String, now: Date) -> [Effect] {
        guard let bundle = Scenario.bundle(named: name) else { return [] }
        let decoded = ManifestDecoder(defaultNamespace: bundle.namespace).decode(bundle.yaml, file: "bundle:\(name)")
        var cluster = state.cluster
        do {
            guard decoded.errors.isEmpty else { throw ManifestErrors(decoded.errors) }
            let results = try cluster.apply(decoded.resources, now: now)
            state.setCluster(cluster)
            command(&state, now, "kubectl apply -f - <<EOF   # \(bundle.summary)")
            for r in results { state.log.append(LogEntry(time: now, kind: .output(r.description))) }
            state.message = "applied \(name)"
            return [.updateEngine]
        } catch {
            state.message = "\(error)".split(separator: "\n").first.map(String.init) ?? "apply failed"
            return []
        }
    }

    private static func move(_ state: inout AppState, by delta: Int) {
        switch state.focus {
        case .namespaces:
            state.selectedNamespace = max(0, min(state.namespaces.count - 1, state.selectedNamespace + delta))
        case .policies:
            state.selectedPolicy = max(0, min(max(0, state.policyItems.count - 1), state.selectedPolicy + delta))
        case .log:
            let probes = probeIndices(state)
            state.selectedLogFromEnd = max(0, min(max(0, probes.count - 1), state.selectedLogFromEnd - delta))
        case .workloads:
            break
        }
    }

    /// Log positions of probe entries, newest last.
    static func probeIndices(_ state: AppState) -> [Int] {
        (0..<state.log.count).filter { if case .probe = state.log[$0].kind { true } else { false } }
    }

    /// The full fact chain of the selected probe, as `explain` prints it, against the
    /// policy in force now.
    private static func explainSelected(_ state: inout AppState) {
        let probes = probeIndices(state)
        guard !probes.isEmpty else {
            state.message = "no probe to explain yet: press Enter to send one"
            return
        }
        let position = probes[probes.count - 1 - min(state.selectedLogFromEnd, probes.count - 1)]
        guard case .probe(let result) = state.log[position].kind else { return }
        var lines = ["probe: \(result.outcome.rawValue.uppercased())" + (result.verdict.map { " at the \($0.point.rawValue)" } ?? "")
                        + ": \(result.reason)"]
        if !result.reply.isEmpty { lines.append("reply: \(result.reply)") }
        if let e = try? state.policy.workload(named: result.from), let (host, port) = try? PolicyIndex.splitHostPort(result.to) {
            let explanation = state.policy.explain(from: e, host: host, port: port)
            lines.append("policy now: \(explanation.verdict.word) at the \(explanation.verdict.point.rawValue)")
            lines.append("reason: \(explanation.reason)")
            lines += explanation.facts.map { "- \($0)" }
            if let fix = explanation.fix { lines.append("fix: \(fix)") }
        }
        state.popup = .explain(title: "\(result.from) → \(result.to)", lines: lines)
    }
}
