import Foundation
import MeshModel
import Presentation
import TerminalUI

/// Keys while a line is being typed: the `:` command line and the `/` filter.
extension Reducer {
    /// Tab's result on the line: the shared prefix typed in, the candidates listed above it.
    static func complete(_ state: inout AppState, listing: DirectoryListing?) {
        let completion = Completer.complete(state.editor.beforeCursor, state: state, listing: listing)
        if let prefix = completion.completedPrefix { state.editor.replacePrefix(with: prefix) }
        state.completions = completion.candidates.count > 1 ? completion.candidates : []
        if completion.candidates.isEmpty { state.message = state.text.noCompletion }
    }

    /// A listing Tab asked for came back: complete with it, unless the line moved on meanwhile.
    static func directoryListed(_ state: inout AppState, _ listing: DirectoryListing) {
        guard state.input == .command,
            Completer.directoryToList(state.editor.beforeCursor, state: state) == listing.directory
        else { return }
        complete(&state, listing: listing)
    }

    /// The filter changes as it is typed; the view goes back to the newest line.
    static func setFilter(_ state: inout AppState, _ text: String) {
        state.log.setFilter(text)
        state.logScroll = 0
        state.logUnseen = 0
        state.selectedLogFromEnd = 0
    }

    /// Carries out a parsed `:` command.
    static func run(_ state: inout AppState, _ command: LineCommand, now: Date) -> [Effect] {
        state.message = nil
        switch command {
        case .quit:
            state.quit = true
        case .help:
            show(&state, .help)
        case .save(let path):
            state.message = state.text.saving(path)
            return [.saveFile(path: path, contents: logText(state))]
        case .permissive(let on):
            return setPermissive(&state, on, now: now)
        case .egress(let on):
            return setEgress(&state, on, now: now)
        case .apply(let path, let namespace):
            state.message = state.text.reading(path)
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
            state.message = state.text.probeChanged(from, state.renderContext.glyphs.arrow, to, state.probeMessage)
            state.probesInFlight += 1
            return [.probe(from: from, to: to, message: state.probeMessage)]
        case .load(let count, let concurrency):
            return startLoad(&state, count: count, concurrency: concurrency, now: now)
        case .namespaceAdd(let name):
            let (result, effects) = perform(&state, .addToMesh(name), now: now, mark: "osm namespace add \(name)")
            state.message = result.failed ? result.output.first : state.text.joinedMesh(name)
            return effects
        case .namespaceRemove(let name):
            let (result, effects) = perform(&state, .removeFromMesh(name), now: now, mark: "osm namespace remove \(name)")
            state.message = result.failed ? result.output.first : state.text.leftMesh(name)
            return effects
        case .certExpire(let workload):
            return [.mark(":cert expire \(workload)"), .expireCertificate(workload: workload)]
        case .certRotateRoot:
            return [.mark(":cert rotate-root"), .rotateRoot]
        case .scale(let key, let replicas):
            let (result, effects) = perform(
                &state, .scale(key, replicas: replicas), now: now, mark: "kubectl scale \(key) --replicas=\(replicas)")
            state.message = result.failed ? result.output.first : state.text.scaled("\(key.namespace)/\(key.name)", replicas)
            return effects
        case .delete(let kind, let name, let namespace):
            let key: ObjectKey
            // Every resource of the kind is listed only when the namespace is not given.
            let matches =
                namespace == nil && kind.isNamespaced ? state.cluster.resources(of: kind).filter { $0.meta.name == name } : []
            if !kind.isNamespaced {
                key = ObjectKey(namespace: "", name: name)
            } else if let namespace {
                key = ObjectKey(namespace: namespace, name: name)
            } else if matches.count == 1 {
                key = matches[0].meta.key
            } else if matches.isEmpty {
                state.message = state.text.notFoundAnywhere(kind.kubectlName, name)
                return []
            } else {
                let spaces = matches.compactMap(\.meta.namespace).sorted().joined(separator: ", ")
                state.message = state.text.inSeveralNamespaces(kind.rawValue, name, spaces)
                return []
            }
            return delete(&state, kind, key, now: now)
        }
        return []
    }

    /// `:apply`: all or nothing, as `kubectl apply` with MeshDeck's validation; every
    /// problem goes to the log (scrollable), the first to the message line.
    static func applyManifests(_ state: inout AppState, path: String, _ output: ManifestDecoder.Output, now: Date) -> [Effect] {
        let (result, effects) = perform(&state, .apply(source: path, output), now: now, mark: "kubectl apply -f \(path)")
        if let first = result.problems.first {
            state.message = state.text.applyProblems(first, result.problems.count - 1)
        } else if result.failed {
            state.message = state.text.noResourcesFound(path)
        } else {
            state.message = state.text.appliedFrom(output.resources.count, path)
        }
        return effects
    }

    /// A multi-line text as log lines (diagnostics carry the source line and a caret).
    static func logLines(_ state: inout AppState, _ now: Date, _ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { output(&state, now, String(line)) }
    }

    /// `:theme PATH`: a broken file keeps the theme in use and says where it is broken.
    static func themeRead(_ state: inout AppState, _ result: Result<Theme, ThemeError>) -> [Effect] {
        switch result {
        case .failure(let error):
            state.message = state.text.themeUnchanged(error.description, state.theme?.name)
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
