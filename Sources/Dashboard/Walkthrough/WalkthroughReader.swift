import Foundation
import MeshModel
import Yams

/// Reads one walkthrough file's YAML tree into steps, collecting every problem with its line,
/// column and field path instead of stopping at the first.
final class WalkthroughReader {
    let file: String
    private let sourceLines: [Substring]
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, text: String) {
        self.file = file
        self.sourceLines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func report(_ mark: Mark?, _ field: String, _ message: String, hint: String? = nil) {
        let line = mark?.line ?? 1
        let source = line <= sourceLines.count ? String(sourceLines[line - 1]) : nil
        let shown = source.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
        diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: line, column: mark?.column ?? 1),
                                      field: field, message, hint: hint, sourceLine: shown))
    }

    func walkthrough(_ root: Node) -> Walkthrough? {
        guard let top = mapping(root, "", known: ["language", "title", "intro", "steps"]) else { return nil }
        let language = string(top, "language", in: root, "")
        let title = string(top, "title", in: root, "")
        let intro = string(top, "intro", in: root, "", required: false) ?? ""
        guard let stepsNode = top["steps"] else {
            report(root.mark, "steps", "required field is missing", hint: "a walkthrough is a list of steps under 'steps:'")
            return nil
        }
        guard case .sequence(let items) = stepsNode, !items.isEmpty else {
            report(stepsNode.mark, "steps", "expected a list of steps (lines starting with '- ')")
            return nil
        }
        var steps: [WalkthroughStep] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            if let step = step(item, "steps[\(index)]", index: index, seen: &seen) { steps.append(step) }
        }
        guard let language, let title else { return nil }
        return Walkthrough(language: language, title: title, intro: intro, steps: steps)
    }

    /// One step; `seen` maps the ids read so far to their step's index.
    private func step(_ node: Node, _ path: String, index: Int, seen: inout [String: Int]) -> WalkthroughStep? {
        guard let map = mapping(node, path, known: ["id", "title", "command", "does", "note", "action", "expect"]) else { return nil }
        let id = string(map, "id", in: node, path)
        if let id, id.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) == nil {
            report(map["id"]?.mark, "\(path).id", "'\(id)' is not a step id", hint: "use lower-case letters, digits and '-', like 'create-tcp-demo'")
        }
        if let id, let first = seen[id] {
            report(map["id"]?.mark, "\(path).id", "'\(id)' is already the id of steps[\(first)]", hint: "every step needs its own id")
        } else if let id {
            seen[id] = index
        }
        let title = string(map, "title", in: node, path)
        let command = string(map, "command", in: node, path)
        if let command, command.contains("\n") {
            report(map["command"]?.mark, "\(path).command", "a command is one line",
                   hint: "a heredoc's text comes from the action's manifest: write only 'kubectl apply -f - <<EOF'")
        }
        let does = string(map, "does", in: node, path)
        let note = string(map, "note", in: node, path, required: false)
        let action = map["action"].flatMap { self.action($0, "\(path).action") }
        if map["action"] == nil { report(node.mark, "\(path).action", "required field is missing") }
        let expect = map["expect"].flatMap { self.expectation($0, "\(path).expect") }
        if map["expect"] == nil { report(node.mark, "\(path).expect", "required field is missing") }
        let heredoc = command.flatMap { command in
            action.flatMap { checkCommand(command, matches: $0, at: map["command"]?.mark, "\(path).command") }
        }
        guard let id, let title, let command, let does, let action, let expect else { return nil }
        return WalkthroughStep(id: id, title: title, command: command, heredoc: heredoc, does: does, note: note,
                               action: action, expect: expect, source: SourceLocation(file: file, line: node.mark?.line ?? 1))
    }

    /// The command shown must be the action performed; returns the heredoc it reads, if any.
    private func checkCommand(_ command: String, matches action: WalkthroughAction, at mark: Mark?, _ path: String) -> String? {
        for word in action.commandMustMention where !command.contains(word) {
            report(mark, path, "the command does not match the action: it does not mention '\(word)'",
                   hint: "the command is what the step shows and the action what MeshDeck performs: make them agree")
        }
        var heredocManifest: WalkthroughAction.Manifest?
        if case .apply(let name, _) = action, let manifest = WalkthroughAction.manifests[name], manifest.isHeredoc {
            heredocManifest = manifest
        }
        let readsHeredoc = command.hasSuffix("<<EOF")
        if readsHeredoc != (heredocManifest != nil) {
            report(mark, path, readsHeredoc ? "the command reads a heredoc, but the action applies no heredoc manifest"
                                            : "the action's manifest is typed as a heredoc: end the command with '<<EOF'")
        }
        return heredocManifest?.yaml
    }

    private func action(_ node: Node, _ path: String) -> WalkthroughAction? {
        let types = ["create-namespace", "add-to-mesh", "apply", "get", "set-permissive", "probe"]
        guard let raw = mapping(node, path, known: nil), let type = string(raw, "type", in: node, path) else { return nil }
        let fields: [String]
        switch type {
        case "create-namespace", "add-to-mesh": fields = ["namespace"]
        case "apply": fields = ["manifest", "namespace"]
        case "get": fields = ["resources", "namespace"]
        case "set-permissive": fields = ["enabled"]
        case "probe": fields = ["from", "to", "message"]
        default:
            report(raw["type"]?.mark, "\(path).type", "unknown action '\(type)'", hint: "actions: \(types.joined(separator: ", "))")
            return nil
        }
        guard let map = mapping(node, path, known: ["type"] + fields) else { return nil }
        func text(_ key: String, required: Bool = true) -> String? { string(map, key, in: node, path, required: required) }
        switch type {
        case "create-namespace":
            return text("namespace").map(WalkthroughAction.createNamespace)
        case "add-to-mesh":
            return text("namespace").map(WalkthroughAction.addToMesh)
        case "apply":
            guard let manifest = text("manifest") else { return nil }
            let namespace = text("namespace", required: false)
            guard WalkthroughAction.manifests[manifest] != nil else {
                report(map["manifest"]?.mark, "\(path).manifest", "no embedded manifest named '\(manifest)'",
                       hint: "manifests: \(WalkthroughAction.manifests.keys.sorted().joined(separator: ", "))")
                return nil
            }
            return .apply(manifest: manifest, namespace: namespace)
        case "get":
            guard let resources = text("resources"), let namespace = text("namespace") else { return nil }
            guard Listable.parse(resources) != nil else {
                report(map["resources"]?.mark, "\(path).resources", "'\(resources)' is not a list of resource types",
                       hint: "comma-separated, as kubectl get takes them: svc,po")
                return nil
            }
            return .get(resources: resources, namespace: namespace)
        case "set-permissive":
            guard let value = map["enabled"] else {
                report(node.mark, "\(path).enabled", "required field is missing")
                return nil
            }
            guard Tag.Name(rawValue: value.tag.rawValue) == .bool, let on = value.bool else {
                report(value.mark, "\(path).enabled", "expected true or false, got '\(value.string ?? "")'")
                return nil
            }
            return .setPermissive(on)
        default:
            guard let from = text("from"), let to = text("to"), let message = text("message") else { return nil }
            var ok = true
            if from.split(separator: "/").count != 2 {
                report(map["from"]?.mark, "\(path).from", "'\(from)' is not NAMESPACE/DEPLOYMENT")
                ok = false
            }
            if to.split(separator: ":").count != 2 || Int(to.split(separator: ":").last ?? "") == nil {
                report(map["to"]?.mark, "\(path).to", "'\(to)' is not HOST:PORT")
                ok = false
            }
            return ok ? .probe(ProbeRequest(from: from, to: to, message: message)) : nil
        }
    }

    private func expectation(_ node: Node, _ path: String) -> WalkthroughExpectation? {
        guard let map = mapping(node, path, known: ["output", "table"]) else { return nil }
        guard (map["output"] == nil) != (map["table"] == nil) else {
            report(node.mark, path, "give exactly one of 'output' (exact lines) or 'table' (rows of cells, * matches any text)")
            return nil
        }
        let key = map["output"] != nil ? "output" : "table"
        guard let text = string(map, key, in: node, path), !text.isEmpty else { return nil }
        let lines = WalkthroughAction.lines(text)
        if key == "output" { return .output(lines) }
        return .table(lines.filter { !$0.allSatisfy(\.isWhitespace) }.map { $0.split(whereSeparator: \.isWhitespace).map(String.init) })
    }

    // MARK: - Typed reads

    /// The node as a mapping from plain keys; unknown keys (when `known` is given) are reported.
    private func mapping(_ node: Node, _ path: String, known: [String]?) -> [String: Node]? {
        guard case .mapping(let pairs) = node else {
            report(node.mark, path, "expected a mapping (key: value lines)", hint: "check the indentation of the lines below this key")
            return nil
        }
        var out: [String: Node] = [:]
        for (keyNode, value) in pairs {
            guard let key = keyNode.scalar?.string else {
                report(keyNode.mark, path, "a key must be plain text")
                continue
            }
            if let known, !known.contains(key) {
                report(keyNode.mark, path.isEmpty ? key : "\(path).\(key)", "unknown field '\(key)'",
                       hint: "fields here: \(known.joined(separator: ", "))")
                continue
            }
            out[key] = value
        }
        return out
    }

    /// A text field. Numbers and booleans are read as written (`message: 42` is "42").
    private func string(_ map: [String: Node], _ key: String, in parent: Node, _ path: String, required: Bool = true) -> String? {
        let field = path.isEmpty ? key : "\(path).\(key)"
        guard let node = map[key] else {
            if required { report(parent.mark, field, "required field is missing") }
            return nil
        }
        guard let scalar = node.scalar, Tag.Name(rawValue: node.tag.rawValue) != .null else {
            report(node.mark, field, "expected text")
            return nil
        }
        return scalar.string
    }
}
