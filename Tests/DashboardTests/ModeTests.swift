import DataPlaneInterface
import Foundation
import MeshDeckTestSupport
import MeshModel
import Testing

@testable import Dashboard
@testable import Presentation
@testable import TerminalText
@testable import TerminalUI

/// The matrix, the guide's question, a load's strip, and a terminal that cannot show Chinese.
@Suite struct ModeTests {
    @Test func theMatrixHasACursorThatEExplainsAndPaneKeysDoNotReachHiddenPanes() async throws {
        var d = try ScreenDriver(width: 100, height: 30)
        try await d.keys("pxk")
        let before = (d.state.focus, d.state.selectedNamespace, d.state.selectedPolicy, d.state.logScroll)
        #expect(!d.text.contains("meshdeck explain --from"), "the legend keeps the user in the dashboard")
        #expect(d.text.contains("e explains the cell"))
        // The cursor: a reverse-video cell.
        var canvas = d.canvas
        let cursor = (0..<canvas.height).flatMap { y in (0..<canvas.width).map { (x: $0, y: y) } }
            .filter { canvas[$0.x, $0.y].style.reverse && "✔✘".contains(canvas[$0.x, $0.y].character) }
        #expect(cursor.count == 1, "one cell under the cursor")
        let firstRow = try #require(cursor.first).y
        // ↓ moves the cursor (two sources here: it stops on the second); the panes' keys do nothing.
        try await d.keys("↓TUDj")
        canvas = d.canvas
        let moved = (0..<canvas.height).first { y in
            (0..<canvas.width).contains { canvas[$0, y].style.reverse && "✔✘".contains(canvas[$0, y].character) }
        }
        #expect(moved == firstRow + 1, "↓ moved the cursor a row down")
        #expect(
            (d.state.focus, d.state.selectedNamespace, d.state.selectedPolicy, d.state.logScroll) == before,
            "nothing moved in the panes behind the matrix")
        try await d.keys("e")
        #expect(d.text.contains("tcp-demo/tcp-echo → tcp-echo.tcp-demo:9000"), "the popup shows:\n\(d.text)")
        #expect(d.text.contains("reason: "))
        try await d.keys("X")
        #expect(d.state.popup == nil && d.state.showMatrix)
        try await d.keys("↑e")
        #expect(d.text.contains("curl/curl → tcp-echo.tcp-demo:9000"))
        #expect(PopupReading.squeezed(d.text).contains(PopupReading.squeezed(PopupTests.fix)))
    }

    @Test func wAsksBeforeItResetsTheClusterAndTheCountersResetWithIt() async throws {
        var d = try ScreenDriver(width: 80, height: 24)
        try await d.keys("EpE")
        #expect(d.lines[0].contains("✔ 1 allowed  ✘ 1 denied"))
        try await d.keys("w")
        #expect(d.text.contains("Start the guided walkthrough?"), "\(d.text)")
        #expect(PopupReading.squeezed(d.text).contains(PopupReading.squeezed("the probe counters go back to 0")))
        #expect(d.lines[23].contains("y reset and start") && d.lines[23].contains("n keep"))
        #expect(d.state.cluster.namespaces["tcp-demo"] != nil, "nothing reset yet")
        try await d.keys("n")
        #expect(d.state.popup == nil && !d.state.showGuide)
        #expect(d.state.cluster.namespaces["tcp-demo"] != nil && d.lines[0].contains("✔ 1 allowed  ✘ 1 denied"))
        #expect(d.text.contains("the cluster is unchanged; the guide is not open"))
        try await d.keys("wy")
        #expect(d.state.cluster.namespaces["tcp-demo"] == nil)
        #expect(d.lines[0].contains("✔ 0 allowed  ✘ 0 denied"), "\(d.lines[0])")
        #expect(d.text.contains("Guide 1/14"))
        // Hidden and shown again mid-way: no question, nothing reset.
        try await d.keys("nww")
        #expect(d.state.popup == nil && d.state.guide?.currentIndex == 1)
    }

    @Test func aStoppedLoadSaysSoAndItsStripGoesAtTheNextKey() async throws {
        var d = try ScreenDriver(width: 80, height: 24)
        try await d.keys("L")
        // As the engine reports a stopped load: only the probes it started count as requested.
        var report = LoadReport(requested: 400)
        report.allowed = 400
        report.seconds = 0.2
        report.latencies.record(0.00413, count: 400)
        try await d.reduce(.loadFinished(report, cancelled: true))
        let border = try #require(d.lines.first { $0.contains("Probe log") })
        #expect(border.contains("400/1000 stopped"), "\(border)")
        #expect(!border.contains("done"))
        #expect(d.lines[22].contains("p50 4.13 ms"), "the message line keeps the number whole: \(d.lines[22])")
        #expect(d.text.contains("stopped after 400 of 1000 probes"), "of what was asked for, not of what started")
        #expect(d.lines[22].contains("load stopped at 400/1000"), "\(d.lines[22])")
        try await d.keys("p")
        #expect(!(d.lines.first { $0.contains("Probe log") } ?? "").contains("400/1000"), "\(d.text)")
    }

    @Test func aFinishedLoadsMessageFits80ColumnsWhole() async throws {
        for language in [WalkthroughLanguage.en, .zh] {
            var d = try ScreenDriver(width: 80, height: 24, language: language)
            try await d.keys("L")
            var report = LoadReport(requested: 20000)
            report.allowed = 20000
            report.seconds = 9.5
            report.latencies.record(0.00413, count: 20000)
            try await d.reduce(.loadFinished(report, cancelled: false))
            let message = d.lines[22]
            #expect(!message.hasSuffix("…"), "\(message)")
            #expect(message.contains("p50 4.13 ms p99 4.13 ms"), "\(message)")
        }
    }

    /// `--lang zh` where the locale is not UTF-8: everything in English, the guide included, and
    /// one line saying why, not `? ? ?`.
    @Test func zhInANonUTF8TerminalIsEnglishThroughoutWithOneWarning() async throws {
        let cluster = Scenario.walkthrough()
        let engine = InMemoryDataPlane(cluster)
        let backend = TestBackend(
            width: 100, height: 30, unicode: false,
            script: [
                .waitFor("needs a UTF-8 locale"), .key(.character("w")), .waitFor("Start the guided walkthrough?"),
                .key(.character("y")), .waitFor("Guide 1/14 (en)"), .key(.character("n")), .waitFor("Guide 2/14"),
                .key(.character("?")), .waitFor("Keys"), .key(.escape), .waitFor("Create the tcp-demo namespace"),
                .key(.character("q")),
            ])
        var screens: [String] = []
        let app = DashboardApp(
            backend: backend, cluster: cluster, engine: engine, walkthrough: try WalkthroughLoader.builtin(.zh),
            language: .zh, englishWalkthrough: try WalkthroughLoader.builtin(.en))
        #expect(app.state.message?.hasPrefix("--lang zh needs a UTF-8 locale") == true)
        #expect((app.state.message.map { TextWidth.of($0) } ?? 0) <= 78, "the one warning fits the 80-column message line whole")
        _ = await app.runOnDedicatedThread()
        try await engine.shutdown()
        #expect(backend.failure == nil, "\(backend.failure ?? "")")
        screens.append(backend.screen.text)
        for screen in screens {
            #expect(!screen.unicodeScalars.contains { $0.value > 0x7E }, "only what the terminal can show:\n\(screen)")
            #expect(screen.contains("Create the tcp-demo namespace"), "the guide in English:\n\(screen)")
        }
    }
}
