import MeshModel
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// What the data plane runs for one pod: the echo app if the pod runs OSM's tcp-echo-server,
/// and an inbound and an outbound sidecar if the pod has a sidecar.
struct PodShape: Sendable, Equatable {
    var pod: ObjectKey
    var workload: ObjectKey
    var identity: ObjectKey
    /// The port the app says it listens on (`--port 9000`), nil when the pod runs no server.
    var appPort: Int?
    var sidecar: Bool

    init(_ pod: Pod) {
        self.pod = pod.key
        self.workload = ObjectKey(namespace: pod.namespace, name: pod.deployment)
        self.identity = ObjectKey(namespace: pod.namespace, name: pod.serviceAccount)
        self.appPort = Self.echoServerPort(pod.containers)
        self.sidecar = pod.hasSidecar
    }

    /// OSM's demo server: image or command `tcp-echo-server`, port from `--port N`.
    static func echoServerPort(_ containers: [Container]) -> Int? {
        for c in containers where c.image.contains("tcp-echo-server") || c.command.contains(where: { $0.hasSuffix("tcp-echo-server") }) {
            let words = c.command + c.args
            if let i = words.firstIndex(where: { $0 == "--port" || $0 == "-port" }), i + 1 < words.count, let p = Int(words[i + 1]) {
                return p
            }
            if let p = words.lazy.compactMap({ $0.hasPrefix("--port=") ? Int($0.dropFirst(7)) : nil }).first { return p }
            return c.ports.first?.containerPort ?? 9000
        }
        return nil
    }
}

/// The listeners of one pod, all on 127.0.0.1 with ephemeral ports, and every connection they
/// accepted or dialed, so stopping a pod ends its connections as deleting a real pod does.
final class PodRuntime: Sendable {
    let shape: PodShape
    let addresses: PodAddresses
    private let listeners: NIOLockedValueBox<[String: Channel]>
    /// The pod's connections and their timeouts, per event loop.
    private let connections: PerLoop<LoopConnections>
    /// The inbound sidecar's connections to the app (spares among them).
    private let apps: AppConnectionPools?

    private init(shape: PodShape, addresses: PodAddresses, listeners: [String: Channel],
                 connections: PerLoop<LoopConnections>, apps: AppConnectionPools?) {
        self.shape = shape
        self.addresses = addresses
        self.listeners = NIOLockedValueBox(listeners)
        self.connections = connections
        self.apps = apps
    }

    /// The loops a pod's listeners accept onto (a single loop, or the whole group).
    struct Placement: Sendable {
        var app: EventLoopGroup
        var sidecars: EventLoopGroup
    }

    /// - Parameters:
    ///   - group: the engine's group: the pod's tables exist on every loop of it.
    ///   - placement: where its listeners run.
    static func start(_ shape: PodShape, group: EventLoopGroup, placement: Placement, state: EngineState) async throws -> PodRuntime {
        let config = state.configuration
        let connections = PerLoop(group) {
            LoopConnections(loop: $0, headerSeconds: config.headerTimeoutSeconds, idleSeconds: config.idleTimeoutSeconds)
        }
        // Tunnels belong to the pod like what it accepts: stopping the pod closes them. Their
        // peers time them out, so no timeouts here.
        let dialed: @Sendable (Channel) -> Void = { channel in
            _ = try? connections.on(channel.eventLoop).watch(channel, timed: false)
        }
        var listeners: [String: Channel] = [:]
        var addresses = PodAddresses(app: [:], inbound: nil, outbound: nil)
        var apps: AppConnectionPools?
        let pod = shape.pod
        do {
            if let port = shape.appPort {
                let sink = state.sink
                // Small reads, one per wake-up: the app does work per line, so the size of a read
                // bounds how long one chatty peer holds the event loop from the others.
                let channel = try await listen(group: placement.app, connections: connections, awaitsHeader: false,
                                               recvAllocator: AdaptiveRecvByteBufferAllocator(minimum: 512, initial: 2048, maximum: 8192),
                                               maxMessagesPerRead: 1) { _ in
                    EchoAppHandler(pod: pod, maxLine: config.maxLineBytes, sink: sink)
                }
                listeners["app"] = channel
                addresses.app[port] = channel.localAddress
                state.emit(nil, .listening(pod: pod, role: "app :\(port)", port: channel.localAddress?.port ?? 0))
            }
            if shape.sidecar {
                let identity = shape.identity, workload = shape.workload
                let appPools = config.sidecarTunnels
                    ? AppConnectionPools(group: group, spares: config.spareAppConnections) : nil
                apps = appPools
                let inbound = try await listen(group: placement.sidecars, connections: connections, awaitsHeader: true) { watch in
                    InboundSidecarHandler(state: state, pod: pod, identity: identity, apps: appPools, watch: watch)
                }
                listeners["inbound"] = inbound
                addresses.inbound = inbound.localAddress
                let tunnels = config.sidecarTunnels
                    ? TunnelPools(group: group, state: state, pod: pod, identity: identity, register: dialed) : nil
                let outbound = try await listen(group: placement.sidecars, connections: connections, awaitsHeader: true) { watch in
                    OutboundSidecarHandler(state: state, pod: pod, workload: workload, tunnels: tunnels, watch: watch)
                }
                listeners["outbound"] = outbound
                addresses.outbound = outbound.localAddress
                state.emit(nil, .listening(pod: pod, role: "inbound sidecar", port: inbound.localAddress?.port ?? 0))
                state.emit(nil, .listening(pod: pod, role: "outbound sidecar", port: outbound.localAddress?.port ?? 0))
            }
        } catch {
            for channel in listeners.values { try? await channel.close() }
            throw error
        }
        return PodRuntime(shape: shape, addresses: addresses, listeners: listeners, connections: connections, apps: apps)
    }

    /// A loopback listener on an ephemeral port whose connections get a fresh `handler(watch)`.
    /// (TCP_NODELAY is NIO's default; see `Splice.bootstrap`.)
    private static func listen(group: EventLoopGroup, connections: PerLoop<LoopConnections>, awaitsHeader: Bool,
                               recvAllocator: AdaptiveRecvByteBufferAllocator = AdaptiveRecvByteBufferAllocator(),
                               maxMessagesPerRead: UInt = 4,
                               handler: @escaping @Sendable (ConnectionWatch) -> ChannelHandler) async throws -> Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // Set here, synchronously, not as child options: those cost a future chain
                    // per accepted connection (seen in perf).
                    let options = try channel.requireSyncOptions()
                    try options.setOption(.allowRemoteHalfClosure, value: true)
                    try options.setOption(.recvAllocator, value: recvAllocator)
                    try options.setOption(.maxMessagesPerRead, value: maxMessagesPerRead)
                    let watch = try connections.on(channel.eventLoop).watch(channel, awaitsHeader: awaitsHeader)
                    try channel.pipeline.syncOperations.addHandler(handler(watch))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
    }

    /// Stops one listener (a fault: "stop this replica's app").
    func stop(role: String) async {
        guard let channel = listeners.withLockedValue({ $0.removeValue(forKey: role) }) else { return }
        try? await channel.close()
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
        for channel in all { try? await channel.close() }
        for table in connections.all {
            try? await table.loop.submit { table.closeAll() }.get()
        }
    }
}
