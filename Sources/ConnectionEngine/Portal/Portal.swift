import DataPlaneInterface
import MeshModel
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PolicyEngine

/// `meshdeck serve --expose FROM=HOST:PORT`: a loopback listener whose every connection
/// behaves like `nc HOST PORT` run inside FROM's pod. The connection enters the pod's outbound
/// sidecar with the original destination, as iptables' redirect and `SO_ORIGINAL_DST` give it
/// to Envoy (and as the engine's probe client does), so everything after that is the mesh's
/// own path: the policy, the tunnel, the 400 on an HTTP port.
package final class Portal: Sendable {
    /// Where the portal listens.
    package let address: SocketAddress
    /// The pod the connections come from (FROM's first pod).
    package let pod: ObjectKey
    package let host: String
    package let port: Int
    private let channel: Channel

    fileprivate init(address: SocketAddress, pod: ObjectKey, host: String, port: Int, channel: Channel) {
        self.address = address
        self.pod = pod
        self.host = host
        self.port = port
        self.channel = channel
    }

    package func close() async { try? await channel.close() }
}

package struct PortalError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}

extension MeshEngine {
    /// Opens a portal (see `Portal`) from `from` (NS/NAME, NS/KIND/NAME or NS/POD) to
    /// `to` (HOST:PORT) on 127.0.0.1:`localPort` (0: ephemeral). Throws for bad input, or
    /// when the local port is taken. At most `EngineConfiguration.maxPortalConnections`
    /// connections at once; more are closed with a `limitReached` event.
    package func openPortal(from: String, to: String, localPort: Int = 0) async throws -> Portal {
        let policy = state.current.policy
        let source = try policy.workload(named: from)
        let workload = policy.workloads[source]
        guard let first = workload.podNames.first else { throw PortalError(message: "\(from) has no pods") }
        let pod = ObjectKey(namespace: workload.key.namespace, name: first)
        let (host, port) = try PolicyIndex.splitHostPort(to)
        let state = self.state
        let open = NIOLockedValueBox(0)
        let bound = state.configuration.maxPortalConnections
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let admitted = open.withLockedValue { n in
                        guard n < bound else { return false }
                        n += 1
                        return true
                    }
                    guard admitted, !state.descriptors.isShort() else {
                        if admitted { open.withLockedValue { $0 -= 1 } }
                        state.refuse(
                            nil, limit: admitted ? "descriptorReserve" : "maxPortalConnections", pod: pod,
                            "refused a connection to the portal into \(pod) for \(host):\(port)")
                        throw ChannelError.inputClosed  // NIO's accept handler closes it
                    }
                    channel.closeFuture.whenComplete { _ in open.withLockedValue { $0 -= 1 } }
                    try channel.requireSyncOptions().setOption(.allowRemoteHalfClosure, value: true)
                    try channel.pipeline.syncOperations.addHandler(
                        PortalHandler(state: state, pod: pod, source: source, host: host, port: port))
                }
            }
            .bind(host: "127.0.0.1", port: localPort)
            .get()
        guard let address = channel.localAddress else {
            try? await channel.close()
            throw ChannelError.inappropriateOperationForState
        }
        return Portal(address: address, pod: pod, host: host, port: port, channel: channel)
    }
}

/// One connection into a portal: waits for the source pod (started on use, leased while the
/// connection lasts), dials its outbound sidecar as the pod's app would, writes the original
/// destination, then glues the two. The client's bytes wait meanwhile.
final class PortalHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let state: EngineState
    private let pod: ObjectKey
    private let source: Int
    private let host: String
    private let port: Int
    private var pending: [ByteBuffer] = []
    private var halfClosed = false
    private var gone = false

    init(state: EngineState, pod: ObjectKey, source: Int, host: String, port: Int) {
        self.state = state
        self.pod = pod
        self.source = source
        self.host = host
        self.port = port
    }

    func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        state.lifecycle.acquire(pod, on: context.eventLoop).whenComplete { result in
            let (handler, context) = loopBound.value
            switch result {
            case .success(let addresses?):
                let running = handler.state.running
                let pod = handler.pod
                context.channel.closeFuture.whenComplete { _ in running.release(pod) }
                handler.dial(addresses, context: context)
            case .success(nil):
                context.close(promise: nil)
            case .failure(let error):
                handler.state.refuse(
                    nil, limit: "descriptorReserve", pod: handler.pod, "could not start \(handler.pod): \(error)")
                context.close(promise: nil)
            }
        }
    }

    private func dial(_ addresses: PodAddresses, context: ChannelHandlerContext) {
        guard !gone, let outbound = addresses.outbound else { return context.close(promise: nil) }
        let id = state.newConnectionID()
        let policy = state.current.policy
        // The pod's DNS, as the probe resolves it: the ClusterIP the app would dial.
        let route = policy.route(from: source, host: host, port: port) { _ in 0 }
        let address = policy.clusterAddress(of: route) ?? (route.external ? policy.internetAddress(host) : nil) ?? host
        Splice.connect(from: context, to: outbound, descriptors: state.descriptors, registry: state.dialed)
            .assumeIsolated().whenComplete { result in
                switch result {
                case .success(let upstream):
                    let header = context.channel.allocator.buffer(
                        string: Preamble.encode(Preamble.Original(connection: id, address: address, port: self.port)))
                    do {
                        try Splice.join(
                            context, upstream: upstream, first: header, pending: self.pending, clientHalfClosed: self.halfClosed)
                        self.pending = []
                    } catch {
                        upstream.close(promise: nil)
                        context.close(promise: nil)
                    }
                case .failure:
                    context.close(promise: nil)
                }
            }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // What waits for the pod to start is bounded as a line the echo app would buffer.
        let buffer = unwrapInboundIn(data)
        pending.append(buffer)
        if pending.reduce(0, { $0 + $1.readableBytes }) > state.configuration.maxLineBytes {
            state.refuse(nil, limit: "maxLineBytes", pod: pod, "a portal client sent too much before \(pod) was up")
            pending = []
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { halfClosed = true } else { context.fireUserInboundEventTriggered(event) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        gone = true
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}

extension PodAddresses {
    /// Where the pod listens, as `127.0.0.1:PORT` text, for `serve`'s table (the CLI does
    /// not see NIO's types).
    package var text: (app: [Int: String], inbound: String?, outbound: String?) {
        (app.mapValues(\.loopbackText), inbound?.loopbackText, outbound?.loopbackText)
    }
}

extension Portal {
    package var addressText: String { address.loopbackText }
}

extension SocketAddress {
    var loopbackText: String { "\(ipAddress ?? "?"):\(port ?? 0)" }
}
