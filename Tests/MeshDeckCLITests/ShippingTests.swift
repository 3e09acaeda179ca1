import Foundation
import Testing

/// A `meshdeck` binary copied on its own, as someone would install it: everything it ships
/// (the walkthrough, the themes) is inside it, with no resource folder beside it.
@Suite struct ShippingTests {
    /// Runs `binary` with `arguments` in its own directory: exit code, stdout, stderr. The output
    /// goes to files beside it, so that neither pipe can fill while the other is read.
    static func run(_ binary: URL, _ arguments: [String]) throws -> (Int32, String, String) {
        let dir = binary.deletingLastPathComponent()
        let out = dir.appendingPathComponent("stdout"), err = dir.appendingPathComponent("stderr")
        for file in [out, err] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = dir
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8)
        )
    }

    @Test func aBinaryCopiedAloneRunsTheWalkthroughAndHasItsThemes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("meshdeck")
        try FileManager.default.copyItem(at: Binary.url, to: copy)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["meshdeck"])
        // Nothing of the build beside it (the resource bundle used to be needed there).
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("MeshDeck_Presentation.resources").path))

        let (code, out, err) = try Self.run(copy, ["walkthrough"])
        #expect(code == 0, "\(err)")
        #expect(out.hasSuffix("echo response: hello\n"), "the last probe of the walkthrough")
        // A shipped theme is found; the dashboard then stops only for want of a terminal.
        let (themeCode, _, themeErr) = try Self.run(copy, ["--theme", "deuteranopia"])
        #expect(themeCode == 2)
        #expect(!themeErr.contains("error:") && themeErr.contains("needs a terminal"), "\(themeErr)")
    }
}
