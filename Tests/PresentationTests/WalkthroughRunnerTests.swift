import ConnectionEngine
import DataPlaneInterface
import Foundation
import MeshModel
import Testing

@testable import Presentation

/// The walkthrough performed for real: cluster changes in the model, probes through the data
/// plane; and undone, step by step.
@Suite struct WalkthroughRunnerTests {
    @Test func everyStepGivesItsExpectedResultStartingFromBeforeStepOne() async throws {
        let walkthrough = try WalkthroughLoader.builtin(.en)
        let runner = try await WalkthroughRunner.start(walkthrough) { try await MeshEngine.start($0) }
        let before = await runner.cluster
        #expect(before.namespaces["osm-system"] != nil && before.meshConfig != nil)
        #expect(before.namespaces["tcp-demo"] == nil && before.namespaces["curl"] == nil)
        let outcomes = try await runner.runAll()
        let cluster = await runner.cluster
        try await runner.shutdown()

        #expect(outcomes.count == walkthrough.steps.count)
        for outcome in outcomes {
            #expect(outcome.matches, "step \(outcome.index + 1) \(outcome.step.id): \(outcome.mismatch ?? "")")
        }
        #expect(cluster.namespaces["tcp-demo"]?.isMonitored == true)
        #expect(cluster.trafficTargets.count == 1 && !cluster.isPermissive)
        // The table is the model's: its real ClusterIP and pod name.
        let service = try #require(cluster.services[ObjectKey(namespace: "tcp-demo", name: "tcp-echo")])
        let pod = try #require(cluster.pods(in: "tcp-demo").first)
        let get = outcomes.first { $0.step.id == "check-tcp-echo" }?.output ?? []
        #expect(get.contains { $0.hasPrefix("service/tcp-echo") && $0.contains(service.clusterIP ?? "?") })
        #expect(get.contains { $0.hasPrefix("pod/\(pod.name) ") })
        // The probes went through the sidecars to the echo server, or were stopped by them.
        let probes = outcomes.compactMap(\.probe)
        #expect(probes.map(\.outcome) == [.allowed, .denied, .allowed])
        #expect(probes.allSatisfy { $0.latencies.total > 0 })
        #expect(probes[0].endpointPod == pod.key)
        #expect(probes[1].verdict?.point == .serverSidecar)
    }

    @Test func backUndoesAStepInTheClusterAndTheDataPlane() async throws {
        let walkthrough = try WalkthroughLoader.builtin(.en)
        let engine = try await MeshEngine.start(Scenario.walkthrough())
        let runner = try await WalkthroughRunner.attach(walkthrough, to: engine)
        #expect(engine.pods.isEmpty, "attach resets the data plane to the cluster before step 1")
        let start = await runner.cluster
        _ = try await runner.runAll()
        let probe = { try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000").outcome }
        #expect(try await probe() == .allowed)

        #expect(try await runner.back()?.id == "probe-smi")
        #expect(try await runner.back()?.id == "apply-smi-policy")
        #expect(await runner.cluster.trafficTargets.isEmpty)
        #expect(try await probe() == .denied, "the data plane forgot the policy with the cluster")
        #expect(try await runner.back()?.id == "probe-denied")
        #expect(try await runner.back()?.id == "permissive-off")
        #expect(await runner.cluster.isPermissive)
        #expect(try await probe() == .allowed)

        // Forward again: the steps are performed anew, against the restored cluster.
        let again = try #require(try await runner.next())
        #expect(again.step.id == "permissive-off")
        #expect(again.output == ["meshconfig.config.openservicemesh.io/osm-mesh-config patched"])
        #expect(try await runner.next()?.output == ["command terminated with exit code 1"])

        // All the way back: before step 1, so step 1 creates tcp-demo again.
        while try await runner.back() != nil {}
        #expect(await runner.cluster == start)
        #expect(engine.pods.isEmpty)
        #expect(try await runner.next()?.output == ["namespace/tcp-demo created"])
        try await runner.shutdown()
        #expect(engine.pods.isEmpty, "the runner leaves an engine it did not start running")
        try await engine.shutdown()
    }

    @Test func anUnexpectedResultIsReportedNotHidden() async throws {
        var walkthrough = try WalkthroughLoader.builtin(.en)
        // As if the guide's slip were the expectation.
        let index = try #require(walkthrough.steps.firstIndex { $0.id == "probe-permissive" })
        walkthrough.steps[index].expect = .output(["echo response: echo"])
        let runner = try await WalkthroughRunner.start(walkthrough) { try await MeshEngine.start($0) }
        let outcomes = try await runner.runAll()
        try await runner.shutdown()
        #expect(outcomes.count == walkthrough.steps.count, "the steps after it still run")
        #expect(outcomes.filter { !$0.matches }.map(\.step.id) == ["probe-permissive"])
        #expect(outcomes[index].mismatch == "expected \"echo response: echo\", got \"echo response: hello\"")
    }

    @Test func aRefusedCommandPrintsWhatKubectlWouldAndChangesNothing() {
        var cluster = Scenario.freshInstall()
        let created = WalkthroughAction.createNamespace("tcp-demo").perform(on: &cluster)
        #expect(created == .output(["namespace/tcp-demo created"]))
        let revision = cluster.revision
        let again = WalkthroughAction.createNamespace("tcp-demo").perform(on: &cluster)
        #expect(again == .output(["Error from server (AlreadyExists): namespaces \"tcp-demo\" already exists"]))
        let added = WalkthroughAction.addToMesh("nowhere").perform(on: &cluster)
        #expect(added == .output(["Error: Could not label namespace [nowhere]: namespaces \"nowhere\" not found"]))
        guard case .output(let lines) = WalkthroughAction.apply(manifest: "curl", namespace: "curl").perform(on: &cluster) else {
            Issue.record("apply gave a probe")
            return
        }
        #expect(lines.first?.contains("namespaces \"curl\" not found") == true, "\(lines)")
        let listed = WalkthroughAction.get(resources: "pods", namespace: "curl").perform(on: &cluster)
        #expect(listed == .output(["No resources found in curl namespace."]))
        #expect(cluster.revision == revision)
    }
}

/// The pure part the dashboard's reducer will drive: no sockets, the probe handed back.
@Suite struct WalkthroughProgressTests {
    func probeResult(_ outcome: ProbeResult.Outcome, reply: String) -> ProbeResult {
        ProbeResult(
            outcome: outcome, connection: 1, from: "curl/curl", to: "tcp-echo.tcp-demo:9000", reply: reply,
            verdict: nil, reason: "", clientError: outcome == .allowed ? nil : "command terminated with exit code 1",
            latencies: Latencies(connect: nil, firstByte: nil, total: 0.001), endpointPod: nil)
    }

    @Test func stepsChangeTheCallersClusterAndHandBackTheProbe() throws {
        var progress = WalkthroughProgress(try WalkthroughLoader.builtin(.en))
        var cluster = WalkthroughProgress.startingCluster()
        let start = cluster
        for _ in 0..<9 {
            guard case .finished(let outcome)? = progress.performNext(on: &cluster) else {
                Issue.record("a step before the first probe asked for one")
                return
            }
            #expect(outcome.matches, "\(outcome.step.id): \(outcome.mismatch ?? "")")
        }
        #expect(cluster.pods().count == 2)
        guard case .awaitingProbe(let request)? = progress.performNext(on: &cluster) else {
            Issue.record("step 10 did not ask for its probe")
            return
        }
        #expect(request == ProbeRequest(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", message: "hello"))
        let meanwhile = progress.performNext(on: &cluster)
        #expect(meanwhile == nil, "no next step while the probe is awaited")
        let completed = progress.completeProbe(probeResult(.allowed, reply: "echo response: hello\n"))
        let outcome = try #require(completed)
        #expect(outcome.matches && outcome.output == ["echo response: hello"])
        let late = progress.completeProbe(probeResult(.allowed, reply: "late"))
        #expect(late == nil)

        // Undo while a probe is awaited abandons it; its late result is dropped.
        _ = progress.performNext(on: &cluster)  // permissive off
        guard case .awaitingProbe? = progress.performNext(on: &cluster) else {
            Issue.record("step 12 did not ask for its probe")
            return
        }
        let undone = progress.undo(on: &cluster)
        #expect(undone?.id == "probe-denied")
        let dropped = progress.completeProbe(probeResult(.denied, reply: ""))
        #expect(dropped == nil)
        #expect(progress.currentStep?.id == "probe-denied")
        while progress.undo(on: &cluster) != nil {}
        #expect(cluster == start)
        #expect(progress.outcomes.isEmpty && progress.currentIndex == 0)
    }

    @Test func aWrongReplyIsAMismatch() throws {
        var progress = WalkthroughProgress(try WalkthroughLoader.builtin(.en))
        var cluster = WalkthroughProgress.startingCluster()
        while case .finished? = progress.performNext(on: &cluster) {}
        let completed = progress.completeProbe(probeResult(.denied, reply: ""))
        let outcome = try #require(completed)
        #expect(outcome.mismatch == "expected \"echo response: hello\", got \"command terminated with exit code 1\"")
        let allMatch = progress.allMatch
        #expect(!allMatch)
    }
}

extension WalkthroughAction.Result: CustomTestStringConvertible {
    public var testDescription: String {
        switch self {
        case .output(let lines): return lines.joined(separator: "\n")
        case .probe(let p): return "probe \(p.from) -> \(p.to)"
        }
    }
}
