import DataPlaneInterface
import Foundation
import MeshDeckTestSupport
import MeshModel
import Testing

@testable import ConnectionEngine

/// Starting more pods than the process has descriptors for is a clean error that names the
/// limit, found before any listener opens; it used to run out half-way and trap in libdispatch.
@Suite struct EngineStartTests {
    @Test func morePodsThanDescriptorsIsACleanErrorNamingTheLimit() async throws {
        let limit = DescriptorGuard.currentLimit()
        // Three listeners a pod (app, inbound and outbound sidecar): a third of the limit and
        // more cannot start. (Skipped where the limit is so high the cluster itself is huge.)
        guard limit <= 100_000 else { return }
        // Thousands of pods: built on a GCD thread, off the two of Swift's pool.
        let cluster = await offPool {
            var cluster = Scenario.walkthrough()
            try? cluster.scale(echoKey, replicas: limit / 3 + 10)
            return cluster
        }
        do {
            _ = try await MeshEngine.start(cluster)
            Issue.record("started \(limit / 3 + 10) pods with \(limit) descriptors")
        } catch let error as DescriptorShortage {
            #expect(error.description.contains("of this process's limit of \(limit) (ulimit -n)"), "\(error)")
            #expect(error.description.contains("run fewer pods (replicas) or raise ulimit -n"))
            // Counted before any listener opened (not found by running out): every pod's three,
            // and the one of the internet's stand-in.
            #expect(error.needed == (limit / 3 + 10) * 3 + 2 + 1, "\(error)")
        }
    }

    @Test func theStartCheckCountsEveryListener() {
        let shortage = DescriptorShortage(pods: 7001, needed: 21_003, free: 19_900, limit: 20_000, reserve: 256)
        #expect(
            shortage.description
                == "starting 7001 pods needs 21003 file descriptors for its listeners, but only 19900 of this process's limit of 20000 (ulimit -n) are free, and 256 stay in reserve for connections and the runtime; run fewer pods (replicas) or raise ulimit -n"
        )
    }
}
