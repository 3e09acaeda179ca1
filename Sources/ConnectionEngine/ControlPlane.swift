import DataPlaneInterface
import MeshModel
import NIOCore
import PolicyEngine

/// Keeps the running pods in step with the cluster. An actor: changes come one at a time,
/// while connections keep flowing on the event loops.
actor ControlPlane {
    private var runtimes: [ObjectKey: PodRuntime] = [:]
    private let group: EventLoopGroup
    private let loops: [EventLoop]
    private var nextLoop = 0
    private let state: EngineState

    init(group: EventLoopGroup, state: EngineState) {
        self.group = group
        self.loops = Array(group.makeIterator())
        self.state = state
    }

    /// Where a new pod's app and sidecars run (see `LoopPlacement`).
    private func placement(_ shape: PodShape) -> PodRuntime.Placement {
        switch state.configuration.placement {
        case .spread:
            return .init(app: group, sidecars: group)
        case .worker:
            return .init(app: group, sidecars: group, everyLoop: true)
        case .pod:
            defer { nextLoop += 1 }
            let loop = loops[nextLoop % loops.count]
            return .init(app: loop, sidecars: loop)
        case .container:
            // Sidecars round robin over the first half of the loops, apps over the rest.
            let sidecarLoops = max(1, (loops.count + 1) / 2)
            let appLoops = loops.count - sidecarLoops
            defer { nextLoop += 1 }
            let sidecars = loops[nextLoop % sidecarLoops]
            let app = appLoops > 0 ? loops[sidecarLoops + nextLoop % appLoops] : sidecars
            return .init(app: app, sidecars: sidecars)
        }
    }

    /// Starts pods that appeared or changed shape (a sidecar injected, an app added), publishes
    /// the new policy with their addresses, then stops the pods that went away. Open
    /// connections are re-decided against the new policy.
    /// `policy`: the cluster already compiled; nil brings the running index to `cluster`
    /// (incrementally when only policy changed: `PolicyIndex.update(to:)`).
    func reconcile(_ cluster: Cluster, policy: PolicyIndex? = nil) async throws {
        var desired = Dictionary(cluster.pods().map { ($0.key, PodShape($0)) }, uniquingKeysWith: { a, _ in a })
        desired[PolicyIndex.internetPod] = .internet
        var next: [ObjectKey: PodRuntime] = [:]
        var retired: [PodRuntime] = []
        for (key, runtime) in runtimes {
            if desired[key] == runtime.shape { next[key] = runtime } else { retired.append(runtime) }
        }
        let missing = desired.filter { next[$0.key] == nil }.map(\.value).sorted { $0.pod < $1.pod }
        try checkDescriptors(for: missing)
        // Every start is awaited, the failed ones too, so that on a failure each listener that
        // did come up is closed again (a thrown error would leave the rest of the group's
        // results, and their sockets, behind).
        var failure: Error?
        await withTaskGroup(of: Result<PodRuntime, Error>.self) { tasks in
            for shape in missing {
                let placement = placement(shape)
                tasks.addTask { [group, state] in
                    do {
                        return .success(try await PodRuntime.start(shape, group: group, placement: placement, state: state))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            for await result in tasks {
                switch result {
                case .success(let runtime): next[runtime.shape.pod] = runtime
                case .failure(let error): failure = failure ?? error
                }
            }
        }
        if let failure {
            for (key, runtime) in next where runtimes[key] == nil { await runtime.stop() }
            throw DescriptorShortage.from(failure, pods: missing.count, state: state) ?? failure
        }
        state.current = Dataplane(
            policy: policy ?? state.current.policy.updated(to: cluster), pods: next.mapValues(\.addresses))
        runtimes = next
        for runtime in retired {
            await runtime.stop()
            state.emit(nil, .stopped(pod: runtime.shape.pod, role: "pod"))
        }
        state.redecideOpenConnections()
    }

    /// Listeners the pods need (app, inbound and outbound sidecar; once per event loop with
    /// `LoopPlacement.worker`), checked against the descriptors free before any is opened:
    /// running out half-way used to leave the process at its limit, where libdispatch traps.
    private func checkDescriptors(for shapes: [PodShape]) throws {
        let perLoop = state.configuration.placement == .worker ? loops.count : 1
        // One listener per port the pod's servers listen on, and two for its sidecars.
        let needed = shapes.reduce(0) { total, shape in
            total + (shape.appPorts.count + (shape.sidecar ? 2 : 0)) * perLoop
        }
        guard needed > 0 else { return }
        let descriptors = state.descriptors
        let free = descriptors.limit - DescriptorGuard.openNow()
        if needed > free - descriptors.reserve {
            throw DescriptorShortage(
                pods: shapes.count, needed: needed, free: free, limit: descriptors.limit, reserve: descriptors.reserve)
        }
    }

    /// A fault for tests and demos: the app of one pod stops listening (as if it crashed);
    /// its sidecar keeps running, so connections to it are refused.
    func stopApp(of pod: ObjectKey) async -> Bool {
        guard let runtime = runtimes[pod] else { return false }
        // The sidecars learn first that the app is gone, then its listener closes: a stream
        // opened meanwhile is refused by name, never sent to the freed port (which the kernel
        // may give to some other listener at once).
        runtime.forgetApp()
        state.current = Dataplane(policy: state.current.policy, pods: runtimes.mapValues(\.addresses))
        await runtime.stop(role: "app")
        state.emit(nil, .stopped(pod: pod, role: "app"))
        return true
    }

    /// Connections every pod holds and the bytes they keep.
    func holdings() async -> (connections: Int, bytes: Int, largest: Int) {
        var total = (connections: 0, bytes: 0, largest: 0)
        for runtime in runtimes.values {
            let h = await runtime.holdings()
            total = (total.connections + h.connections, total.bytes + h.bytes, max(total.largest, h.largest))
        }
        return total
    }

    func stopAll() async {
        for runtime in runtimes.values { await runtime.stop() }
        runtimes = [:]
    }
}
