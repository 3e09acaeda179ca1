import Foundation
import Testing

/// The walkthrough at 80x24 in a real terminal, in English and Chinese: after the denied probe,
/// `e` shows its reason and its fix whole, above the facts (issue 14: the fix line used to be cut
/// off or dropped at 80x24).
/// The dashboards run at nice 15, as the signal tests' do: in a full run they would otherwise
/// take CPU from the engine's timing tests.
@Suite(.serialized) struct DeniedExplanationTmuxTests {
    /// English's words; the Chinese screen is checked for wholeness only, since the words of
    /// explanations are translated elsewhere.
    static let reason =
        "reason: SMI mode (permissive off) and no TrafficTarget lets ServiceAccount curl/curl reach ServiceAccount tcp-demo/tcp-echo"
    static let fix =
        "fix: apply a TrafficTarget in namespace tcp-demo with destination ServiceAccount tcp-demo/tcp-echo, source ServiceAccount curl/curl and a TCPRoute rule matching port 9000 (or turn permissive mode on)"

    static func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace && $0 != "│" } }

    @Test(arguments: ["en", "zh"])
    func reasonAndFixOfTheDeniedProbeAreWholeAt80x24(language: String) async throws {
        let s = try await TmuxDashboardTests.Session(
            "nice -n 15 \(TmuxDashboardTests.binary) --lang \(language)", width: 80, height: 24,
            environment: ["LC_ALL": "C.UTF-8"])
        #expect(try await s.wait(for: "PERMISSIVE").contains("PERMISSIVE"))
        try await s.keys("Enter")
        #expect(try await s.wait(for: "ALLOWED").contains("ALLOWED"))
        try await s.keys("p")
        #expect(try await s.wait(for: " SMI ").contains(" SMI "))
        try await s.keys("Enter")
        #expect(try await s.wait(for: "DENIED").contains("DENIED"))
        try await s.keys("e")
        let screen = try await s.wait(for: "├")
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let top = try #require(rows.firstIndex { $0.contains("┌─ curl/curl → tcp-echo.tcp-demo:9000") }, "\(screen)")
        let rule = try #require(rows.indices.first { $0 > top && rows[$0].contains("├") }, "\(screen)")
        let pinned = rows[(top + 1)..<rule]
        #expect(pinned.count >= 3, "reason and fix above the rule:\n\(screen)")
        for row in pinned {
            let inside = row.split(separator: "│", omittingEmptySubsequences: false).dropFirst().first ?? ""
            #expect(!inside.trimmingCharacters(in: .whitespaces).hasSuffix("…"), "cut: \(row)")
        }
        let text = Self.squeezed(pinned.joined())
        #expect(text.contains("TrafficTarget") && text.contains("tcp-demo/tcp-echo") && text.contains("9000"), "\(screen)")
        if language == "en" {
            #expect(text.contains(Self.squeezed(Self.reason)), "\(screen)")
            #expect(text.contains(Self.squeezed(Self.fix)), "\(screen)")
        }
        try await s.keys("Escape", "q")
        #expect(try await s.wait(for: "EXIT=").contains("EXIT=0"))
    }
}
