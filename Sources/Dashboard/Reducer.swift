import DataPlaneInterface
import Foundation
import MeshModel
import PolicyEngine
import Presentation
import TerminalUI

/// The only place the dashboard's state changes. Pure: it returns the effects to run.
package enum Reducer {
    package static func reduce(_ state: inout AppState, _ action: Action, now: Date = Date()) -> [Effect] {
        // The clock the views measure "the last 10 s" by: the time of the last action.
        state.now = now
        switch action {
        case .tick:
            return []
        case .fileSaved(let path, let error):
            state.message = error.map { state.text.saveFailed(path, $0) } ?? state.text.saved(path)
            return []
        case .key(let key):
            return reduceKey(&state, key, now: now)
        case .resized(let width, let height):
            state.screenWidth = width
            state.screenHeight = height
            clampScrolls(&state)
            return []
        case .probeFinished(let result):
            state.probesInFlight = max(0, state.probesInFlight - 1)
            if result.outcome == .allowed { state.allowed += 1 } else { state.denied += 1 }
            let ok = result.outcome == .allowed
            state.edges[EdgeKey(from: result.from, to: result.to), default: EdgeCounts()].record(
                allowed: ok ? 1 : 0, denied: ok ? 0 : 1, latency: result.latencies.total, at: now)
            appendLog(&state, LogEntry(time: now, kind: .probe(result)))
            return []
        case .probeFailed(let message):
            state.probesInFlight = max(0, state.probesInFlight - 1)
            state.message = message
            return []
        case .certificateFault(let fault):
            let text: String
            switch fault {
            case .expired(let identity): text = state.text.certificateExpired(identity)
            case .rootRotated(let closed): text = state.text.rootRotated(closed)
            case .failed(let error): text = state.text.certificateFaultFailed(error)
            }
            state.message = text
            output(&state, now, text)
            return []
        case .certificateChanged(let identity, let change):
            output(&state, now, state.text.certificateChanged(identity, change))
            return []
        case .engineUpdated(let error):
            if let error { state.message = state.text.dataPlaneError(error) }
            return []
        case .podEvicted(let pod, let idle, let running, let bound):
            appendLog(&state, LogEntry(time: now, kind: .output(state.text.podEvicted("\(pod)", idle, running, bound))))
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
        let (_, effects) = perform(&state, .patchMeshConfig(.permissive, on), now: now, mark: state.text.markPermissive(on))
        state.message = on ? state.text.permissiveOn : state.text.permissiveOff
        return effects
    }

    static func setEgress(_ state: inout AppState, _ on: Bool, now: Date) -> [Effect] {
        let (_, effects) = perform(&state, .patchMeshConfig(.egress, on), now: now, mark: state.text.markEgress(on))
        state.message = state.text.egressMessage(on)
        return effects
    }

    static func command(_ state: inout AppState, _ now: Date, _ text: String) {
        appendLog(&state, LogEntry(time: now, kind: .command(text)))
    }

    static func output(_ state: inout AppState, _ now: Date, _ text: String) {
        appendLog(&state, LogEntry(time: now, kind: .output(text)))
    }

    /// Every log entry goes in here. While the log is scrolled up it stays still: the new entry
    /// counts as unseen (the title says how many) and the view keeps its place, as far as the
    /// first full page allows; the selected probe stays the same one.
    static func appendLog(_ state: inout AppState, _ entry: LogEntry) {
        let shown = state.log.append(entry)
        guard shown else { return }
        if case .probe = entry.kind, state.selectedLogFromEnd > 0 || state.logScroll > 0 { state.selectedLogFromEnd += 1 }
        if state.logScroll > 0 {
            state.logScroll += 1
            state.logUnseen += 1
            clampLogScroll(&state)
        }
    }

    /// Scroll positions kept within what the screen shows, after a resize or a change of content.
    static func clampScrolls(_ state: inout AppState) {
        clampLogScroll(&state)
        if let layout = PopupView.layout(state, context: state.renderContext) {
            state.popupScroll = max(0, min(state.popupScroll, layout.maximumScroll))
        }
        state.guideScroll = max(0, min(state.guideScroll, maximumGuideScroll(state)))
    }

    static func clampLogScroll(_ state: inout AppState) {
        guard state.logScroll > 0 else { return }
        state.logScroll = min(state.logScroll, LogView.maximumScroll(state, context: state.renderContext))
        state.logUnseen = min(state.logUnseen, state.logScroll)
        if state.logScroll == 0 { state.logUnseen = 0 }
    }

    /// `a`: the walkthrough's SMI policy, typed as a heredoc.
    static func applyBundle(_ state: inout AppState, _ name: String, now: Date) -> [Effect] {
        guard let bundle = Scenario.bundle(named: name) else { return [] }
        let decoded = ManifestDecoder(defaultNamespace: bundle.namespace).decode(bundle.yaml, file: "bundle:\(name)")
        let (result, effects) = perform(
            &state, .apply(source: "- <<EOF", decoded), now: now, commandLine: "kubectl apply -f - <<EOF   # \(bundle.summary)",
            mark: state.text.markApplied(name, bundle.summary))
        state.message = result.failed ? result.output.first ?? state.text.applyFailed : state.text.appliedBundle(name)
        return effects
    }

    /// `kubectl delete`, from `d` (after `y`) or `:delete`.
    static func delete(_ state: inout AppState, _ kind: ResourceKind, _ key: ObjectKey, now: Date) -> [Effect] {
        let (result, effects) = perform(
            &state, .delete(kind, key), now: now,
            mark: state.text.markDeleted(kind.rawValue, "\(key.namespace.isEmpty ? "" : key.namespace + "/")\(key.name)"))
        state.message = result.failed ? result.output.first : state.text.deleted(kind.rawValue, key.name)
        return effects
    }

    static func move(_ state: inout AppState, by delta: Int) {
        switch state.focus {
        case .namespaces, .workloads, .policies:
            selectRow(&state, state.focus, selectedRow(state, state.focus) + delta)
        case .log:
            // Up selects an older probe, if there is one: scans back only that far.
            let wanted = max(0, state.selectedLogFromEnd - delta)
            if state.log.visibleProbe(fromEnd: wanted) != nil { state.selectedLogFromEnd = wanted }
            revealSelectedProbe(&state)
        case .guide:
            scrollGuide(&state, by: delta)
        }
    }

    /// Scrolls the log so the selected probe is on screen (after ↑ ↓ moved it out of view).
    static func revealSelectedProbe(_ state: inout AppState) {
        guard let selected = selectedProbe(state) else { return }
        let context = state.renderContext
        let (width, rows) = LogView.viewport(state, context: context)
        let total = state.log.visibleCount
        let end = total - state.logScroll
        let shown = LogView.entriesFitting(state, before: end, width: width, rows: rows, context: context)
        if selected >= end {
            state.logScroll = total - selected - 1
        } else if selected < end - shown {
            // Bring it to the top row: the entries from it down fill the page.
            let below = LogView.entriesFilling(state, from: selected, step: 1, width: width, rows: rows, context: context)
            state.logScroll = total - max(selected + below, selected + 1)
        }
        state.logScroll = max(0, min(state.logScroll, LogView.maximumScroll(state, context: context)))
        state.logUnseen = min(state.logUnseen, state.logScroll)
    }

    /// PgUp and PgDn in the log: a page of entries, stopping at the first full page and at the newest.
    static func scrollLog(_ state: inout AppState, pages: Int) {
        let context = state.renderContext
        let (width, rows) = LogView.viewport(state, context: context)
        let end = state.log.visibleCount - state.logScroll
        let page = max(1, LogView.entriesFitting(state, before: end, width: width, rows: rows, context: context) - 1)
        state.logScroll = max(0, min(state.logScroll + pages * page, LogView.maximumScroll(state, context: context)))
        state.logUnseen = min(state.logUnseen, state.logScroll)
    }

    /// The guide pane's rows beyond its first page.
    static func maximumGuideScroll(_ state: AppState) -> Int {
        let context = state.renderContext
        guard
            let rect = ScreenLayout.of(state, width: state.screenWidth, height: state.screenHeight, context: context).guide
        else { return 0 }
        let lines = GuideView.lines(state, width: rect.width - 2, context: context)
        return max(0, lines.count - (rect.height - 2))
    }

    static func scrollGuide(_ state: inout AppState, by rows: Int) {
        state.guideScroll = max(0, min(state.guideScroll + rows, maximumGuideScroll(state)))
    }

    /// A guide page: its rows less one, for context.
    static func guidePage(_ state: AppState) -> Int {
        let layout = ScreenLayout.of(state, width: state.screenWidth, height: state.screenHeight, context: state.renderContext)
        return max(1, (layout.guide?.height ?? 3) - 3)
    }

    /// Opens a popup at its top.
    static func show(_ state: inout AppState, _ popup: Popup) {
        state.popup = popup
        state.popupScroll = 0
    }

    static func scrollPopup(_ state: inout AppState, by rows: Int) {
        guard let layout = PopupView.layout(state, context: state.renderContext) else { return }
        state.popupScroll = max(0, min(state.popupScroll + rows, layout.maximumScroll))
    }

    /// A popup page: its scrolling rows less one, for context.
    static func popupPage(_ state: AppState) -> Int {
        max(1, (PopupView.layout(state, context: state.renderContext)?.bodyRows ?? 2) - 1)
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
        var lines = ProbeWords.lines(result, in: words).map { PopupLine($0) }
        if let e = try? state.policy.workload(named: result.from), let (host, port) = try? PolicyIndex.splitHostPort(result.to) {
            lines += explanationLines(state.explain(from: e, host: host, port: port), words: words)
        }
        show(&state, .explain(title: "\(result.from) → \(result.to)", lines: lines))
    }

    /// An explanation as popup lines in `words` (the dashboard's language): its reason and fix
    /// pinned, so they are read first.
    static func explanationLines(_ explanation: Explanation, words: any ExplanationWords) -> [PopupLine] {
        var lines = [
            PopupLine(
                words.label(.policyNow, aligned: false) + words.verdict(explanation.verdict.word, at: explanation.verdict.point))
        ]
        lines.append(.pinned(words.label(.reason, aligned: false) + explanation.reason(in: words)))
        lines += explanation.facts(in: words).map { PopupLine("- \($0)") }
        if let fix = explanation.fix(in: words) { lines.append(.pinned(words.label(.fix, aligned: false) + fix)) }
        return lines
    }

    /// `e` in the matrix: the cell under the cursor, explained as `meshdeck explain` would.
    static func explainCell(_ state: inout AppState) {
        if state.showMap {
            let edges = MapView.edges(state)
            guard !edges.isEmpty else {
                state.message = state.text.mapEmpty
                return
            }
            let edge = edges[min(state.matrixRow, edges.count - 1)]
            guard let e = try? state.policy.workload(named: edge.key.from) else { return }
            let host = "\(edge.destination.service.name).\(edge.destination.service.namespace)"
            let explanation = state.explain(from: e, host: host, port: edge.destination.port)
            show(
                &state,
                .explain(
                    title: "\(edge.key.from) → \(edge.key.to)",
                    lines: explanationLines(explanation, words: state.language.explanationWords())))
            return
        }
        let context = state.renderContext
        let rect = ScreenLayout.of(state, width: state.screenWidth, height: state.screenHeight, context: context).matrix
        let grid = MatrixView.grid(state, in: rect)
        guard !grid.isEmpty else {
            state.message = state.text.noCellToExplain
            return
        }
        let source = grid.matrix.sources[min(state.matrixRow, grid.matrix.sources.count - 1)]
        let destination = grid.matrix.destinations[min(state.matrixColumn, grid.shownColumns - 1)]
        guard let e = try? state.policy.workload(named: source.description) else { return }
        let host = "\(destination.service.name).\(destination.service.namespace)"
        let explanation = state.explain(from: e, host: host, port: destination.port)
        show(
            &state,
            .explain(
                title: "\(source) → \(destination.label)",
                lines: explanationLines(explanation, words: state.language.explanationWords())))
    }

    /// The matrix's cursor, kept on a cell that is on screen.
    static func moveMatrixCursor(_ state: inout AppState, rows: Int, columns: Int) {
        if state.showMap {
            // In the map the cursor is a connection: up and down.
            state.matrixRow = max(0, min(state.matrixRow + rows, MapView.edges(state).count - 1))
            return
        }
        let rect = ScreenLayout.of(state, width: state.screenWidth, height: state.screenHeight, context: state.renderContext)
            .matrix
        let grid = MatrixView.grid(state, in: rect)
        state.matrixRow = max(0, min(state.matrixRow + rows, grid.matrix.sources.count - 1))
        state.matrixColumn = max(0, min(state.matrixColumn + columns, grid.shownColumns - 1))
    }
}

extension AppState {
    /// How the reducer measures what the screen shows (its page sizes).
    var renderContext: RenderContext { RenderContext(ascii: ascii) }
}
