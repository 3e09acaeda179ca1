import Testing
import Yams

@testable import MeshModel

/// The decoder's own tag resolution (PlainScalarTag, no regular expressions) gives Yams' default
/// answer for every plain scalar; quoted ones stay text.
@Suite struct ManifestResolverTests {
    static let samples: [String] = [
        "tcp-echo", "name", "namespace", "apps/v1", "Deployment", "n", "y", "Y", "N", "yes", "Yes", "YES", "yES", "no",
        "No", "NO", "true", "True", "TRUE", "tRUE", "false", "on", "On", "ON", "off", "Off", "OFF", "null", "Null",
        "NULL", "nULL", "~", "", "<<", "=", "0", "9000", "-1", "+1", "0b101", "0o17", "017", "0x1F", "1_000", "1:30",
        "1.5", ".5", "1e3", "1.0e+3", ".inf", "-.Inf", ".NaN", ".nan", "2026-12-02", "2026-12-02T00:00:00Z",
        "2026-1-2 3:04:05", "yesterday", "nothing", "onion", "offset", "trueish", "Nullable", "a1", "Z", "_x", "é",
        "日本", "10.96.0.1", "9000/TCP", "v1alpha4", "x:y", "tcp-server-first", "-", "+", ".", "..", "0.0.0.0/0",
        "1.2.3", "0x", "0b", "12:60", "1:2:3", "٣", "2026-12-02T10:00:00+01:00", "2026-12-02 10:00:00 -5",
        "2026-12-02T10:00:00+01:0", "2026-12-02T10:00:00.123Z", "2026-12-02t1:00:00", "2026-12-2", "1:30.5", "-1:5.",
        "0o", "-0x_", "+.inf", ".5e+3", ".5e3", "08", "1_:3", "190:20:30",
    ]

    static func yamsDefault(_ text: String) -> Yams.Tag.Name {
        Resolver.default.resolveTag(of: .scalar(Node.Scalar(text)))
    }

    @Test(arguments: samples)
    func theSameTagAsYamsDefault(text: String) throws {
        #expect(PlainScalarTag.of(text) == Self.yamsDefault(text), "\(text)")
        // Through the decoder's parser and Field, plain and quoted.
        for style in ["", "'", "\""] {
            let yaml = "k: \(style)\(text)\(style)\n"
            guard let fast = try? Yams.compose(yaml: yaml, .basic), let slow = try? Yams.compose(yaml: yaml, .default)
            else { continue }  // not YAML on its own (`k: -`): neither parses it, so both refuse it
            let field = DocumentReader(file: "t", text: yaml).root(fast).mapping()?["k"]
            #expect(field?.tagName.rawValue == slow["k"]?.tag.rawValue, "\(yaml)")
        }
    }

    /// Random short strings over the characters that matter to the rules.
    @Test func randomScalarsResolveAlike() throws {
        let alphabet = Array("yesnoYESNOtrufalsTRUFALSnlNL~<=0123456789_:.-+eExXbBoOabcfTZinfINFa \t")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = String((0..<Int.random(in: 1...10, using: &generator)).map { _ in alphabet.randomElement()! })
            #expect(PlainScalarTag.of(text) == Self.yamsDefault(text), "\(text.debugDescription)")
        }
    }
}
