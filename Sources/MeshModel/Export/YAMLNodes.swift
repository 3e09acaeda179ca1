import Foundation
import Yams

/// Builds YAML nodes for export, quoting every string a YAML reader would take for something
/// else, so `version: "1"`, `enabled: "on"` and `args: ["9000"]` stay text on a real cluster.
enum YAMLNodes {
    /// Key order is kept as given: manifests read apiVersion, kind, metadata, spec.
    /// Entries whose value is nil are left out.
    static func map(_ entries: KeyValuePairs<String, Node?>) -> Node {
        .mapping(Node.Mapping(entries.compactMap { key, value in value.map { (text(key), $0) } }))
    }

    /// A string map sorted by key; nil when empty, so empty `labels:` are not written.
    static func map(_ dictionary: [String: String]) -> Node? {
        guard !dictionary.isEmpty else { return nil }
        return .mapping(Node.Mapping(dictionary.sorted { $0.key < $1.key }.map { (text($0.key), text($0.value)) }))
    }

    static func list(_ nodes: [Node]) -> Node { .sequence(Node.Sequence(nodes)) }

    /// nil when empty, so empty lists are not written.
    static func nonEmptyList(_ nodes: [Node]) -> Node? { nodes.isEmpty ? nil : list(nodes) }

    static func int(_ value: Int) -> Node { .scalar(Node.Scalar(String(value), Tag(.int))) }

    static func bool(_ value: Bool) -> Node { .scalar(Node.Scalar(value ? "true" : "false", Tag(.bool))) }

    /// Plain when it reads back as the same text, single-quoted otherwise. Yams' resolver knows
    /// YAML 1.1's words (yes, on, ~, 0x1F, 1e3, dates); kubectl's go-yaml also reads y and n as
    /// booleans. libyaml itself quotes what plain style cannot hold (`: `, `#`, leading `*`,
    /// line breaks, control characters).
    static func text(_ value: String) -> Node {
        let resolved = Resolver.default.resolveTag(of: .scalar(Node.Scalar(value)))
        let ambiguous = resolved != .str || ["y", "Y", "n", "N"].contains(value)
        return .scalar(ambiguous ? Node.Scalar(value, Tag(.str), .singleQuoted) : Node.Scalar(value, Tag(.str)))
    }

    /// Double-quoted, as kubectl writes the strings YAML would otherwise misread there
    /// (`creationTimestamp: "2026-11-24T09:16:05Z"`, `resourceVersion: ""`).
    static func doubleQuoted(_ value: String) -> Node { .scalar(Node.Scalar(value, Tag(.str), .doubleQuoted)) }

    /// RFC 3339 in UTC to the second, as the API server writes times.
    static func timestamp(_ date: Date) -> Node { doubleQuoted(date.formatted(Date.ISO8601FormatStyle())) }

    /// The same tree with every mapping's keys in order, as kubectl prints objects (it prints
    /// them as JSON maps, whose keys Go sorts).
    static func sortingKeys(_ node: Node) -> Node {
        switch node {
        case .mapping(let mapping):
            let pairs = mapping.map { ($0.key, sortingKeys($0.value)) }.sorted { ($0.0.string ?? "") < ($1.0.string ?? "") }
            return .mapping(Node.Mapping(pairs))
        case .sequence(let sequence): return .sequence(Node.Sequence(sequence.map(sortingKeys)))
        case .scalar(let s) where s.tag.description == "":
            // Read by the decoder, which resolves no tags: given the tag a YAML reader gives it,
            // so that `port: 8080` is written back plain, not quoted as text.
            return .scalar(Node.Scalar(s.string, Tag(PlainScalarTag.of(s.string)), s.style, s.mark))
        case .scalar, .alias: return node
        }
    }

    /// One document, kubectl style: two-space indent, list items at their key's column, no line
    /// folding (a wrapped annotation would still read back the same, but is harder to diff).
    static func serialize(_ document: Node) -> String {
        // Serializing nodes built here cannot fail: every scalar is UTF-8 text.
        (try? Yams.serialize(node: document, indent: 2, width: -1, allowUnicode: true)) ?? ""
    }
}
