import DataPlaneInterface
import Foundation
import MeshModel
import PolicyEngine
import Presentation
import TerminalUI

/// The only place the dashboard's state changes. Pure: it returns the effects to run.
package enum Reducer {
    package static func reduce(_ state: inout AppState, _ action: Action, now: Date = Date()) -> [Effect] {
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
        case .manifestsRead(let path, let output):
            return applyManifests(&state, path: path, output, now: now)
        case .directoryListed(let listing):
            directoryListed(&state, listing)
            return []
        case .themeRead(let result):
            return themeRead(&state, result)
        case .loadTick(let progress):
            loadTick(&state, progress)
            return []
        case .loadFinished(let report, let cancelled):
            loadFinished(&state, report, cancelled: cancelled, now: now)
            return []
        case .loadFailed(let message):
            state.loadRunning = false
            state.message = message
            return []
        case .guideProbeFinished(let result):
            return guideProbeFinished(&state, result, now: now)
        case .guideProbeFailed(let message):
            return guideProbeFailed(&state, message, now: now)
        }
    }

    static func setPermissive(_ state: inout AppState, _ on: Bool, now: Date) -> [Effect] {
        let (_, effects) = perform(
            &state, .patchMeshConfig(.permissive, on), now: now, mark: "permissive mode \(on ? "on" : "off")")
        state.message = on ? state.text.permissiveOn : state.text.permissiveOff
        return effects
    }

    static func setEgress(_ state: inout AppState, _ on: Bool, now: Date) -> [Effect] {
        let (_, effects) = perform(&state, .patchMeshConfig(.egress, on), now: now, mark: "egress \(on ? "on" : "off")")
        state.message = state.text.egressMessage(on)
        return effects
    }

    static func command(_ state: inout AppState, _ now: Date, _ text: String) {
        state.log.append(LogEntry(time: now, kind: .command(text)))
    }

    static func output(_ state: inout AppState, _ now: Date, _ text: String) {
        state.log.append(LogEntry(time: now, kind: .output(text)))
    }

    /// `a`: the walkthrough's SMI policy, typed as a heredoc.
    static func applyBundle(_ state: inout AppState, _ name: String, now: Date) -> [Effect] {
        guard let bundle = Scenario.bundle(named: name) else { return [] }
        let decoded = ManifestDecoder(defaultNamespace: bundle.namespace).decode(bundle.yaml, file: "bundle:\(name)")
        let (result, effects) = perform(
            &state, .apply(source: "- <<EOF", decoded), now: now, commandLine: "kubectl apply -f - <<EOF   # \(bundle.summary)",
            mark: "applied \(bundle.summary)")
        state.message = result.failed ? result.output.first ?? "apply failed" : "applied \(name)"
        return effects
    }

    /// `kubectl delete`, from `d` (after `y`) or `:delete`.
    static func delete(_ state: inout AppState, _ kind: ResourceKind, _ key: ObjectKey, now: Date) -> [Effect] {
        let (result, effects) = perform(
            &state, .delete(kind, key), now: now,
            mark: "deleted \(kind.rawValue) \(key.namespace.isEmpty ? "" : key.namespace + "/")\(key.name)")
        state.message = result.failed ? result.output.first : "\(kind.rawValue.lowercased()) \(key.name) deleted"
        return effects
    }

    static func move(_ state: inout AppState, by delta: Int) {
        switch state.focus {
        case .namespaces:
            state.selectedNamespace = max(0, min(state.namespaces.count - 1, state.selectedNamespace + delta))
        case .policies:
            state.selectedPolicy = max(0, min(max(0, state.policyItems.count - 1), state.selectedPolicy + delta))
        case .log:
            // Up selects an older probe, if there is one: scans back only that far.
            let wanted = max(0, state.selectedLogFromEnd - delta)
            if state.log.visibleProbe(fromEnd: wanted) != nil { state.selectedLogFromEnd = wanted }
        case .workloads:
            break
        }
    }

    /// The visible log position of the selected probe; the newest if the selection has left
    /// the ring.
    static func selectedProbe(_ state: AppState) -> Int? {
        state.log.visibleProbe(fromEnd: state.selectedLogFromEnd) ?? state.log.visibleProbe(fromEnd: 0)
    }

    /// The full fact chain of the selected probe, as `explain` prints it, against the
    /// policy in force now, in the dashboard's language.
    static func explainSelected(_ state: inout AppState) {
        guard let position = selectedProbe(state), case .probe(let result) = state.log.visible(position).kind else {
            state.message = state.log.isFiltered ? state.text.noProbeMatches : state.text.noProbeYet
            return
        }
        let words = state.language.explanationWords()
        var lines = ProbeWords.lines(result, in: words)
        if let e = try? state.policy.workload(named: result.from), let (host, port) = try? PolicyIndex.splitHostPort(result.to) {
            lines += state.policy.explain(from: e, host: host, port: port).lines(in: words)
        }
        state.popup = .explain(title: "\(result.from) → \(result.to)", lines: lines)
    }
}
