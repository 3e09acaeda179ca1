import Foundation
import MeshDeckTestSupport
import MeshModel
import Testing

@testable import Dashboard
@testable import Presentation
@testable import TerminalUI

/// `--record-size WxH`: the cast stays at one size however the terminal is resized (asciinema
/// play does not follow a cast's resize events), while the terminal shows its own size.
@Suite struct RecordingSizeTests {
    @Test func aFixedSizeRecordingHasNoResizeAndEveryFrameAtItsSize() async throws {
        let lines = LinesBox()
        let writer = AsciicastWriter(header: .init(width: 100, height: 30, title: "test"), write: { lines.append($0) })
        let cluster = Scenario.walkthrough()
        let engine = InMemoryDataPlane(cluster)
        let terminal = TestBackend(
            width: 140, height: 45,
            script: [
                .waitFor("PERMISSIVE"), .key(.enter), .waitFor("ALLOWED"), .resize(90, 28), .waitFor("Probe log"),
                .key(.character("p")), .waitFor(" SMI "), .resize(160, 50), .key(.enter), .waitFor("1 denied"),
                .key(.character("q")),
            ])
        let recording = RecordingBackend(recording: terminal, into: writer, colors: true, size: (100, 30))
        let app = DashboardApp(backend: recording, cluster: cluster, engine: engine)
        _ = await app.runOnDedicatedThread()
        try await engine.shutdown()
        try writer.close()
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        #expect(terminal.screen.width == 160, "the terminal shows its own size")
        let all = lines.all
        #expect(!all.contains { $0.contains("\"r\"") }, "no resize event")
        #expect(all.contains { $0.contains("\"o\"") && $0.contains("DENIED") })
        // Every frame is drawn for 100 columns: no cursor move beyond row 30, and the header
        // line ends where a 100-column screen does.
        for line in all where line.contains("\"o\"") {
            for match in line.matches(of: /\\u001b\[(\d+);1H/) {
                #expect(Int(match.1)! <= 30, "a row beyond the recording's 30: \(match.0)")
            }
        }
    }
}
