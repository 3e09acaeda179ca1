import Foundation
import MeshDeckTestSupport
import MeshModel
import Testing

@testable import Dashboard
@testable import Presentation
@testable import TerminalUI

/// `w`: the guided walkthrough, driven with its keys against the real data plane.
@Suite struct GuideModeTests {
    static func walkthrough(_ language: WalkthroughLanguage = .en) throws -> Walkthrough {
        try WalkthroughLoader.builtin(language)
    }

    @Test func wResetsToBeforeStep1AndNPerformsTheStepsForReal() throws {
        var state = AppState(cluster: Scenario.walkthrough())
        state.walkthrough = try Self.walkthrough()
        #expect(Reducer.reduce(&state, .key(.character("w"))).isEmpty, "w asks before it resets the cluster")
        #expect(Reducer.reduce(&state, .key(.character("y"))).contains(.updateEngine))
        #expect(state.cluster.namespaces["tcp-demo"] == nil, "step 1 must really create it")
        #expect(state.cluster.meshConfig != nil, "OSM is installed")
        let effects = Reducer.reduce(&state, .key(.character("n")))
        #expect(effects.contains(.updateEngine))
        #expect(effects.contains(.mark("step 1: \(state.walkthrough!.steps[0].title)")))
        #expect(state.cluster.namespaces["tcp-demo"] != nil)
        #expect(state.currentNamespace == "tcp-demo", "the workloads pane follows the step")
        let text = screen(state)
        #expect(text.contains("$ kubectl create namespace tcp-demo"))
        #expect(text.contains("namespace/tcp-demo created"))
        #expect(text.contains("Guide 2/"))
        #expect(text.contains("as the guide says: namespace/tcp-demo created"))
        // b undoes it: the namespace is gone again.
        _ = Reducer.reduce(&state, .key(.character("b")))
        #expect(state.cluster.namespaces["tcp-demo"] == nil)
        #expect(state.guide?.currentIndex == 0)
        // w hides the guide; the keys are the dashboard's again (n does nothing there).
        _ = Reducer.reduce(&state, .key(.character("w")))
        #expect(!state.showGuide)
        #expect(Reducer.reduce(&state, .key(.character("n"))).isEmpty)
        #expect(!screen(state).contains("Guide "))
    }

    @Test func withoutItsDataFilesWSaysSo() {
        var state = AppState(cluster: Scenario.walkthrough())
        #expect(Reducer.reduce(&state, .key(.character("w"))).isEmpty)
        #expect(state.message?.contains("not available") == true)
    }

    @Test(arguments: [WalkthroughLanguage.en, .zh])
    func everyStepWithNAndSpaceGivesTheGuidesResult(language: WalkthroughLanguage) async throws {
        let walkthrough = try Self.walkthrough(language)
        let cluster = Scenario.walkthrough()
        // A run-loop test: the policy's answers, in memory (the real data plane runs the same steps
        // in Tests/PresentationTests/WalkthroughRunnerTests and the CLI's walkthrough tests).
        let engine = InMemoryDataPlane(cluster)
        var script: [TestBackend.Step] = [
            .waitFor("PERMISSIVE"), .key(.character("w")), .waitFor("y: reset and start"), .key(.character("y")),
            .waitFor("Guide 1/"),
        ]
        for index in walkthrough.steps.indices {
            script.append(.key(index % 2 == 0 ? .character("n") : .character(" ")))
            script.append(
                .waitFor(index + 1 < walkthrough.steps.count ? "Guide \(index + 2)/" : "all \(walkthrough.steps.count) steps"))
        }
        // Back over the policy step: the last probe's verdict no longer holds.
        script += [.key(.character("b")), .key(.character("b")), .waitFor("undid step"), .key(.character("q"))]
        let backend = TestBackend(width: 140, height: 45, script: script, timeout: 240)
        let app = DashboardApp(backend: backend, cluster: cluster, engine: engine, walkthrough: walkthrough)
        let status = await app.runOnDedicatedThread()
        try await engine.shutdown()
        #expect(backend.failure == nil, "\(backend.failure ?? "")")
        #expect(status == 0)
        #expect(app.state.allowed == 2 && app.state.denied == 1, "the guide's three probes: allowed, denied, allowed")
        #expect(app.state.cluster.trafficTargets.isEmpty, "b undid the policy step")
        let outcomes = app.state.guide?.outcomes ?? []
        #expect(outcomes.count == walkthrough.steps.count - 2)
        let mismatches = outcomes.compactMap(\.mismatch)
        #expect(mismatches.isEmpty, "\(mismatches)")
    }
}

@Suite struct AnsiFrameEncoderTests {
    @Test func firstFrameIsWholeThenOnlyChangedRows() {
        var encoder = AnsiFrameEncoder(palette: .default)
        var canvas = Canvas(width: 10, height: 3)
        canvas.put("ALLOWED", x: 0, y: 1, style: Style(.success, bold: true))
        let first = encoder.encode(canvas)
        #expect(first.hasPrefix("\u{1B}[0m\u{1B}[2J"))
        #expect(first.contains("\u{1B}[2;1H\u{1B}[0;1;32mALLOWED"), "bold, green (the default palette's allowed)")
        #expect(encoder.encode(canvas).isEmpty, "nothing changed, nothing written")
        canvas.put("x", x: 0, y: 2)
        let third = encoder.encode(canvas)
        #expect(third.hasPrefix("\u{1B}[3;1H") && !third.contains("ALLOWED"))
    }

    @Test func withoutColourOnlyAttributesAndWideCharactersOnce() {
        var encoder = AnsiFrameEncoder(palette: nil)
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("中文", x: 0, y: 0, style: Style(.failure, reverse: true))
        let out = encoder.encode(canvas)
        #expect(out.contains("\u{1B}[0;7m中文"), "reverse video, no colour, each wide character written once")
        #expect(!out.contains("31"))
    }
}

@Suite struct RecordingBackendTests {
    @Test func framesResizesAndMarkersGoIntoTheCast() async throws {
        let lines = LinesBox()
        let writer = AsciicastWriter(header: .init(width: 120, height: 40, title: "test"), write: { lines.append($0) })
        let cluster = Scenario.walkthrough()
        let engine = InMemoryDataPlane(cluster)
        let terminal = TestBackend(script: [
            .waitFor("PERMISSIVE"), .key(.enter), .waitFor("ALLOWED"), .key(.character("p")), .waitFor(" SMI "),
            .key(.character("a")), .waitFor("tcp-access created"), .resize(100, 30), .key(.enter), .waitFor("2 allowed"),
            .key(.character("q")),
        ])
        let app = DashboardApp(
            backend: RecordingBackend(recording: terminal, into: writer, colors: true), cluster: cluster, engine: engine)
        _ = await app.runOnDedicatedThread()
        try await engine.shutdown()
        try writer.close()
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        let all = lines.all
        #expect(
            all.first?.contains("\"width\": 120") == true || all.first?.contains("\"width\":120") == true, "\(all.first ?? "")")
        #expect(all.contains { $0.contains("\"m\",\"permissive mode off\"") })
        #expect(all.contains { $0.contains("\"m\",\"applied TCPRoute tcp-echo-route") })
        #expect(all.contains { $0.contains("\"r\",\"100x30\"") })
        #expect(all.contains { $0.contains("\"o\"") && $0.contains("ALLOWED") })
    }
}

final class LinesBox: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
