import ConnectionEngine
import Foundation
import MeshDeckTestSupport
import MeshModel
import Testing

@testable import Dashboard

/// The walkthrough, driven with the dashboard's keys: end to end against the real data plane
/// (sockets on loopback), and the run loop's own rules against an in-memory one.
@Suite struct DashboardWalkthroughTests {
    @Test func enterPEnterAEnterQ() async throws {
        let cluster = Scenario.walkthrough()
        let engine = try await MeshEngine.start(cluster)
        let backend = TestBackend(script: [
            .waitFor("PERMISSIVE"),
            .key(.enter), .waitFor("ALLOWED"), .waitFor("echo response: hello"),
            .key(.character("p")), .waitFor(" SMI "),
            .key(.enter), .waitFor("DENIED"),
            .key(.character("a")), .waitFor("traffictarget.access.smi-spec.io/tcp-access created"),
            .key(.enter), .waitFor("2 allowed"),
            .resize(40, 10), .waitFor("80x24 (now 40x10)"), .resize(120, 40), .waitFor("Probe log"),
            .key(.character("q")),
        ])
        let app = DashboardApp(backend: backend, cluster: cluster, engine: engine)
        let status = await app.runOnDedicatedThread()
        try await engine.shutdown()
        #expect(backend.failure == nil, "\(backend.failure ?? "")")
        #expect(status == 0)
        #expect(app.state.allowed == 2 && app.state.denied == 1)
    }

    @Test func lRunsAThousandRealProbesWithNothingLost() async throws {
        let cluster = Scenario.walkthrough()
        let engine = try await MeshEngine.start(cluster)
        let backend = TestBackend(
            script: [
                .waitFor("PERMISSIVE"),
                .key(.character("L")), .waitFor("load 1000/1000 done"), .waitFor("0 lost"),
                .key(.character("q")),
                // A hang detector, not a speed test: alone this takes 2 s, but in the whole suite
                // it shares two cores with a dozen other thousand-probe runs (seen at 880/1000
                // after 60 s, still going).
            ], timeout: 240)
        let app = DashboardApp(backend: backend, cluster: cluster, engine: engine)
        let status = await app.runOnDedicatedThread()
        try await engine.shutdown()
        #expect(backend.failure == nil, "\(backend.failure ?? "")")
        #expect(status == 0)
        #expect(app.state.allowed == 1000 && app.state.denied == 0)
        #expect(app.state.load?.medians.isEmpty == false, "the sparkline has data")
    }

    @Test func commandLineAppliesAFileAndTheNextProbeMeetsIt() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-colon-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let policy = dir.appendingPathComponent("policy.yaml").path
        try Scenario.bundle(named: "smi-policy")!.yaml.write(toFile: policy, atomically: true, encoding: .utf8)
        let cluster = Scenario.walkthrough()
        let engine = InMemoryDataPlane(cluster)
        func type(_ line: String) -> [TestBackend.Step] {
            [.key(.character(":"))] + line.map { .key(.character($0)) } + [.key(.enter)]
        }
        let backend = TestBackend(
            script: [.waitFor("PERMISSIVE")]
                + type("permissive off") + [.waitFor(" SMI "), .key(.enter), .waitFor("DENIED")]
                + type("apply \(policy)") + [
                    .waitFor("traffictarget.access.smi-spec.io/tcp-access created"), .key(.enter), .waitFor("1 allowed"),
                ]
                + type("scale tcp-demo/tcp-echo 0") + [
                    .waitFor("deployment.apps/tcp-echo scaled"), .key(.enter), .waitFor("no endpoints"),
                ]
                + [.key(.character("q"))])
        let app = DashboardApp(backend: backend, cluster: cluster, engine: engine)
        let status = await app.runOnDedicatedThread()
        try await engine.shutdown()
        #expect(backend.failure == nil, "\(backend.failure ?? "")")
        #expect(status == 0)
    }

    /// A probe meets the policy the screen shows: the data plane is brought up to date with every
    /// change queued before the probe, in order.
    @Test func aProbeWaitsForTheChangesBeforeIt() async throws {
        let cluster = Scenario.walkthrough()
        let engine = InMemoryDataPlane(cluster, updateTakes: .milliseconds(100))
        let backend = TestBackend(script: [
            .waitFor("PERMISSIVE"), .key(.character("p")), .key(.enter), .waitFor("DENIED"),
            .key(.character("a")), .key(.enter), .waitFor("1 allowed"), .key(.character("q")),
        ])
        let app = DashboardApp(backend: backend, cluster: cluster, engine: engine)
        _ = await app.runOnDedicatedThread()
        #expect(backend.failure == nil, "\(backend.failure ?? "")")
        let kinds = engine.calls.map { call -> String in
            if case .update = call { return "update" }
            if case .probe = call { return "probe" }
            return "other"
        }
        #expect(kinds == ["update", "probe", "update", "probe"])
    }
}
