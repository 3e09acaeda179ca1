import DataPlaneInterface
import Foundation
import MeshModel
import PolicyEngine

/// Performs a walkthrough for real: a `WalkthroughProgress`, a cluster and a data plane kept in
/// step with it. Each step changes the cluster, brings the engine up to date, and for a probe
/// sends real bytes through the sidecars. `back()` undoes a step and re-syncs the engine.
/// Used by `meshdeck walkthrough`; the dashboard can drive one from its effects too.
package actor WalkthroughRunner {
    private(set) var progress: WalkthroughProgress
    private(set) var cluster: Cluster
    private let engine: any MeshDataPlane
    private let ownsEngine: Bool

    /// Starts a data plane of its own for the cluster before step 1, with `startDataPlane`
    /// (the CLI passes `MeshEngine.start`). Call `shutdown()` when done.
    package static func start(
        _ walkthrough: Walkthrough, now: Date = Date(),
        startDataPlane: @Sendable (Cluster) async throws -> any MeshDataPlane
    ) async throws -> WalkthroughRunner {
        let cluster = WalkthroughProgress.startingCluster(now: now)
        let engine = try await startDataPlane(cluster)
        return WalkthroughRunner(walkthrough, cluster: cluster, engine: engine, ownsEngine: true)
    }

    /// Drives `engine`, which the caller owns (and shuts down), after resetting it to the cluster
    /// before step 1.
    static func attach(
        _ walkthrough: Walkthrough, to engine: any MeshDataPlane, now: Date = Date()
    ) async throws -> WalkthroughRunner {
        let cluster = WalkthroughProgress.startingCluster(now: now)
        try await engine.update(cluster)
        return WalkthroughRunner(walkthrough, cluster: cluster, engine: engine, ownsEngine: false)
    }

    private init(_ walkthrough: Walkthrough, cluster: Cluster, engine: any MeshDataPlane, ownsEngine: Bool) {
        self.progress = WalkthroughProgress(walkthrough)
        self.cluster = cluster
        self.engine = engine
        self.ownsEngine = ownsEngine
    }

    /// Performs the next step; nil when every step is done.
    func next(now: Date = Date()) async throws -> StepOutcome? {
        guard let start = progress.performNext(on: &cluster, now: now) else { return nil }
        try await engine.update(cluster)
        switch start {
        case .finished(let outcome):
            return outcome
        case .awaitingProbe(let request):
            do throws(QueryError) {
                let result = try await engine.probe(from: request.from, to: request.to, message: request.message)
                return progress.completeProbe(result)
            } catch {
                return progress.failProbe(error.description)
            }
        }
    }

    /// Performs every remaining step, in order, even after one gave an unexpected result (the
    /// transcript then shows what followed from it).
    package func runAll(now: @Sendable () -> Date = { Date() }) async throws -> [StepOutcome] {
        while try await next(now: now()) != nil {}
        return progress.outcomes
    }

    /// Undoes the last step: the cluster and the data plane go back to before it. Returns the
    /// step undone, nil at the start.
    @discardableResult
    func back() async throws -> WalkthroughStep? {
        guard let step = progress.undo(on: &cluster) else { return nil }
        try await engine.update(cluster)
        return step
    }

    /// Stops the data plane if this runner started it.
    package func shutdown() async throws {
        if ownsEngine { try await engine.shutdown() }
    }
}
