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

    /// Like `linkerd viz stat`: per connection, allowed, denied, probes/s and latency over the last
    /// 10 s, bounded memory.
    @Test func perConnectionStatsOverTheLast10Seconds() async throws {
        let t0 = Date(timeIntervalSince1970: 1_000)
        var counts = EdgeCounts()
        counts.record(allowed: 1, denied: 0, latency: 0.002, at: t0)
        counts.record(allowed: 0, denied: 1, latency: 0.004, at: t0.addingTimeInterval(1))
        counts.record(allowed: 98, denied: 0, latency: 0.001, at: t0.addingTimeInterval(2))
        #expect(counts.allowed == 99 && counts.denied == 1)
        #expect(counts.rate(at: t0.addingTimeInterval(5)) == 10)
        #expect(counts.latency(0.5, at: t0.addingTimeInterval(5)) == 0.001)
        #expect(counts.latency(0.99, at: t0.addingTimeInterval(5)) == 0.002)
        #expect(counts.latency(1, at: t0.addingTimeInterval(5)) == 0.004)
        #expect(counts.rate(at: t0.addingTimeInterval(10.5)) == 9.9, "the first is out of the window")
        #expect(counts.rate(at: t0.addingTimeInterval(60)) == 0 && counts.latency(0.5, at: t0.addingTimeInterval(60)) == nil)
        for i in 0..<2_000 { counts.record(allowed: 1, denied: 0, latency: 0.001, at: t0.addingTimeInterval(Double(i))) }
        #expect(counts.samples.count == EdgeCounts.samplesKept, "memory stays bounded")

        var d = try ScreenDriver(width: 120, height: 40)
        try await d.keys("EpEm")
        let header = try #require(d.lines.first { $0.contains("FROM") && $0.contains("PROBES/S (10 s)") }, "\(d.text)")
        #expect(header.contains("ALLOWED") && header.contains("DENIED") && header.contains("P50") && header.contains("P99"))
        let row = try #require(d.lines.first { $0.contains("curl/curl  tcp-echo.tcp-demo:9000") }, "\(d.text)")
        #expect(row.contains("0.2"), "2 probes in the last 10 s: \(row)")
        #expect(row.contains(" ms"), "\(row)")
    }
}

/// A mesh of a dozen namespaces is more than the map can draw readably: it shows the selected
/// namespace and its neighbours, and says so.
@Suite struct LargeServiceMapTests {
    static func mesh(_ n: Int) -> Cluster {
        var yaml = ""
        for i in 1...n {
            yaml += """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: app\(i)
                  labels: {openservicemesh.io/monitored-by: osm}
                  annotations: {openservicemesh.io/sidecar-injection: enabled}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: app, namespace: app\(i)}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: app, namespace: app\(i)}
                spec:
                  selector: {app: app}
                  ports: [{name: tcp, port: 9000, appProtocol: tcp}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app, namespace: app\(i)}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: app}}
                  template:
                    metadata: {labels: {app: app}}
                    spec:
                      serviceAccountName: app
                      containers: [{name: app, image: app, ports: [{containerPort: 9000}]}]
                ---

                """
        }
        var cluster = Scenario.walkthrough()
        let decoded = ManifestDecoder().decode(yaml, file: "mesh.yaml")
        #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
        _ = try? cluster.apply(decoded.resources)
        return cluster
    }

    @Test func beyondTwentyBoxesTheSelectedNamespaceAndItsNeighbours() async throws {
        var d = try ScreenDriver(width: 200, height: 60, cluster: Self.mesh(12))
        d.state.selectedNamespace = try #require(d.state.namespaces.firstIndex { $0.name == "app3" })
        try await d.keys("m")
        #expect(MapView.allEdges(d.state).count > 100, "permissive: everyone reaches everyone")
        let shown = MapView.edges(d.state)
        #expect(
            !shown.isEmpty && shown.allSatisfy { $0.key.from.hasPrefix("app3/") || $0.key.to.contains(".app3:") },
            "\(shown.map(\.key))")
        #expect(d.text.contains("app3 and its neighbours"), "\(d.text)")
        #expect(d.text.contains("│ app3/app"))
    }
}
