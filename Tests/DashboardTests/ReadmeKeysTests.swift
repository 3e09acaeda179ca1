import Foundation
import Testing

@testable import Dashboard
@testable import TerminalUI

/// The README's key table is the one a presenter reads before a demo: every key the binding table
/// knows must be in it, written as it is on screen (`Enter`, `Esc`, `PgUp`, `Ctrl-C`, `q`).
@Suite struct ReadmeKeysTests {
    static let readme = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md")

    /// A key as the README writes it.
    static func written(_ key: Key) -> String {
        switch key {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .control(let c): "Ctrl-\(c.uppercased())"
        case .function(let n): "F\(n)"
        case .resize: "resize"
        }
    }

    @Test func everyBoundKeyIsInTheReadmesKeyTable() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        guard let start = text.range(of: "## The dashboard keys") else {
            Issue.record("README has no '## The dashboard keys' section")
            return
        }
        let section = String(text[start.upperBound...].prefix { _ in true }.split(separator: "\n## ").first ?? "")
        var missing: [String] = []
        for binding in KeyBindings.all {
            for key in binding.keys where !section.contains("`\(Self.written(key))`") {
                missing.append("`\(Self.written(key))` (\(binding.command))")
            }
        }
        #expect(missing.isEmpty, "keys missing from the README's key table: \(missing.joined(separator: ", "))")
    }
}
