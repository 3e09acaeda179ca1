import DataPlaneInterface
import Foundation
import MeshDeckTestSupport
import MeshModel
import Testing

@testable import Dashboard
@testable import TerminalUI

/// `c` copies (OSC 52) an explanation with its CLI line, or the line alone; `:save FILE` writes
/// the log. The reducer only builds the text; the run loop hands it to the terminal or the disk.
@Suite struct CopySaveTests {
    static let line = "meshdeck explain --from curl/curl --to tcp-echo.tcp-demo:9000"

    @Test func cCopiesTheCLILineOrTheOpenExplanation() async throws {
        var d = try ScreenDriver(width: 100, height: 30)
        try await d.keys("EpE")
        #expect(Reducer.reduce(&d.state, .key(.character("c")), now: d.now) == [.copy(Self.line)])
        #expect(d.state.message == "copied the meshdeck explain line to the clipboard (OSC 52)")
        try await d.keys("e")
        let effects = Reducer.reduce(&d.state, .key(.character("c")), now: d.now)
        guard case .copy(let text)? = effects.first else {
            Issue.record("no copy: \(effects)")
            return
        }
        #expect(text.hasPrefix("curl/curl → tcp-echo.tcp-demo:9000\n"))
        #expect(text.contains("reason: SMI mode") && text.contains("fix: apply a TrafficTarget"))
        #expect(text.hasSuffix("$ \(Self.line)\n"))
        #expect(d.state.popup != nil, "the popup stays open")
    }

    @Test func theSequenceIsOSC52WithTheTextInBase64() {
        #expect(Clipboard.osc52("hi") == "\u{1B}]52;c;aGk=\u{07}")
        #expect(Clipboard.base64(Array("hello".utf8)) == "aGVsbG8=")
        #expect(Clipboard.base64(Array("✔ 1".utf8)) == "4pyUIDE=")
        #expect(Clipboard.base64([]) == "")
    }

    @Test func saveWritesTheLogThroughAnEffect() async throws {
        var d = try ScreenDriver(width: 100, height: 30)
        try await d.keys("EpE")
        let effects = Reducer.run(&d.state, try LineCommandParser.parse("save /tmp/x.log"), now: d.now)
        guard case .saveFile(let path, let contents)? = effects.first else {
            Issue.record("no save: \(effects)")
            return
        }
        #expect(path == "/tmp/x.log")
        let lines = contents.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("✘ DENIED") && $0.contains("server sidecar: no TrafficTarget allows it") })
        #expect(
            lines.contains { $0.contains("$ kubectl patch meshconfig osm-mesh-config") && $0.hasSuffix("--type=merge") },
            "whole, never cut")
        try await d.reduce(.fileSaved(path: path, error: nil))
        #expect(d.state.message == "saved the log to /tmp/x.log")
        try await d.reduce(.fileSaved(path: path, error: "Permission denied"))
        #expect(d.state.message == "could not save the log to /tmp/x.log: Permission denied")
        #expect(throws: LineCommandError.self) { try LineCommandParser.parse("save") }
    }

    /// Through the run loop: the copy reaches the terminal backend, and `:save` the disk.
    @Test func theRunLoopCopiesAndSaves() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-save-\(UUID()).log")
        defer { try? FileManager.default.removeItem(at: file) }
        let cluster = Scenario.walkthrough()
        let engine = InMemoryDataPlane(cluster)
        let backend = TestBackend(
            width: 100, height: 30,
            script: [
                .waitFor("PERMISSIVE"), .key(.enter), .waitFor("ALLOWED"), .key(.character("c")), .waitFor("copied"),
                .key(.character(":")),
            ] + "save \(file.path)".map { .key(.character($0)) } + [
                .key(.enter), .waitFor("saved the log"), .key(.character("q")),
            ])
        let app = DashboardApp(backend: backend, cluster: cluster, engine: engine)
        _ = await app.runOnDedicatedThread()
        try await engine.shutdown()
        #expect(backend.failure == nil, "\(backend.failure ?? "")")
        #expect(backend.copied == [Self.line])
        #expect(try String(contentsOf: file, encoding: .utf8).contains("✔ ALLOWED"))
    }
}
