import Foundation
import MeshModel
import Yams

/// Reads one walkthrough file's YAML tree into steps with MeshModel's document reads, so a
/// broken walkthrough is reported as a broken manifest is: every problem at once, each with
/// its line, column and field path. What is walkthrough-specific (step ids, actions, the
/// command agreeing with the action) is checked here.
struct WalkthroughReader {
    let document: DocumentReader

    func walkthrough(_ root: Node) -> Walkthrough? {
        guard let top = document.root(root).mapping(known: ["language", "title", "intro", "steps"], nullIsEmpty: false) else {
            return nil
        }
        let language = Self.given(top, "language")?.text()
        let title = Self.given(top, "title")?.text()
        let intro = top["intro"]?.text() ?? ""
        guard let stepsField = top["steps"] ?? top.required("steps", hint: "a walkthrough is a list of steps under 'steps:'")
        else { return nil }
        guard case .sequence = stepsField.node, let items = stepsField.sequence(), !items.isEmpty else {
            stepsField.report("expected a list of steps (lines starting with '- ')")
            return nil
        }
        var steps: [WalkthroughStep] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            if let step = step(item, index: index, seen: &seen) { steps.append(step) }
        }
        guard let language, let title else { return nil }
        return Walkthrough(language: language, title: title, intro: intro, steps: steps)
    }

    /// One step; `seen` maps the ids read so far to their step's index.
    private func step(_ item: Field, index: Int, seen: inout [String: Int]) -> WalkthroughStep? {
        guard let map = item.mapping(known: ["id", "title", "command", "does", "note", "action", "expect"], nullIsEmpty: false)
        else { return nil }
        let idField = Self.given(map, "id")
        let id = idField?.text()
        if let id, id.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) == nil {
            idField?.report("'\(id)' is not a step id", hint: "use lower-case letters, digits and '-', like 'create-tcp-demo'")
        }
        if let id, let first = seen[id] {
            idField?.report("'\(id)' is already the id of steps[\(first)]", hint: "every step needs its own id")
        } else if let id {
            seen[id] = index
        }
        let title = Self.given(map, "title")?.text()
        let commandField = Self.given(map, "command")
        let command = commandField?.text()
        if let command, command.contains("\n") {
            commandField?.report(
                "a command is one line",
                hint: "a heredoc's text comes from the action's manifest: write only 'kubectl apply -f - <<EOF'")
        }
        let does = Self.given(map, "does")?.text()
        let note = map["note"]?.text()
        let action = Self.given(map, "action").flatMap(Self.action)
        let expect = Self.given(map, "expect").flatMap(Self.expectation)
        var heredoc: String?
        if let commandField, let command, let action { heredoc = checkCommand(command, matches: action, commandField) }
        guard let id, let title, let command, let does, let action, let expect else { return nil }
        return WalkthroughStep(
            id: id, title: title, command: command, heredoc: heredoc, does: does, note: note,
            action: action, expect: expect, source: SourceLocation(file: document.file, line: item.mark?.line ?? 1))
    }

    /// The command shown must be the action performed; returns the heredoc it reads, if any.
    private func checkCommand(_ command: String, matches action: WalkthroughAction, _ field: Field) -> String? {
        for word in action.commandMustMention where !command.contains(word) {
            field.report(
                "the command does not match the action: it does not mention '\(word)'",
                hint: "the command is what the step shows and the action what MeshDeck performs: make them agree")
        }
        var heredocManifest: WalkthroughAction.Manifest?
        if case .apply(let name, _) = action, let manifest = WalkthroughAction.manifests[name], manifest.isHeredoc {
            heredocManifest = manifest
        }
        let readsHeredoc = command.hasSuffix("<<EOF")
        if readsHeredoc != (heredocManifest != nil) {
            field.report(
                readsHeredoc
                    ? "the command reads a heredoc, but the action applies no heredoc manifest"
                    : "the action's manifest is typed as a heredoc: end the command with '<<EOF'")
        }
        return heredocManifest?.yaml
    }

    private static func expectation(_ field: Field) -> WalkthroughExpectation? {
        guard let map = field.mapping(known: ["output", "table"], nullIsEmpty: false) else { return nil }
        guard (map["output"] == nil) != (map["table"] == nil) else {
            field.report("give exactly one of 'output' (exact lines) or 'table' (rows of cells, * matches any text)")
            return nil
        }
        let key = map["output"] != nil ? "output" : "table"
        guard let value = map[key], let text = value.text() else { return nil }
        // Every command of the walkthrough prints something; an empty expectation would make
        // the step unable to fail, so it is a mistake, reported where it is.
        guard !text.allSatisfy(\.isWhitespace) else {
            value.report(
                "expected \(key == "output" ? "the lines the command prints" : "the table's rows"), got nothing",
                hint: key == "output"
                    ? "write the output as a block: 'output: |' and the lines below it"
                    : "write the rows as a block: 'table: |', the header line, then one line per row")
            return nil
        }
        let lines = ClusterCommand.lines(text)
        if key == "output" { return .output(lines) }
        return .table(
            lines.filter { !$0.allSatisfy(\.isWhitespace) }.map { $0.split(whereSeparator: \.isWhitespace).map(String.init) })
    }

    /// A required field as written, even with nothing after its key: then its typed read says
    /// what is wrong, at the value. Only a key that is not there at all is "missing".
    static func given(_ map: MappingField, _ key: String) -> Field? {
        map[key] ?? map.required(key)
    }
}
