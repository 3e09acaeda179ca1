import DataPlaneInterface
import Foundation
import MeshModel
import PolicyEngine
import Presentation
import TerminalUI

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

    private static func reduceKey(_ state: inout AppState, _ key: Key, now: Date) -> [Effect] {
        if let popup = state.popup {
            return reducePopupKey(&state, popup, key, now: now)
        }
        if let mode = state.input {
            return reduceInputKey(&state, mode, key, now: now)
        }
        if state.showGuide, let effects = reduceGuideKey(&state, key, now: now) {
            return effects
        }
        switch key {
        case .character("q"), .control("c"):
            state.quit = true
        case .enter, .character("s"):
            state.probesInFlight += 1
            return [.probe(from: state.probeFrom, to: state.probeTo, message: state.probeMessage)]
        case .character("p"):
            return setPermissive(&state, !state.cluster.isPermissive, now: now)
        case .character("g"):
            return setEgress(&state, !state.cluster.isEgressEnabled, now: now)
        case .character(":"):
            state.input = .command
            state.editor = LineEditor()
            state.history.reset()
            state.completions = []
        case .character("/"):
            state.input = .filter
            state.editor = LineEditor(state.log.filter)
        case .character("L"):
            return startLoad(&state, count: 1_000, concurrency: 16, now: now)
        case .character("w"):
            return openGuide(&state, now: now)
        case .character("a"):
            return applyBundle(&state, "smi-policy", now: now)
        case .character("d"):
            let items = state.policyItems
            guard !items.isEmpty else {
                state.message = state.text.noPolicyToDelete
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
            state.message = state.text.themeMessage(state.theme!.name)
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
            if state.focus == .log { state.logScroll = min(max(0, state.log.visibleCount - 1), state.logScroll + 10) }
        case .pageDown:
            if state.focus == .log { state.logScroll = max(0, state.logScroll - 10) }
        case .escape:
            // Esc backs out of one thing at a time: a running load, the matrix, the filter.
            if state.loadRunning { return [.cancelLoad] }
            if state.showMatrix {
                state.showMatrix = false
            } else if state.log.isFiltered {
                state.log.setFilter("")
                state.logScroll = 0
                state.selectedLogFromEnd = 0
            }
            state.message = nil
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
                return delete(&state, kind, objectKey, now: now)
            case .character("n"), .escape, .character("q"):
                state.popup = nil
                state.message = state.text.nothingDeleted
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

    private static func move(_ state: inout AppState, by delta: Int) {
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
    /// policy in force now.
    private static func explainSelected(_ state: inout AppState) {
        guard let position = selectedProbe(state), case .probe(let result) = state.log.visible(position).kind else {
            state.message = state.log.isFiltered ? state.text.noProbeMatches : state.text.noProbeYet
            return
        }
        var lines = [
            "probe: \(result.outcome.rawValue.uppercased())" + (result.verdict.map { " at the \($0.point.rawValue)" } ?? "")
                + ": \(result.reason)"
        ]
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
