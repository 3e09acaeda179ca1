import DataPlaneInterface
import Foundation
import MeshDeckTestSupport
import MeshModel
import Testing

@testable import Dashboard
@testable import TerminalUI

/// `m`: workloads and services as boxes, each connection with the verdict now and the probes
/// sent along it, live during a load.
@Suite struct ServiceMapTests {
    @Test func theWalkthroughsMapFits80x24WithVerdictAndCounters() async throws {
        var d = try ScreenDriver(width: 80, height: 24)
        try await d.keys("EpEm")
        let text = d.text
        #expect(text.contains("Service map (SMI mode)"), "\(text)")
        #expect(text.contains("│ curl/curl │"))
        #expect(text.contains("▶│ tcp-echo.tcp-demo:9000 │"), "the edge arrives at the service's box")
        #expect(text.contains("✘ DENIED  ✔ 1 ✘ 1"), "verdict glyph and word, then the counters")
        // Permissive: both workloads may connect, so both are drawn; the lines merge into one column.
        try await d.keys("pE")
        #expect(d.text.contains("✔ ALLOWED  ✔ 2 ✘ 1"), "\(d.text)")
        #expect(d.text.contains("│ tcp-demo/tcp-echo │"))
        #expect(d.text.contains("┌─▶│"), "the second line turns into the service box")
        // A load counts on its connection as it runs.
        try await d.keys("L")
        var progress = LoadProgress(count: 2000, concurrency: 16, started: d.now)
        progress.allowed = 1000
        try await d.reduce(.loadTick(progress))
        #expect(d.text.contains("✔ 1,002 ✘ 1"), "\(d.text)")
        // e explains the selected connection; m goes back to the panes.
        try await d.keys("e")
        #expect(d.text.contains("curl/curl → tcp-echo.tcp-demo:9000") && d.text.contains("reason: "))
        try await d.keys("X")
        try await d.reduce(.loadFinished(LoadReport(requested: 1000), cancelled: true))
        try await d.keys("m")
        #expect(!d.state.showMatrix && d.text.contains("Probe log"))
    }

    @Test func withoutUnicodeTheMapIsASCIIAndEveryLineFits() async throws {
        for size in [(80, 24), (200, 60)] {
            var d = try ScreenDriver(width: size.0, height: size.1)
            d.ascii = true
            d.state.ascii = true
            try await d.keys("EpEpEm")
            #expect(!d.text.unicodeScalars.contains { $0.value > 0x7E }, "\(d.text)")
            #expect(d.text.contains("x DENIED") || d.text.contains("+ ALLOWED"), "\(d.text)")
            #expect(d.text.contains(">| tcp-echo.tcp-demo:9000 |"), "\(d.text)")
        }
    }

    @Test func countersAreGroupedAndResetWithTheGuide() async throws {
        #expect(MapView.grouped(0) == "0" && MapView.grouped(999) == "999" && MapView.grouped(1002) == "1,002")
        #expect(MapView.grouped(1_234_567) == "1,234,567")
        var d = try ScreenDriver(width: 100, height: 30)
        try await d.keys("E")
        #expect(!d.state.edges.isEmpty)
        try await d.keys("wy")
        #expect(d.state.edges.isEmpty, "the guide's reset starts the map's counters again, as the header's")
    }
}
