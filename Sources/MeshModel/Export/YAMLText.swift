import Yams

/// An Encodable value as YAML, written the way the export writes manifests (two-space indent,
/// no folding, strings quoted where YAML or kubectl's go-yaml would misread them) with keys
/// sorted as the JSON outputs sort them, and numbers written as JSON writes them. For `-o yaml` of the commands whose `--json` is an
/// Encodable contract, so their YAML carries the same fields as their JSON.
package enum YAMLText {
    /// `literalBlocks`: keys whose values are lines of text to be read as they are (a PEM),
    /// written as `|` blocks. Every other string with a line break stays one escaped string,
    /// so a reply from the network shows its exact bytes.
    package static func encode<T: Encodable>(_ value: T, literalBlocks: Set<String> = []) -> String {
        // Yams' encoder builds the tree; reading it back gives each scalar its resolved tag, so
        // the strings can be quoted by the export's rule (which also knows go-yaml's y and n).
        guard let text = try? YAMLEncoder().encode(value), let node = try? Yams.compose(yaml: text) else { return "" }
        return TerminalSafeText.yaml(YAMLNodes.sortingKeys(requoted(node, literalBlocks: literalBlocks)))
    }

    static func requoted(_ node: Node, literalBlocks: Set<String> = [], key: String? = nil) -> Node {
        switch node {
        case .mapping(let mapping):
            return .mapping(
                Node.Mapping(
                    mapping.map { ($0.key, requoted($0.value, literalBlocks: literalBlocks, key: $0.key.string)) }))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map { requoted($0, literalBlocks: literalBlocks) }))
        case .scalar(let scalar):
            if node.tag == Tag(.str), let key, literalBlocks.contains(key), scalar.string.contains("\n"),
                !scalar.string.contains("\r"), !scalar.string.contains(" \n"), !scalar.string.hasPrefix(" ")
            {
                return .scalar(Node.Scalar(scalar.string, Tag(.str), .literal))
            }
            if node.tag == Tag(.str) { return YAMLNodes.text(scalar.string) }
            // Yams writes doubles in exponent form (1.223e+0); JSON writes 1.223.
            if node.tag == Tag(.float), let value = Double(scalar.string), value.isFinite {
                return .scalar(Node.Scalar("\(value)", Tag(.float)))
            }
            return node
        case .alias: return node
        }
    }
}
