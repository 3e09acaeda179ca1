import Foundation
import MeshModel
import Presentation
import TerminalUI

/// Keys while a line is being typed: the `:` command line and the `/` filter.
extension Reducer {
    static func reduceInputKey(_ state: inout AppState, _ mode: InputMode, _ key: Key, now: Date) -> [Effect] {
        switch key {
        case .control("c"):
            state.quit = true
        case .escape:
            state.input = nil
            state.completions = []
            if mode == .filter { setFilter(&state, "") }
        case .enter:
            state.input = nil
            state.completions = []
            guard mode == .command else {
                state.message =
                    state.log.isFiltered
                    ? "filter /\(state.log.filter): \(state.log.visibleCount) of \(state.log.count) lines (Esc clears)" : nil
                return []
            }
            let line = state.editor.string
            state.history.record(line)
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
            do throws(LineCommandError) {
                return run(&state, try LineCommandParser.parse(line), now: now)
            } catch {
                state.message = error.message
            }
        case .tab where mode == .command:
            let completion = Completer.complete(state.editor.beforeCursor, state: state, lister: state.lister)
            if let prefix = completion.completedPrefix { state.editor.replacePrefix(with: prefix) }
            state.completions = completion.candidates.count > 1 ? completion.candidates : []
            if completion.candidates.isEmpty { state.message = "no completion" }
        case .up where mode == .command:
            if let older = state.history.older(current: state.editor.string) { state.editor = LineEditor(older) }
        case .down where mode == .command:
            if let newer = state.history.newer() { state.editor = LineEditor(newer) }
        default:
            guard state.editor.edit(key) else { return [] }
            state.completions = []
            if mode == .filter { setFilter(&state, state.editor.string) }
        }
        return []
    }

    /// The filter changes as it is typed; the view goes back to the newest line.
    static func setFilter(_ state: inout AppState, _ text: String) {
        state.log.setFilter(text)
        state.logScroll = 0
        state.selectedLogFromEnd = 0
    }

    /// Carries out a parsed `:` command.
    static func run(_ state: inout AppState, _ command: LineCommand, now: Date) -> [Effect] {
        state.message = nil
        switch command {
        case .quit:
            state.quit = true
        case .help:
            state.popup = .help
        case .permissive(let on):
            return setPermissive(&state, on, now: now)
        case .egress(let on):
            return setEgress(&state, on, now: now)
        case .apply(let path, let namespace):
            state.message = "reading \(path)…"
            return [.readManifests(path: path, namespace: namespace)]
        case .theme(let name):
            if let index = state.themes.firstIndex(where: { $0.name == name }) {
                state.themeIndex = index
                state.message = state.text.themeMessage(name)
                return [.applyTheme(state.themes[index].palette)]
            }
            return [.readTheme(path: name)]
        case .probe(let from, let to, let message):
            state.probeFrom = from
            state.probeTo = to
            if let message { state.probeMessage = message }
            state.message = "Enter now sends: \(from) → \(to) \(state.probeMessage)"
            state.probesInFlight += 1
            return [.probe(from: from, to: to, message: state.probeMessage)]
        case .load(let count, let concurrency):
            return startLoad(&state, count: count, concurrency: concurrency, now: now)
        case .namespaceAdd(let name), .namespaceRemove(let name):
            let adding = if case .namespaceAdd = command { true } else { false }
            var cluster = state.cluster
            do throws(ClusterError) {
                if adding { try cluster.addToMesh(name) } else { try cluster.removeFromMesh(name) }
            } catch {
                state.message = "osm namespace \(adding ? "add" : "remove"): \(error.description)"
                return []
            }
            state.setCluster(cluster)
            Reducer.command(&state, now, "osm namespace \(adding ? "add" : "remove") \(name)")
            output(
                &state, now,
                adding
                    ? "Namespace [\(name)] successfully added to mesh [osm]"
                    : "Namespace [\(name)] successfully removed from mesh [osm]")
            state.message =
                adding
                ? "\(name) joined the mesh: new pods get a sidecar" : "\(name) left the mesh: its pods run without a sidecar"
            return [.updateEngine, .mark("osm namespace \(adding ? "add" : "remove") \(name)")]
        case .scale(let key, let replicas):
            var cluster = state.cluster
            do throws(ClusterError) {
                try cluster.scale(key, replicas: replicas)
            } catch {
                state.message = error.description
                return []
            }
            state.setCluster(cluster)
            Reducer.command(&state, now, "kubectl scale deployment \(key.name) -n \(key.namespace) --replicas=\(replicas)")
            output(&state, now, "deployment.apps/\(key.name) scaled")
            state.message = "\(key.namespace)/\(key.name): \(replicas) replica\(replicas == 1 ? "" : "s")"
            return [.updateEngine]
        case .delete(let kind, let name, let namespace):
            let matches = state.cluster.resources(of: kind).filter { $0.meta.name == name }
            let key: ObjectKey
            if !kind.isNamespaced {
                key = ObjectKey(namespace: "", name: name)
            } else if let namespace {
                key = ObjectKey(namespace: namespace, name: name)
            } else if matches.count == 1 {
                key = matches[0].meta.key
            } else if matches.isEmpty {
                state.message = "\(kind.kubectlName) \"\(name)\" not found in any namespace"
                return []
            } else {
                let spaces = matches.compactMap(\.meta.namespace).sorted().joined(separator: ", ")
                state.message = "\(kind.rawValue.lowercased()) \(name) is in several namespaces (\(spaces)): add -n NS"
                return []
            }
            var cluster = state.cluster
            do throws(ClusterError) {
                try cluster.delete(kind, key)
            } catch {
                state.message = error.description
                return []
            }
            state.setCluster(cluster)
            return deleted(&state, kind, key, now: now)
        }
        return []
    }

    /// `:apply`: all or nothing, as `kubectl apply` with MeshDeck's validation; every
    /// problem goes to the log (scrollable), the first to the message line.
    static func applyManifests(_ state: inout AppState, path: String, _ output: ManifestDecoder.Output, now: Date) -> [Effect] {
        command(&state, now, "kubectl apply -f \(path)")
        var cluster = state.cluster
        var problems = output.errors
        var results: [ApplyResult] = []
        if problems.isEmpty {
            do throws(ManifestErrors) {
                results = try cluster.apply(output.resources, now: now)
            } catch {
                problems = error.diagnostics
            }
        }
        for warning in output.warnings { logLines(&state, now, warning.description) }
        guard problems.isEmpty else {
            for problem in problems { logLines(&state, now, problem.description) }
            let count = problems.count
            Reducer.output(&state, now, "error: \(count) problem\(count == 1 ? "" : "s") found; nothing was applied")
            let first = problems[0].description.split(separator: "\n").first.map(String.init) ?? "apply failed"
            state.message = first + (count > 1 ? " (and \(count - 1) more in the log; nothing applied)" : " (nothing applied)")
            return []
        }
        guard !results.isEmpty else {
            state.message = "\(path): no resources found"
            return []
        }
        state.setCluster(cluster)
        for result in results { Reducer.output(&state, now, result.description) }
        state.message = "applied \(results.count) resource\(results.count == 1 ? "" : "s") from \(path)"
        return [.updateEngine, .mark("kubectl apply -f \(path)")]
    }

    /// A multi-line text as log lines (diagnostics carry the source line and a caret).
    static func logLines(_ state: inout AppState, _ now: Date, _ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { output(&state, now, String(line)) }
    }

    /// `:theme PATH`: a broken file keeps the theme in use and says where it is broken.
    static func themeRead(_ state: inout AppState, _ result: Result<Theme, ThemeError>) -> [Effect] {
        switch result {
        case .failure(let error):
            state.message = "\(error.description) (theme unchanged: \(state.theme?.name ?? "terminal colours"))"
            return []
        case .success(let theme):
            if let index = state.themes.firstIndex(where: { $0.name == theme.name }) {
                state.themes[index] = theme
                state.themeIndex = index
            } else {
                state.themes.append(theme)
                state.themeIndex = state.themes.count - 1
            }
            state.message = state.text.themeMessage(theme.name)
            return [.applyTheme(theme.palette)]
        }
    }
}
