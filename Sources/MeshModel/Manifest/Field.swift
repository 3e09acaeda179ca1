import Yams

/// A node of a YAML document together with its field path, for typed reads that report
/// mistakes instead of throwing on the first one.
///
/// Public (the reads other YAML files need, not the Kubernetes-only ones) so the walkthrough
/// reader shares these reads and their messages instead of keeping its own.
package struct Field {
    /// The YAML node itself, for checks of shape no typed read covers.
    package let node: Node
    let path: String
    let reader: DocumentReader

    /// Where the node starts in the input.
    package var mark: Mark? { node.mark }

    /// The resolved YAML tag (str, int, bool, null, …) of the node. A plain scalar's comes from
    /// `PlainScalarTag` (its tag as parsed is still empty: the decoder's parsers resolve
    /// nothing); a quoted one's is `str`; an explicit `!!int` is kept.
    var tagName: Tag.Name {
        guard case .scalar(let s) = node else { return Tag.Name(rawValue: node.tag.rawValue) }
        switch s.tag.description {
        case "": return PlainScalarTag.of(s.string)
        case "!": return .str
        case let explicit: return Tag.Name(rawValue: explicit)
        }
    }

    func child(_ key: String, _ node: Node) -> Field {
        Field(node: node, path: path.isEmpty ? key : "\(path).\(key)", reader: reader)
    }

    func element(_ index: Int, _ node: Node) -> Field {
        Field(node: node, path: "\(path)[\(index)]", reader: reader)
    }

    var isNull: Bool {
        if case .scalar(let s) = node { return tagName == .null || (s.string.isEmpty && s.style == .plain) }
        return false
    }

    /// A problem with this field, at its line and column and under its path.
    package func report(_ message: String, hint: String? = nil, severity: Diagnostic.Severity = .error) {
        reader.report(severity, at: mark, field: path, message, hint: hint)
    }

    /// What the node is, in words, for "expected a mapping, got a list" messages.
    var shapeName: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let s):
            if isNull { return "nothing (null)" }
            return "the \(scalarTypeName) '\(s.string)'"
        }
    }

    private var scalarTypeName: String {
        switch tagName {
        case .int: return "number"
        case .float: return "number"
        case .bool: return "boolean"
        default: return "string"
        }
    }

    /// The node as a mapping, with every key checked: (when `known` is given) unknown keys are
    /// reported, with a suggestion when a known key is close. A null reads as an empty mapping,
    /// as Kubernetes reads `spec:` with nothing below it, unless `nullIsEmpty` is false (a file
    /// where every mapping must be written out, such as a walkthrough step).
    package func mapping(known: Set<String>? = nil, context: String? = nil, nullIsEmpty: Bool = true) -> MappingField? {
        guard case .mapping(let map) = node else {
            if isNull, nullIsEmpty { return MappingField(parent: self, entries: []) }
            report(
                "expected a mapping (key: value lines), got \(shapeName)",
                hint: "check the indentation of the lines below this key")
            return nil
        }
        // Duplicate keys never get here: the YAML parser refuses them (see YAMLSyntaxHints).
        var entries: [(key: String, keyMark: Mark?, value: Field)] = []
        for (keyNode, valueNode) in map {
            guard case .scalar(let keyScalar) = keyNode else {
                reader.report(at: keyNode.mark, field: path, "a key must be plain text")
                continue
            }
            let key = keyScalar.string
            let fieldPath = path.isEmpty ? key : "\(path).\(key)"
            if let known, !known.contains(key) {
                let suggestion = known.min { editDistance(key, $0) < editDistance(key, $1) }
                let close = suggestion.map { editDistance(key, $0) <= 2 } ?? false
                let hint =
                    close
                    ? "did you mean '\(suggestion!)'?"
                    : "known fields here: \(known.sorted().joined(separator: ", "))"
                reader.report(
                    at: keyNode.mark, field: fieldPath,
                    "unknown field '\(key)'\(context.map { " in \($0)" } ?? "")", hint: hint)
                continue
            }
            entries.append((key, keyNode.mark, child(key, valueNode)))
        }
        return MappingField(parent: self, entries: entries)
    }

    /// The value under the plain-text key `key` when this is a mapping, reporting nothing:
    /// for a reader that must look at one field (an action's `type`) to know which others are
    /// allowed, before the one `mapping(known:)` read that reports.
    package func peek(_ key: String) -> Field? {
        guard case .mapping(let map) = node else { return nil }
        for (keyNode, value) in map {
            if case .scalar(let scalar) = keyNode, scalar.string == key { return child(key, value) }
        }
        return nil
    }

    /// The node as a list; null reads as an empty list.
    package func sequence() -> [Field]? {
        switch node {
        case .sequence(let seq): return seq.enumerated().map { element($0.offset, $0.element) }
        default:
            if isNull { return [] }
            report("expected a list (lines starting with '- '), got \(shapeName)")
            return nil
        }
    }

    /// A string scalar. Numbers and booleans are refused as Kubernetes refuses them:
    /// `version: 1` in labels must be quoted.
    func string() -> String? {
        guard case .scalar(let s) = node else {
            report("expected text, got \(shapeName)")
            return nil
        }
        if isNull { return nil }
        if tagName != .str {
            report("expected text, got \(shapeName)", hint: "quote it: \"\(s.string)\"")
            return nil
        }
        return s.string
    }

    /// Any scalar, as written: `message: 42` reads as "42". For prose that is no Kubernetes
    /// field (a walkthrough's titles and expected output), where quoting a number would be
    /// fussy; `string()` is the strict read. Nothing (null) is not text.
    package func text() -> String? {
        guard case .scalar(let s) = node, !isNull else {
            report("expected text, got \(shapeName)")
            return nil
        }
        return s.string
    }

    func int(range: ClosedRange<Int>? = nil) -> Int? {
        guard case .scalar(let s) = node, tagName == .int, let value = Int(s.string) else {
            report("expected a whole number, got \(shapeName)")
            return nil
        }
        if let range, !range.contains(value) {
            report("\(value) is out of range: must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return value
    }

    /// `true` or `false` (YAML 1.1's yes/no/on/off too, as Kubernetes reads them).
    package func bool() -> Bool? {
        guard case .scalar(let s) = node, tagName == .bool else {
            report("expected true or false, got \(shapeName)")
            return nil
        }
        return ["true", "yes", "on", "y"].contains(s.string.lowercased())
    }

    func intOrString() -> IntOrString? {
        guard case .scalar(let s) = node, !isNull else {
            report("expected a port number or a port name, got \(shapeName)")
            return nil
        }
        if tagName == .int, let n = Int(s.string) {
            guard (1...65535).contains(n) else {
                report("\(n) is out of range: must be between 1 and 65535")
                return nil
            }
            return .int(n)
        }
        return .string(s.string)
    }

    /// `labels`, `annotations`, `selector`: text keys to text values.
    func stringMap() -> [String: String]? {
        guard let map = mapping() else { return nil }
        var out: [String: String] = [:]
        for entry in map.entries {
            if let value = entry.value.string() { out[entry.key] = value }
        }
        return out
    }

    func stringList() -> [String]? {
        guard let items = sequence() else { return nil }
        return items.compactMap { $0.string() }
    }
}
