import MeshModel
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// What the data plane runs for one pod: the echo app if the pod runs OSM's tcp-echo-server,
/// and an inbound and an outbound sidecar if the pod has a sidecar.
struct PodShape: Sendable, Equatable {
    var pod: ObjectKey
    var workload: ObjectKey
    var identity: ObjectKey
    /// The ports the pod's echo servers say they listen on (`--port 9000`), one per
    /// tcp-echo-server container: `Pod.listeningPorts`, which explain reads too.
    var appPorts: [Int]
    var sidecar: Bool

    init(_ pod: Pod) {
        self.pod = pod.key
        self.workload = ObjectKey(namespace: pod.namespace, name: pod.deployment)
        self.identity = ObjectKey(namespace: pod.namespace, name: pod.serviceAccount)
        self.appPorts = pod.listeningPorts
        self.sidecar = pod.hasSidecar
    }
}

/// The listeners of one pod, all on 127.0.0.1 with ephemeral ports, and every connection they
/// accepted or dialed, so stopping a pod ends its connections as deleting a real pod does.
final class PodRuntime: Sendable {
    let shape: PodShape
    /// Where the pod listens as started; `addresses` leaves out what was stopped since.
    private let started: PodAddresses
    private let appStopped = NIOLockedValueBox(false)
    private let listeners: NIOLockedValueBox<[String: Channel]>
    /// The pod's connections and their timeouts, per event loop.
    private let connections: PerLoop<LoopConnections>
    /// The inbound sidecar's connections to the app (spares among them).
    private let apps: AppConnectionPools?
    /// Where the guarded listeners are known (see `DialedRegistry`), until they stop.
    private let registry: DialedRegistry

    private init(
        shape: PodShape, addresses: PodAddresses, listeners: [String: Channel],
        connections: PerLoop<LoopConnections>, apps: AppConnectionPools?, registry: DialedRegistry
    ) {
        self.registry = registry
        self.shape = shape
        self.started = addresses
        self.listeners = NIOLockedValueBox(listeners)
        self.connections = connections
        self.apps = apps
    }

    /// Where the pod listens now: once its app is stopped, the app's ports are gone from it,
    /// so a sidecar refuses by name instead of dialing an address that another listener may
    /// have been given since (ports are ephemeral and the kernel reuses them).
    var addresses: PodAddresses {
        guard appStopped.withLockedValue({ $0 }) else { return started }
        var now = started
        now.app = [:]
        now.appOnLoop = [:]
        return now
    }

    /// The loops a pod's listeners accept onto (a single loop, or the whole group).
    struct Placement: Sendable {
        var app: EventLoopGroup
        var sidecars: EventLoopGroup
        /// Every listener once per loop of `sidecars` (`LoopPlacement.worker`): a connection
        /// stays on the loop that accepted it, through the tunnel and on to the app.
        var everyLoop = false
    }

    /// One listener per loop of a group, or one for the group; the first is the one others
    /// (events, pods without a sidecar, the benchmark's direct path) are told about.
    private struct Listening {
        var channels: [Channel] = []
        var first: SocketAddress? { channels.first?.localAddress }

        /// Loop → address, when there is one listener per loop.
        var byLoop: [ObjectIdentifier: SocketAddress] {
            guard channels.count > 1 else { return [:] }
            var map: [ObjectIdentifier: SocketAddress] = [:]
            for channel in channels { map[ObjectIdentifier(channel.eventLoop)] = channel.localAddress }
            return map
        }
    }

    /// - Parameters:
    ///   - group: the engine's group: the pod's tables exist on every loop of it.
    ///   - placement: where its listeners run.
    ///   - withApp: false for a pod whose app a fault stopped: it stays stopped when the pod
    ///     starts again (only its sidecars listen).
    static func start(
        _ shape: PodShape, group: EventLoopGroup, placement: Placement, state: EngineState, withApp: Bool = true
    ) async throws -> PodRuntime {
        let config = state.configuration
        let connections = PerLoop(group) {
            LoopConnections(
                loop: $0, headerSeconds: config.headerTimeoutSeconds, idleSeconds: config.idleTimeoutSeconds,
                lifetimeSeconds: config.maxConnectionSeconds, state: state, pod: shape.pod)
        }
        // Tunnels belong to the pod like what it accepts: stopping the pod closes them. Their
        // peers time them out, so no timeouts here.
        let dialed: @Sendable (Channel) -> Void = { channel in
            _ = try? connections.on(channel.eventLoop).watch(channel, timed: false)
        }
        var listeners: [String: Channel] = [:]
        var addresses = PodAddresses(app: [:], inbound: nil, outbound: nil)
        if shape.sidecar { addresses.identity = shape.identity }
        var apps: AppConnectionPools?
        let pod = shape.pod
        let loops: [EventLoopGroup] = placement.everyLoop ? Array(group.makeIterator()) : []
        /// Listens for `role` where the placement says: on `single`, or once on every loop.
        /// `sharedPort`: every loop's listener on one port (SO_REUSEPORT; the kernel spreads
        /// connections over them), for the outbound sidecar, which the pod's app dials at one
        /// address; otherwise each loop's listener has its own port, which a sidecar picks by
        /// its own loop.
        func listenEverywhere(
            _ role: String, on single: EventLoopGroup, sharedPort: Bool = false,
            recvAllocator: AdaptiveRecvByteBufferAllocator = AdaptiveRecvByteBufferAllocator(),
            maxMessagesPerRead: UInt = 4, awaitsHeader: Bool,
            guardedBy: (@Sendable (Channel) -> DialedOnlyGate.Refusal?)? = nil,
            handler: @escaping @Sendable (ConnectionWatch) -> ChannelHandler
        ) async throws -> Listening {
            var result = Listening()
            for (index, loop) in (loops.isEmpty ? [single] : loops).enumerated() {
                let port = sharedPort && index > 0 ? result.first?.port ?? 0 : 0
                let channel = try await listen(
                    group: loop, port: port, reusePort: sharedPort && !loops.isEmpty,
                    connections: connections, guarding: (state, pod, role), awaitsHeader: awaitsHeader,
                    recvAllocator: recvAllocator, maxMessagesPerRead: maxMessagesPerRead,
                    guardedBy: config.refuseLocalBypass ? guardedBy : nil, handler: handler)
                if config.refuseLocalBypass, guardedBy != nil { state.dialed.guardListener(channel.localAddress) }
                listeners[index == 0 ? role : "\(role)@\(index)"] = channel
                result.channels.append(channel)
            }
            return result
        }
        do {
            // Every echo container listens; the first port's listener is the role "app", the
            // others "app@PORT", so stopping the app (a fault) stops them all.
            for (n, port) in (withApp ? shape.appPorts : []).enumerated() {
                let sink = state.sink
                // Small reads, one per wake-up: the app does work per line, so the size of a read
                // bounds how long one chatty peer holds the event loop from the others.
                // A meshed app is reached only through its inbound sidecar (OSM's iptables
                // redirect every inbound port to Envoy, pkg/injector/iptables.go), except on a
                // port the policy excludes from it (outboundPortExclusionList's inbound twin).
                let guardApp = shape.sidecar ? Self.appGuard(state: state, pod: pod, port: port) : nil
                let app = try await listenEverywhere(
                    n == 0 ? "app" : "app@\(port)", on: placement.app,
                    recvAllocator: AdaptiveRecvByteBufferAllocator(minimum: 512, initial: 2048, maximum: 8192),
                    maxMessagesPerRead: 1, awaitsHeader: false, guardedBy: guardApp
                ) { _ in
                    EchoAppHandler(pod: pod, maxLine: config.maxLineBytes, sink: sink)
                }
                addresses.app[port] = app.first
                for (loop, address) in app.byLoop { addresses.appOnLoop[loop, default: [:]][port] = address }
                state.emit(nil, .listening(pod: pod, role: "app :\(port)", port: app.first?.port ?? 0))
            }
            if shape.sidecar {
                let identity = shape.identity, workload = shape.workload
                let appPools =
                    config.sidecarTunnels
                    ? AppConnectionPools(
                        group: group, spares: config.spareAppConnections, descriptors: state.descriptors, registry: state.dialed)
                    : nil
                apps = appPools
                let limits = InboundLimits(config)
                let inbound = try await listenEverywhere("inbound", on: placement.sidecars, awaitsHeader: true) { watch in
                    InboundSidecarHandler(
                        state: state, pod: pod, identity: identity, apps: appPools, limits: limits, watch: watch)
                }
                addresses.inbound = inbound.first
                addresses.inboundOnLoop = inbound.byLoop
                let tunnels =
                    config.sidecarTunnels
                    ? TunnelPools(group: group, state: state, pod: pod, identity: identity, register: dialed) : nil
                // The outbound listener is the pod's own (15001 on the pod's loopback): only the
                // engine, playing the pod's processes, dials it.
                let outbound = try await listenEverywhere(
                    "outbound", on: placement.sidecars, sharedPort: true,
                    awaitsHeader: true,
                    guardedBy: Self.outboundGuard(state: state, pod: pod)
                ) { watch in
                    OutboundSidecarHandler(state: state, pod: pod, workload: workload, tunnels: tunnels, watch: watch)
                }
                addresses.outbound = outbound.first
                state.emit(nil, .listening(pod: pod, role: "inbound sidecar", port: inbound.first?.port ?? 0))
                state.emit(nil, .listening(pod: pod, role: "outbound sidecar", port: outbound.first?.port ?? 0))
            }
        } catch {
            for channel in listeners.values {
                state.dialed.unguardListener(channel.localAddress)
                try? await channel.close()
            }
            throw error
        }
        let runtime = PodRuntime(
            shape: shape, addresses: addresses, listeners: listeners, connections: connections, apps: apps, registry: state.dialed
        )
        if !withApp { runtime.forgetApp() }
        return runtime
    }

    /// `127.0.0.1:54321`, for refusals.
    private static func text(_ address: SocketAddress?) -> String {
        guard let address else { return "?" }
        return "\(address.ipAddress ?? "?"):\(address.port ?? 0)"
    }

    /// The app's port `port` of a meshed pod: guarded unless the policy excludes it from the
    /// inbound sidecar, where the app is reachable as a pod's own port is.
    private static func appGuard(
        state: EngineState, pod: ObjectKey, port: Int
    ) -> @Sendable (Channel) -> DialedOnlyGate.Refusal? {
        { channel in
            if state.current.policy.bypassesInbound(pod: pod, targetPort: port) { return nil }
            let detail = "refused \(text(channel.remoteAddress)) → \(pod)'s app port \(port): not dialed by its inbound sidecar"
            return DialedOnlyGate.Refusal(state: state, pod: pod, detail: detail)
        }
    }

    private static func outboundGuard(state: EngineState, pod: ObjectKey) -> @Sendable (Channel) -> DialedOnlyGate.Refusal? {
        { channel in
            let detail =
                "refused \(text(channel.remoteAddress)) → \(pod)'s outbound sidecar: not dialed by the engine for its pod (its probes, load and serve's portals)"
            return DialedOnlyGate.Refusal(state: state, pod: pod, detail: detail)
        }
    }

    /// A loopback listener whose connections get a fresh `handler(watch)`: on an ephemeral
    /// port, or on `port` beside listeners already there (`reusePort`).
    /// (TCP_NODELAY is NIO's default; see `Splice.bootstrap`.)
    ///
    /// Past the descriptor reserve a connection is closed as soon as it is accepted, with an
    /// event (`guarding`: the engine, the pod and the listener's role, for it); if accept itself
    /// fails for want of descriptors, the listener waits a moment before it tries again
    /// (`AcceptFailures`) instead of spinning on a socket that stays readable.
    private static func listen(
        group: EventLoopGroup, port: Int = 0, reusePort: Bool = false,
        connections: PerLoop<LoopConnections>, guarding: (state: EngineState, pod: ObjectKey, role: String),
        awaitsHeader: Bool,
        recvAllocator: AdaptiveRecvByteBufferAllocator = AdaptiveRecvByteBufferAllocator(),
        maxMessagesPerRead: UInt = 4,
        guardedBy: (@Sendable (Channel) -> DialedOnlyGate.Refusal?)? = nil,
        handler: @escaping @Sendable (ConnectionWatch) -> ChannelHandler
    ) async throws -> Channel {
        let (state, pod, role) = guarding
        let proofSeconds = state.configuration.dialerProofSeconds
        return try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.socketOption(NIOBSDSocket.Option(rawValue: SO_REUSEPORT)), value: reusePort ? 1 : 0)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try AcceptFailures.install(on: channel, state: state, pod: pod, role: role)
                }
            }
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if state.descriptors.isShort() {
                        state.refuseForDescriptors(nil, pod: pod, "a connection to its \(role)")
                        throw state.descriptors.short  // NIO's accept handler closes it
                    }
                    // Set here, synchronously, not as child options: those cost a future chain
                    // per accepted connection (seen in perf).
                    let options = try channel.requireSyncOptions()
                    try options.setOption(.allowRemoteHalfClosure, value: true)
                    try options.setOption(.recvAllocator, value: recvAllocator)
                    try options.setOption(.maxMessagesPerRead, value: maxMessagesPerRead)
                    let watch = try connections.on(channel.eventLoop).watch(channel, awaitsHeader: awaitsHeader)
                    if let refusal = guardedBy?(channel),
                        let gate = DialedOnlyGate.check(
                            channel, registry: state.dialed, refusal: refusal, waitSeconds: proofSeconds)
                    {
                        try channel.pipeline.syncOperations.addHandler(gate)
                    }
                    try channel.pipeline.syncOperations.addHandler(handler(watch))
                }
            }
            .bind(host: "127.0.0.1", port: port)
            .get()
    }

    /// The app is about to stop: `addresses` no longer has it. Published before its listener
    /// closes, so no connection is sent to the address once it is free.
    func forgetApp() { appStopped.withLockedValue { $0 = true } }

    /// Connections the pod holds and the bytes they keep (see `ConnectionWatch.heldBytes`).
    func holdings() async -> (connections: Int, bytes: Int, largest: Int) {
        var total = (connections: 0, bytes: 0, largest: 0)
        for table in connections.all {
            guard let h = try? await table.loop.submit({ table.holdings() }).get() else { continue }
            total = (total.connections + h.connections, total.bytes + h.bytes, max(total.largest, h.largest))
        }
        return total
    }

    /// Stops one listener (a fault: "stop this replica's app").
    func stop(role: String) async {
        // The role's listener on every loop ("app", "app@1", ...).
        let channels = listeners.withLockedValue { l -> [Channel] in
            let keys = l.keys.filter { $0 == role || $0.hasPrefix(role + "@") }
            return keys.compactMap { l.removeValue(forKey: $0) }
        }
        guard !channels.isEmpty else { return }
        for channel in channels {
            registry.unguardListener(channel.localAddress)
            try? await channel.close()
        }
        // Spares dialed while the app listened would still reach it; the next stream must see
        // the refusal, as it would with the app gone.
        if role == "app" { await apps?.dropAll() }
    }

    /// Stops every listener and closes every connection the pod accepted or dialed.
    func stop() async {
        let all = listeners.withLockedValue { l -> [Channel] in
            defer { l = [:] }
            return Array(l.values)
        }
        for channel in all {
            registry.unguardListener(channel.localAddress)
            try? await channel.close()
        }
        for table in connections.all {
            try? await table.loop.submit { table.closeAll() }.get()
        }
    }
}
