import DataPlaneInterface
import MeshModel
import NIOCore
import PolicyEngine

/// Keeps the running pods in step with the cluster. An actor: changes come one at a time,
/// while connections keep flowing on the event loops.
actor ControlPlane {
    /// The pods running now (their listeners up); the cluster's other pods are cold.
    var runtimes: [ObjectKey: PodRuntime] = [:]
    /// The cluster the pods come from. A pod's shape is derived when it is needed (`shape(of:)`),
    /// not for every pod at each change: a change costs what runs, not the cluster's size.
    private(set) var cluster = Cluster.empty()
    /// Pods being started now, so two connections that need one start it once.
    var starting: [ObjectKey: Task<Void, Error>] = [:]
    /// Pods whose app a fault stopped: it stays stopped when the pod is stopped for room and
    /// started again (only a new pod, or a changed one, has its app back), with the shape it
    /// had then.
    var appStopped: Set<ObjectKey> = []
    var stoppedShapes: [ObjectKey: PodShape] = [:]
    /// Set by `stopAll`: nothing starts any more.
    var stopping = false
    let group: EventLoopGroup
    let loops: [EventLoop]
    private var nextLoop = 0
    let state: EngineState

    init(group: EventLoopGroup, state: EngineState) {
        self.group = group
        self.loops = Array(group.makeIterator())
        self.state = state
    }

    /// What `pod` runs in the current cluster; nil when the cluster has no such pod. The
    /// internet's stand-in is a pod of the engine's own, started on use like the rest.
    func shape(of pod: ObjectKey) -> PodShape? {
        pod == PolicyIndex.internetPod ? .internet : cluster.pod(pod).map(PodShape.init)
    }

    /// Where a new pod's app and sidecars run (see `LoopPlacement`).
    func placement(_ shape: PodShape) -> PodRuntime.Placement {
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

    /// Takes in a changed cluster: publishes the new policy, stops the running pods that went
    /// away or changed shape (a sidecar injected, an app added; they start again on use, as
    /// the new pod), and re-decides open connections against the new policy. Starts nothing:
    /// pods start when a connection first needs them (`acquire`).
    /// `policy`: the cluster already compiled; nil brings the running index to `cluster`
    /// (incrementally when only policy changed: `PolicyIndex.update(to:)`).
    func reconcile(_ cluster: Cluster, policy: PolicyIndex? = nil) async throws {
        self.cluster = cluster
        var retired: [PodRuntime] = []
        for (key, runtime) in runtimes where shape(of: key) != runtime.shape {
            retired.append(runtime)
            runtimes[key] = nil
            state.running.remove(key)
        }
        appStopped = appStopped.filter { stoppedShapes[$0] == shape(of: $0) }
        stoppedShapes = stoppedShapes.filter { appStopped.contains($0.key) }
        state.current = Dataplane(
            policy: policy ?? state.current.policy.updated(to: cluster), pods: runtimes.mapValues(\.addresses))
        for runtime in retired {
            await stopTunnels(to: runtime.shape.pod)
            await runtime.stop()
            state.emit(nil, .stopped(pod: runtime.shape.pod, role: "pod"))
        }
        state.redecideOpenConnections()
    }

    /// Listeners the pods need (app, inbound and outbound sidecar; once per event loop with
    /// `LoopPlacement.worker`), checked against the descriptors free before any is opened:
    /// running out half-way used to leave the process at its limit, where libdispatch traps.
    func checkDescriptors(for shapes: [PodShape]) throws {
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
        guard let shape = shape(of: pod) else { return false }
        appStopped.insert(pod)
        stoppedShapes[pod] = shape
        guard let runtime = runtimes[pod] else {
            // Cold: when it starts, it starts without its app.
            state.emit(nil, .stopped(pod: pod, role: "app"))
            return true
        }
        // The sidecars learn first that the app is gone, then its listener closes: a stream
        // opened meanwhile is refused by name, never sent to the freed port (which the kernel
        // may give to some other listener at once).
        runtime.forgetApp()
        state.running.update(pod, addresses: runtime.addresses)
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
        stopping = true
        state.lifecycle.install(nil)
        for task in starting.values { _ = try? await task.value }
        for (key, runtime) in runtimes {
            state.running.remove(key)
            await runtime.stop()
        }
        runtimes = [:]
    }
}
