import Foundation
import Testing

/// ~/.config/meshdeck/config.yaml with the real binary: a broken one stops `meshdeck` with
/// exit 2 and the file, line and key, before the dashboard would open.
@Suite struct ConfigCLITests {
    @Test func aBrokenConfigIsRefusedWithItsLineAndKeyBeforeTheDashboard() async throws {
        let xdg = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-xdg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: xdg) }
        let dir = xdg.appendingPathComponent("meshdeck")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = dir.appendingPathComponent("config.yaml")
        let env = ["XDG_CONFIG_HOME": xdg.path, "MESHDECK_THEME": ""]

        try "# mine\nthem: light\n".write(to: config, atomically: true, encoding: .utf8)
        var (code, out, err) = try await Binary.run([], environment: env)
        #expect(code == 2)
        #expect(out.isEmpty)
        #expect(err == "error: \(config.path):2: them: unknown key (MeshDeck reads: theme)\n")

        try "theme: nord\n".write(to: config, atomically: true, encoding: .utf8)
        (code, _, err) = try await Binary.run([], environment: env)
        #expect(code == 2)
        #expect(err.hasPrefix("error: \(config.path):1: theme: nord: no such theme or file"))

        // A good one gets as far as the terminal check (there is none here).
        try "theme: light\n".write(to: config, atomically: true, encoding: .utf8)
        (code, _, err) = try await Binary.run([], environment: env)
        #expect(code == 2)
        #expect(!err.contains("error:") && err.contains("meshdeck get"), "\(err)")
    }
}
