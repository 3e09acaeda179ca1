import Yams

/// `-o json` and `-o yaml` print what manifests and the network said, and a terminal must not
/// act on it: the same characters `terminalSafe` shows escaped are written as escapes here,
/// in a form that reads back as the same data (`"\u001B[2J"` in JSON, `"\e[2J"` in YAML).
package enum TerminalSafeText {
    /// Characters JSON encoders and libyaml write raw (libyaml counts NEL and the bidi controls
    /// as printable) but a terminal would act on.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Replaces those characters with `\uXXXX`. Correct only where each one stands inside a
    /// double-quoted string: anywhere in JSON, and in YAML built with `doubleQuotingControls`.
    package static func escapingRawControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Every string (key or value) that holds a character `terminalSafe` would escape is
    /// double-quoted, the one YAML style with escapes: libyaml then escapes the control
    /// characters itself, and `escapingRawControls` the rest.
    static func doubleQuotingControls(_ node: Node) -> Node {
        switch node {
        case .mapping(let mapping):
            return .mapping(Node.Mapping(mapping.map { (doubleQuotingControls($0.key), doubleQuotingControls($0.value)) }))
        case .sequence(let sequence): return .sequence(Node.Sequence(sequence.map(doubleQuotingControls)))
        case .scalar(let scalar):
            guard scalar.string.terminalSafe != scalar.string else { return node }
            // A literal block's line breaks are its own; only what stands on its lines matters.
            let lines = scalar.string.split(separator: "\n", omittingEmptySubsequences: false)
            if scalar.style == .literal, lines.allSatisfy({ String($0).terminalSafe == $0 }) { return node }
            return YAMLNodes.doubleQuoted(scalar.string)
        case .alias: return node
        }
    }

    /// A tree as YAML a terminal can show.
    static func yaml(_ node: Node) -> String {
        escapingRawControls(YAMLNodes.serialize(doubleQuotingControls(node)))
    }
}
