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

    /// Tabs, carriage returns, NEL and text beyond ASCII are YAML; only what libyaml refuses is flagged.
    @Test func allowedCharactersAreNotFlagged() {
        for scalar: Unicode.Scalar in ["\t", "\r", "\u{85}", "é", "中", "\u{FEFF}", "😀"] {
            #expect(RejectedCharacter.isAllowed(scalar), "\(scalar.value)")
        }
        #expect(decode("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels: {x: \"é\tz\"}\n").errors.isEmpty)
    }
}
