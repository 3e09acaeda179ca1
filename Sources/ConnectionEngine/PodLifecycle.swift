import DataPlaneInterface
import MeshModel
import NIOConcurrencyHelpers
import NIOCore
import PolicyEngine

/// Pods start when a connection first needs them and stop when they have been idle longest and
/// room is needed, so what the engine holds grows with what is used, not with the cluster
/// (issue 13: starting every pod up front took 8 s at 3,000 pods and ran out of descriptors at
/// 7,000). A probe's source pod starts when it sends; an endpoint pod (its app and both
/// sidecars) when an outbound sidecar routes a connection to it, or when a pod without a
/// sidecar dials it. Verdicts are unchanged: the policy is asked exactly as before, and only
/// where it sends a connection does the pod come up.
///
/// The hook through which a handler on an event loop asks the control plane for a cold pod.
final class PodLifecycle: Sendable {
    private let control = NIOLockedValueBox<ControlPlane?>(nil)
    /// Where pods started and stopped for room are told, besides the engine's event sink
    /// (the dashboard listens here only: its log says when a pod is stopped for room).
    let events = NIOLockedValueBox<EngineEventSink?>(nil)

    func report(_ kind: EngineEvent.Kind) {
        events.withLockedValue { $0 }?(EngineEvent(connection: nil, kind: kind))
    }

    func install(_ control: ControlPlane?) {
        self.control.withLockedValue { $0 = control }
    }

    /// Where `pod` listens, leased for the caller (release it with `RunningPods.release`),
    /// starting it first if it is cold; nil when the cluster has no such pod (or the engine is
    /// stopping). Fails with `DescriptorShortage` when its listeners do not fit.
    func acquire(_ pod: ObjectKey, on loop: EventLoop) -> EventLoopFuture<PodAddresses?> {
        guard let control = control.withLockedValue({ $0 }) else { return loop.makeSucceededFuture(nil) }
        let promise = loop.makePromise(of: PodAddresses?.self)
        // On the engine's own executor: a cold pod starts however busy Swift's shared pool is.
        Task(executorPreference: DedicatedExecutor.control) {
            do {
                promise.succeed(try await control.acquire(pod))
            } catch {
                promise.fail(error)
            }
        }
        return promise.futureResult
    }
}

extension ControlPlane {
    /// Where `pod` listens, with a lease on it (see `RunningPods`): at once when it runs,
    /// else after starting it, having first stopped the least recently used idle pod when
    /// `EngineConfiguration.runningPodBound` pods run already. nil: no such pod in the cluster.
    func acquire(_ pod: ObjectKey) async throws -> PodAddresses? {
        while true {
            if let addresses = state.running.lease(pod) { return addresses }
            guard !stopping, let shape = shape(of: pod) else { return nil }
            if starting[pod] == nil {
                let bound = state.configuration.runningPodBound(descriptorLimit: state.descriptors.limit)
                // Room first; the world may change while a pod stops, so look again after.
                if runtimes.count + starting.count >= bound, await evictLeastRecentlyUsed(bound: bound) { continue }
                let withApp = !appStopped.contains(pod)
                var listening = shape
                if !withApp { listening.appPorts = [] }
                try checkDescriptors(for: [listening])
                starting[pod] = Task(executorPreference: DedicatedExecutor.control) {
                    try await self.start(pod, shape, withApp: withApp)
                }
            }
            // Whoever asked first started it; everyone waits for that start, then leases it.
            // (The start registers the pod before it ends, so the lease below finds it.)
            try await starting[pod]!.value
        }
    }

    /// Starts one pod and, unless the cluster changed or a fault stopped its app meanwhile,
    /// makes it the running one: its addresses published, a `podStarted` event.
    private func start(_ pod: ObjectKey, _ shape: PodShape, withApp: Bool) async throws {
        defer { starting[pod] = nil }
        let began = NIODeadline.now()
        let runtime: PodRuntime
        do {
            runtime = try await PodRuntime.start(
                shape, group: group, placement: placement(shape), state: state, withApp: withApp)
        } catch {
            throw DescriptorShortage.from(error, pods: 1, state: state) ?? error
        }
        guard !stopping, self.shape(of: pod) == shape, appStopped.contains(pod) == !withApp else {
            await runtime.stop()
            return
        }
        runtimes[pod] = runtime
        state.running.insert(pod, addresses: runtime.addresses, leased: false)
        state.current = Dataplane(policy: state.current.policy, pods: runtimes.mapValues(\.addresses))
        let seconds = Double(NIODeadline.now().uptimeNanoseconds - began.uptimeNanoseconds) / 1e9
        let event = EngineEvent.Kind.podStarted(pod: pod, seconds: seconds, running: runtimes.count)
        state.emit(nil, event)
        state.lifecycle.report(event)
    }

    /// Stops the running pod that was used least recently and that no connection uses now;
    /// false when every running pod is in use (the new one then starts beyond the bound).
    private func evictLeastRecentlyUsed(bound: Int) async -> Bool {
        guard let (victim, lastUse) = state.running.takeLeastRecentlyUsedIdle() else { return false }
        guard let runtime = runtimes.removeValue(forKey: victim) else { return true }
        state.current = Dataplane(policy: state.current.policy, pods: runtimes.mapValues(\.addresses))
        await stopTunnels(to: victim)
        await runtime.stop()
        let idle = Double(NIODeadline.now().uptimeNanoseconds - lastUse.uptimeNanoseconds) / 1e9
        let event = EngineEvent.Kind.podEvicted(pod: victim, idleSeconds: idle, running: runtimes.count, bound: bound)
        state.emit(nil, event)
        state.lifecycle.report(event)
        return true
    }

    /// Closes the tunnels other pods' outbound sidecars keep to `pod`, before it stops, so no
    /// pool hands a new stream to a tunnel whose far end is going (it carries none: the pod is
    /// idle), and one that reaches a restarted pod dials a fresh one.
    func stopTunnels(to pod: ObjectKey) async {
        for tunnel in state.openTunnels where tunnel.to == pod { try? await tunnel.channel.close() }
    }

    /// Starts `pods` (every pod of the cluster when nil) and leaves them running (idle, so
    /// still under the bound): for tests, benchmarks and `_cleanup-check`, which dial pods'
    /// listeners themselves.
    func startPods(_ pods: [ObjectKey]?) async throws {
        for pod in pods ?? cluster.pods().map(\.key) where try await acquire(pod) != nil {
            state.running.release(pod)
        }
    }
}
