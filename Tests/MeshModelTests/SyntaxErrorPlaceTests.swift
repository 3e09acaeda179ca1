import Foundation
import Testing

@testable import MeshModel

/// Syntax errors point where the problem is, and stay readable however odd the input.
@Suite struct SyntaxErrorPlaceTests {
    func decode(_ yaml: String) -> ManifestDecoder.Output { ManifestDecoder().decode(yaml, file: "m.yaml") }

    static let twoNamespaces =
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b%@c\n"

    /// libyaml's reader gives no line for a raw control byte; it used to be reported at 1:1.
    @Test func aControlCharacterIsReportedOnItsOwnLine() throws {
        let out = decode(String(format: Self.twoNamespaces, "\u{07}"))
        let error = try #require(out.errors.first)
        #expect(out.errors.count == 1)
        #expect(
            error.description == """
                m.yaml:9:10: error: metadata: invalid YAML: the control character U+0007 is not allowed in YAML text
                      name: b\\u{7}c
                             ^
                  hint: delete it; to keep it in a value, write it as an escape inside double quotes ("\\x07")
                """)
    }

    @Test(arguments: [
        (0x00, "U+0000", "\\x00"), (0x1B, "U+001B", "\\x1B"), (0x7F, "U+007F", "\\x7F"), (0xFFFE, "U+FFFE", "\\uFFFE"),
    ])
    func everyRefusedCharacterIsPlaced(value: UInt32, code: String, escape: String) throws {
        let text = String(format: Self.twoNamespaces, String(Character(Unicode.Scalar(value)!)))
        let error = try #require(decode(text).errors.first)
        #expect(error.location?.line == 9 && error.location?.column == 10, "\(error.description)")
        #expect(error.message == "invalid YAML: the control character \(code) is not allowed in YAML text")
        #expect(error.hint?.contains("(\"\(escape)\")") == true)
    }

    /// In a CRLF file "\r\n" is one Character: lines must be split at the line feed scalar, or
    /// the whole file is line 1 and errors lose their source line and their column.
    @Test func crlfFilesKeepTheirLines() throws {
        let named = try #require(decode("apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: Bad_Name\r\n").errors.first)
        #expect(named.location?.line == 4 && named.sourceLine == "  name: Bad_Name", "\(named.description)")
        let control = try #require(decode("apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: a\u{07}\r\n").errors.first)
        #expect(control.location?.line == 4 && control.location?.column == 10, "\(control.description)")
        #expect(control.sourceLine == "  name: a\u{07}")
    }

    /// Tabs, carriage returns, NEL and text beyond ASCII are YAML; only what libyaml refuses is flagged.
    @Test func allowedCharactersAreNotFlagged() {
        for scalar: Unicode.Scalar in ["\t", "\r", "\u{85}", "é", "中", "\u{FEFF}", "😀"] {
            #expect(RejectedCharacter.isAllowed(scalar), "\(scalar.value)")
        }
        #expect(decode("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels: {x: \"é\tz\"}\n").errors.isEmpty)
    }

    /// A nesting error 1,100 levels down printed a 6 KB field path; it keeps its ends now.
    @Test func aDeepNestingErrorKeepsTheEndsOfItsPath() throws {
        var lines = ["apiVersion: v1", "kind: Namespace", "metadata:", "  name: x", "  labels:"]
        var indent = "    "
        for level in 0..<1100 {
            lines.append(indent + "k\(level):")
            indent += "  "
        }
        let error = try #require(decode(lines.joined(separator: "\n") + "\n").errors.first)
        #expect(error.message == "invalid YAML: nested deeper than the YAML parser's limit of 1,000 levels")
        #expect(error.fieldPath == "metadata.labels.k0.k1 …(991 levels elided)… k993.k994.k995.k996")
        #expect(error.description.utf8.count < 1_000, "\(error.description.utf8.count) bytes")
        // The source line (1,998 spaces of indentation) and its caret are cut to a window.
        let shown = error.description.split(separator: "\n")
        #expect(shown[1].count <= 4 + SourceExcerpt.width + 2 && shown[2].count <= 4 + SourceExcerpt.width + 2)
    }

    @Test func shortPathsAreLeftWhole() {
        let levels = (0..<12).map { FieldPathText.Level.key("k\($0)") }
        #expect(FieldPathText.join(levels) == (0..<12).map { "k\($0)" }.joined(separator: "."))
        #expect(FieldPathText.join([.key("spec"), .key("sources"), .index(0), .key("name")]) == "spec.sources[0].name")
    }

    /// A 4,000-column line (nested flow YAML) is shown as a window around the caret.
    @Test func aLongSourceLineIsShownAroundTheCaret() throws {
        let flow = String(repeating: "{a: ", count: 1100) + "b" + String(repeating: "}", count: 1100)
        let error = try #require(
            decode("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  labels: \(flow)\n").errors.first)
        let shown = error.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(shown[1].hasPrefix("    …") && shown[1].hasSuffix("…"), "\(shown[1])")
        #expect(shown[1].count == 4 + SourceExcerpt.width + 2)
        // The caret still sits under the character the location names.
        let caret = try #require(shown[2].firstIndex(of: "^"))
        let offset = shown[2].distance(from: shown[2].startIndex, to: caret)
        let source = Array("  labels: \(flow)")
        let column = try #require(error.location?.column)
        #expect(Array(shown[1])[offset] == source[column - 1])
    }
}
