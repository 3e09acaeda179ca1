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
/// accepted, so stopping a pod ends its connections as deleting a real pod does.
final class PodRuntime: Sendable {
    let shape: PodShape
    let addresses: PodAddresses
    private let listeners: NIOLockedValueBox<[String: Channel]>
    private let children: NIOLockedValueBox<[ObjectIdentifier: Channel]>

    private init(shape: PodShape, addresses: PodAddresses, listeners: [String: Channel],
                 children: NIOLockedValueBox<[ObjectIdentifier: Channel]>) {
        self.shape = shape
        self.addresses = addresses
        self.listeners = NIOLockedValueBox(listeners)
        self.children = children
    }

    static func start(_ shape: PodShape, group: EventLoopGroup, state: EngineState) async throws -> PodRuntime {
        let children = NIOLockedValueBox<[ObjectIdentifier: Channel]>([:])
        var listeners: [String: Channel] = [:]
        var addresses = PodAddresses(app: [:], inbound: nil, outbound: nil)
        let config = state.configuration
        let pod = shape.pod
        do {
            if let port = shape.appPort {
                let sink = state.sink
                // Small reads, one per wake-up: the app does work per line, so the size of a read
                // bounds how long one chatty peer holds the event loop from the others.
                let channel = try await listen(group: group, children: children, idle: config.idleTimeoutSeconds,
                                               recvAllocator: AdaptiveRecvByteBufferAllocator(minimum: 512, initial: 2048, maximum: 8192),
                                               maxMessagesPerRead: 1) {
                    EchoAppHandler(pod: pod, maxLine: config.maxLineBytes, sink: sink)
                }
                listeners["app"] = channel
                addresses.app[port] = channel.localAddress
                state.emit(nil, .listening(pod: pod, role: "app :\(port)", port: channel.localAddress?.port ?? 0))
            }
            if shape.sidecar {
                let identity = shape.identity, workload = shape.workload
                let inbound = try await listen(group: group, children: children, idle: config.idleTimeoutSeconds) {
                    InboundSidecarHandler(state: state, pod: pod, identity: identity)
                }
                listeners["inbound"] = inbound
                addresses.inbound = inbound.localAddress
                // The pod's tunnels belong to it like its accepted connections: stopping the
                // pod closes them.
                let tunnels = config.sidecarTunnels ? TunnelPools(group: group, state: state, pod: pod, identity: identity) { channel in
                    Self.adopt(channel, into: children)
                } : nil
                let outbound = try await listen(group: group, children: children, idle: config.idleTimeoutSeconds) {
                    OutboundSidecarHandler(state: state, pod: pod, workload: workload, tunnels: tunnels)
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
        return PodRuntime(shape: shape, addresses: addresses, listeners: listeners, children: children)
    }

    /// A loopback listener on an ephemeral port whose connections get a fresh `handler()`.
    /// (TCP_NODELAY is NIO's default; see `Splice.bootstrap`.)
    private static func listen(group: EventLoopGroup, children: NIOLockedValueBox<[ObjectIdentifier: Channel]>,
                               idle: Double,
                               recvAllocator: AdaptiveRecvByteBufferAllocator = AdaptiveRecvByteBufferAllocator(),
                               maxMessagesPerRead: UInt = 4,
                               handler: @escaping @Sendable () -> ChannelHandler) async throws -> Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(.recvAllocator, value: recvAllocator)
            .childChannelOption(.maxMessagesPerRead, value: maxMessagesPerRead)
            .childChannelInitializer { channel in
                adopt(channel, into: children)
                return channel.eventLoop.makeCompletedFuture {
                    let timeout = TimeAmount.nanoseconds(Int64(idle * 1e9))
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(allTimeout: timeout))
                    try channel.pipeline.syncOperations.addHandler(IdleCloser())
                    try channel.pipeline.syncOperations.addHandler(handler())
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
    }

    /// Keeps `channel` in the pod's set until it closes.
    private static func adopt(_ channel: Channel, into children: NIOLockedValueBox<[ObjectIdentifier: Channel]>) {
        let id = ObjectIdentifier(channel)
        children.withLockedValue { $0[id] = channel }
        channel.closeFuture.whenComplete { _ in _ = children.withLockedValue { $0.removeValue(forKey: id) } }
    }

    /// Stops one listener (a fault: "stop this replica's app"); its open connections end too.
    func stop(role: String) async {
        guard let channel = listeners.withLockedValue({ $0.removeValue(forKey: role) }) else { return }
        try? await channel.close()
    }

    /// Stops every listener and closes every connection the pod accepted.
    func stop() async {
        let all = listeners.withLockedValue { l -> [Channel] in
            defer { l = [:] }
            return Array(l.values)
        }
        for channel in all { try? await channel.close() }
        let open = children.withLockedValue { Array($0.values) }
        for channel in open { try? await channel.close() }
    }
}
