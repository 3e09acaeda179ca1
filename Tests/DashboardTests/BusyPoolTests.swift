import ConnectionEngine
import Dashboard
import Foundation
import MeshModel
import Testing

/// A probe from the dashboard is answered even while every thread of Swift's shared pool is
/// busy, as it is during a big `load`, a big manifest read, or a full test run: the dashboard's
/// effects and the engine's pod starts run on executors of their own (DedicatedExecutor). Before
/// them, a stall dump of the suite showed a dashboard probe "1 in flight" for 45 s behind other
/// tests' work.
@Suite struct BusyPoolTests {
    @Test func aProbeIsAnsweredWhileSwiftsSharedPoolIsHeld() async throws {
        let cluster = Scenario.walkthrough()
        let engine = try await MeshEngine.start(cluster)
        let hog = PoolHog()
        let backend = TestBackend(
            script: [
                .waitFor("PERMISSIVE"),
                .run { hog.hold() },
                .key(.enter), .waitFor("echo response: hello"),
                .run { hog.release() },
                .key(.character("q")),
            ], timeout: 120)
        let app = DashboardApp(backend: backend, cluster: cluster, engine: engine)
        _ = await app.runOnDedicatedThread()
        hog.release()
        try await engine.shutdown()
        #expect(backend.failure == nil, "\(backend.failure ?? "")")
        #expect(hog.heldEveryThread, "the pool was never full, so this run proves nothing")
        #expect(!hog.timedOut, "the probe waited until Swift's shared pool was free again")
    }
}

/// Holds every thread of Swift's shared pool (`DispatchQueue.global()` is that pool on Linux)
/// until released, or for at most `patience`.
private final class PoolHog: @unchecked Sendable {
    private let condition = NSCondition()
    private var holding = 0
    private var released = false
    private(set) var timedOut = false
    private(set) var heldEveryThread = false
    private let patience: TimeInterval = 15

    /// Returns once as many hog jobs run as the machine has cores (or after 60 s of a queue
    /// full of other tests' work).
    func hold() {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        for _ in 0..<(cores * 4) {
            DispatchQueue.global().async { self.occupy() }
        }
        condition.lock()
        let giveUp = Date().addingTimeInterval(60)
        while holding < cores, condition.wait(until: giveUp) {}
        heldEveryThread = holding >= cores
        condition.unlock()
    }

    /// Spins rather than sleeps: libdispatch's monitor adds threads to a pool whose threads
    /// are blocked, but not to one whose threads are running, as test bodies and decodes are.
    private func occupy() {
        condition.lock()
        guard !released else {
            condition.unlock()
            return
        }
        holding += 1
        condition.broadcast()
        condition.unlock()
        let deadline = Date().addingTimeInterval(patience)
        while true {
            condition.lock()
            let done = released
            if !done, Date() > deadline {
                timedOut = true
                released = true
            }
            condition.unlock()
            if done || timedOut { return }
        }
    }

    func release() {
        condition.lock()
        released = true
        condition.broadcast()
        condition.unlock()
    }
}
