import DataPlaneInterface
import Foundation
import MeshDeckTestSupport
import MeshModel
import Testing

@testable import ConnectionEngine

/// A cluster with more pods than the process has descriptors for starts: pods start on use,
/// under a bound derived from the descriptors (`runningPodBound`). Starting every pod up front
/// used to run out half-way and trap in libdispatch, and later refused to start at all.
@Suite struct EngineStartTests {
    @Test func morePodsThanDescriptorsStartAndAnswerOnUse() async throws {
        let limit = DescriptorGuard.currentLimit()
        // Three listeners a pod (app, inbound and outbound sidecar): a third of the limit and
        // more could never all run. (Skipped where the limit is so high the cluster is huge.)
        guard limit <= 100_000 else { return }
        // Thousands of pods: built on a GCD thread, off the two of Swift's pool.
        let cluster = await offPool {
            var cluster = Scenario.walkthrough()
            try? cluster.scale(echoKey, replicas: limit / 3 + 10)
            return cluster
        }
        let engine = try await MeshEngine.start(cluster)
        // A long timeout: the suite's other tests can hold the concurrency pool the start uses.
        let r = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", timeout: 30)
        #expect(r.outcome == .allowed, "\(r.reason)")
        #expect(engine.runningPodCount == 2, "the source and one endpoint, not \(limit / 3 + 10) replicas")
        #expect(engine.configuration.runningPodBound(descriptorLimit: limit) * 3 < limit)
        try await engine.shutdown()
    }

    @Test func theStartCheckCountsEveryListener() {
        let shortage = DescriptorShortage(pods: 7001, needed: 21_003, free: 19_900, limit: 20_000, reserve: 256)
        #expect(
            shortage.description
                == "starting 7001 pods needs 21003 file descriptors for its listeners, but only 19900 of this process's limit of 20000 (ulimit -n) are free, and 256 stay in reserve for connections and the runtime; run fewer pods (replicas) or raise ulimit -n"
        )
    }
}
