import Foundation
import Testing

/// A `meshdeck` binary copied on its own, as someone would install it: everything it ships
/// (the walkthrough, the themes) is inside it, with no resource folder beside it.
@Suite struct ShippingTests {
    /// Runs `binary` with `arguments` in its own directory: exit code, stdout, stderr (read
    /// concurrently by Spawn, so neither pipe can fill while the other is read).
    static func run(_ binary: URL, _ arguments: [String]) async throws -> (Int32, String, String) {
        // From the copy's own folder, so nothing beside the source tree can be found by accident.
        try await Spawn.run(binary.path, arguments, directory: binary.deletingLastPathComponent().path).tuple
    }

    @Test func aBinaryCopiedAloneRunsTheWalkthroughAndHasItsThemes() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("meshdeck")
        try FileManager.default.copyItem(at: Binary.url, to: copy)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["meshdeck"])
        // Nothing of the build beside it (the resource bundle used to be needed there).
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("MeshDeck_Presentation.resources").path))

        let (code, out, err) = try await Self.run(copy, ["walkthrough"])
        #expect(code == 0, "\(err)")
        #expect(out.hasSuffix("echo response: hello\n"), "the last probe of the walkthrough")
        // A shipped theme is found; the dashboard then stops only for want of a terminal.
        let (themeCode, _, themeErr) = try await Self.run(copy, ["--theme", "deuteranopia"])
        #expect(themeCode == 2)
        #expect(!themeErr.contains("error:") && themeErr.contains("needs a terminal"), "\(themeErr)")
    }
}
