import Foundation
import Testing

/// The views added for an audience, in a real terminal at 80x24 and 200x60, in English and
/// Chinese: the service map with its counters, the presentation layout, describe, and a click.
/// The dashboards run at nice 15, as the signal tests' do: in a full run they would otherwise
/// take CPU from the engine's timing tests.
@Suite(.serialized) struct AudienceViewsTmuxTests {
    @Test(arguments: [("en", 80, 24), ("zh", 80, 24), ("en", 200, 60), ("zh", 200, 60)])
    func mapPresentationDescribeAndMouse(language: String, width: Int, height: Int) async throws {
        let s = try await TmuxDashboardTests.Session(
            "nice -n 15 \(TmuxDashboardTests.binary) --lang \(language)", width: width, height: height,
            environment: ["LC_ALL": "C.UTF-8"])
        try await s.tmux(["set", "-g", "mouse", "on"])
        #expect(try await s.wait(for: "PERMISSIVE").contains("PERMISSIVE"))
        try await s.keys("Enter")
        #expect(try await s.wait(for: "ALLOWED").contains("ALLOWED"))
        try await s.keys("p")
        #expect(try await s.wait(for: " SMI ").contains(" SMI "))
        try await s.keys("Enter")
        #expect(try await s.wait(for: "DENIED").contains("DENIED"))
        try await s.keys("m")
        let map = try await s.wait(for: "✘ DENIED  ✔ 1 ✘ 1")
        #expect(map.contains("✘ DENIED  ✔ 1 ✘ 1") && map.contains("▶│ tcp-echo.tcp-demo:9000 │"), "\(map)")
        try await s.keys("Escape", "z")
        let present = try await s.wait(for: "█████")
        // The policy's fix, in the dashboard's language (the explanation catalogue's label).
        #expect(present.contains(language == "zh" ? "修复：" : "fix:") && present.contains("TrafficTarget"), "\(present)")
        try await s.keys("z")
        // A click on the curl namespace (X10 mouse encoding, as tmux forwards it) focuses the
        // namespaces pane and selects it; i describes it.
        let screen = try await s.wait(for: "│  curl")
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let y = try #require(rows.firstIndex { $0.hasPrefix("│  curl") }, "\(screen)")
        let bytes: [UInt8] = [0x1B, UInt8(ascii: "["), UInt8(ascii: "M"), 32, 33 + 4, UInt8(33 + y)]
        let press = String(decoding: bytes, as: UTF8.self)
        try await s.tmux(["send-keys", "-t", s.name, "-l", press])
        try await s.keys("i")
        let described = try await s.wait(for: "kubectl describe namespace curl")
        #expect(described.contains("kubectl describe namespace curl"), "\(described)")
        try await s.keys("Escape", "q")
        #expect(try await s.wait(for: "EXIT=").contains("EXIT=0"))
    }
}
