import DataPlaneInterface
import MeshDeckTestSupport
import MeshModel
import Testing

@testable import ConnectionEngine

/// Pods start when a connection first needs them and idle ones stop, least recently used
/// first, under `EngineConfiguration.maxRunningPods` (issue 13). Verdicts, replies and faults
/// are the same as with every pod started up front (the other suites run warm).
///
/// A start goes through Swift's concurrency pool, which the suite's heavier tests can hold for
/// seconds on 2 cores, so these probes have long timeouts: hang detectors, not measurements.
@Suite struct LazyStartTests {
    static func echoPodKeys(_ cluster: Cluster) -> [ObjectKey] {
        cluster.pods().map(\.key).filter { $0.namespace == "tcp-demo" }.sorted()
    }

    static func started(_ log: EventLog) -> [(pod: ObjectKey, running: Int)] {
        log.all.compactMap { if case .podStarted(let pod, _, let running) = $0.kind { (pod, running) } else { nil } }
    }

    static func evicted(_ log: EventLog) -> [ObjectKey] {
        log.all.compactMap { if case .podEvicted(let pod, _, _, _) = $0.kind { pod } else { nil } }
    }

    @Test func aProbeToAColdPodStartsItOnceAndTheNextFindsItRunning() async throws {
        let log = EventLog()
        let cluster = Scenario.walkthrough()
        try await withEngine(cluster, events: log, warm: false) { engine in
            #expect(engine.pods.isEmpty, "nothing starts before a connection needs it")
            let first = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", timeout: 30)
            #expect(first.outcome == .allowed && first.reply == "echo response: hello\n", "\(first.reason)")
            // The source (its outbound sidecar) and the endpoint (app and both sidecars).
            let echo = try #require(Self.echoPodKeys(cluster).first)
            #expect(Set(Self.started(log).map(\.pod)).contains(echo))
            #expect(Self.started(log).count == 2)
            #expect(engine.pods[echo]?.inbound != nil && engine.pods[echo]?.app[9000] != nil)
            let second = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", timeout: 30)
            #expect(second.outcome == .allowed)
            #expect(Self.started(log).count == 2, "a warm pod is not started again")
            #expect(engine.state.running.leases == 0, "a finished probe holds no pod")
        }
    }

    /// The bound is below the pods a load touches at once: the pods in use go past it and are
    /// never stopped under a probe, idle ones are stopped and started again. No probe is lost.
    @Test func evictionUnderTheBoundWhileProbesFlowLosesNoProbe() async throws {
        var cluster = Scenario.walkthrough()
        try cluster.scale(echoKey, replicas: 16)
        var configuration = EngineConfiguration()
        configuration.maxRunningPods = 3
        let log = EventLog()
        try await withEngine(cluster, configuration: configuration, events: log, warm: false) { engine in
            let report = try await engine.load(
                from: "curl/curl", to: "tcp-echo.tcp-demo:9000", count: 640, concurrency: 8, timeout: 30)
            #expect(report.allowed == 640 && report.errors == 0 && report.lost == 0, "\(report.firstError ?? "")")
            // Round-robin over 16 endpoints, 8 at a time: those not in flight are stopped for
            // room, those in flight carry on past the bound.
            #expect(Self.evicted(log).count > 16, "the bound made room by stopping idle pods")
            #expect(Self.started(log).contains { $0.running > 3 }, "pods in use are not stopped to keep the bound")
            #expect(!log.all.contains { if case .tunnelLost = $0.kind { true } else { false } })
            #expect(engine.state.running.leases == 0)
        }
    }

    /// One probe at a time, more pods than the bound: every pod is started, stopped for room
    /// and started again, and the running pods never pass the bound (two are in use at most:
    /// the source and the endpoint).
    @Test func aLoadThatTouchesMorePodsThanTheBoundStaysUnderIt() async throws {
        var cluster = Scenario.walkthrough()
        try cluster.scale(echoKey, replicas: 12)
        var configuration = EngineConfiguration()
        configuration.maxRunningPods = 4
        let log = EventLog()
        try await withEngine(cluster, configuration: configuration, events: log, warm: false) { engine in
            let report = try await engine.load(
                from: "curl/curl", to: "tcp-echo.tcp-demo:9000", count: 120, concurrency: 1, timeout: 30)
            #expect(report.allowed == 120 && report.lost == 0, "\(report.firstError ?? "")")
            let started = Self.started(log)
            #expect(Set(started.map(\.pod)).count == 13, "curl and all 12 replicas served")
            #expect(started.count > 13, "pods stopped for room started again")
            #expect(started.allSatisfy { $0.running <= 4 }, "\(started.map(\.running))")
            #expect(Self.evicted(log).count >= started.count - 4)
            #expect(engine.runningPodCount <= 4)
        }
    }

    /// A fault outlives the pod's stop for room: a stopped app stays stopped when its pod starts
    /// again, and a probe never brings it back.
    @Test func aStoppedAppStaysStoppedThroughEvictionAndRestart() async throws {
        var cluster = Scenario.walkthrough()
        try cluster.scale(echoKey, replicas: 3)
        var configuration = EngineConfiguration()
        configuration.maxRunningPods = 2
        let log = EventLog()
        try await withEngine(cluster, configuration: configuration, events: log, warm: false) { engine in
            let stopped = Self.echoPodKeys(cluster)[0]
            #expect(await engine.stopApp(of: stopped), "a cold pod's app can be stopped")
            var refused = 0
            var answered = 0
            for _ in 0..<12 {
                let r = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", timeout: 30)
                if r.outcome == .error {
                    refused += 1
                    #expect(r.endpointPod == stopped)
                    #expect(r.reason.contains("connection refused by pod \(stopped)"), "\(r.reason)")
                } else {
                    answered += 1
                    #expect(r.reply == "echo response: hello\n")
                }
            }
            #expect(refused == 4 && answered == 8)  // round-robin over three endpoints
            #expect(Self.started(log).filter { $0.pod == stopped }.count >= 2, "it was stopped for room and started again")
        }
    }
}
