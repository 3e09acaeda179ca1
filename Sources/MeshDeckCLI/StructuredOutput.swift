import Foundation
import MeshModel

/// The `-o json` and `-o yaml` of the commands whose JSON is an Encodable contract: the YAML
/// carries the same fields, in the same (sorted) order.
enum StructuredOutput {
    /// `compactJSON`: the commands whose `--json` has always been one line keep it.
    static func render<T: Encodable>(
        _ value: T, as format: OutputFormat, compactJSON: Bool = false, literalBlocks: Set<String> = []
    ) -> String {
        switch format {
        case .yaml: return withoutFinalNewline(YAMLText.encode(value, literalBlocks: literalBlocks))
        default: return encodeJSON(value, pretty: !compactJSON)
        }
    }

    /// The console adds the line break.
    static func withoutFinalNewline(_ text: String) -> String { text.hasSuffix("\n") ? String(text.dropLast()) : text }
}

/// JSON with sorted keys and no escaped slashes. JSON escapes the C0 control characters
/// itself; DEL, the C1 controls and the bidi overrides, which it may write raw, are escaped too
/// (`\u009B`), so text from manifests or the network cannot act on the terminal.
func encodeJSON<T: Encodable>(_ value: T, pretty: Bool = true) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
        pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    let json = String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    return TerminalSafeText.escapingRawControls(json)
}
