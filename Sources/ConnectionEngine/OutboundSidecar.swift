import DataPlaneInterface
import MeshModel
import NIOCore
import PolicyEngine

/// A pod's outbound sidecar (the client side). Reads the original destination, asks the
/// policy, and either closes the connection or sends it on: to the endpoint's inbound sidecar
/// as a stream in a pooled tunnel (or, without tunnels, its own connection with the mesh
/// identity preamble), or (egress, or no mesh route with egress on) straight through in
/// plaintext. On an HTTP port a non-HTTP message gets Envoy's 400.
final class OutboundSidecarHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    struct Plan {
        var id: ConnectionID
        var upstream: SocketAddress
        /// To an inbound sidecar with the mesh identity (else plaintext: egress, passthrough).
        var mesh: Bool
        /// On the mesh path: the source's ServiceAccount (the client certificate) and the
        /// endpoint's (the server certificate must name it).
        var identity: ObjectKey?
        var serverIdentity: ObjectKey?
        var targetPort: Int
        var endpointPod: ObjectKey
        var host: String
        var port: Int
    }

    private enum Phase {
        case header
        case checkingHTTP(Plan)
        case connecting
        case done
    }

    let state: EngineState
    let pod: ObjectKey
    private let workload: ObjectKey
    /// This sidecar's tunnels to inbound sidecars; nil when the engine dials per connection.
    private let tunnels: TunnelPools?
    private var header = HeaderAccumulator()
    private var phase = Phase.header
    private var pending: [ByteBuffer] = []
    private var clientHalfClosed = false
    /// Times the header (and the connection's silence) for us.
    private let watch: ConnectionWatch

    init(state: EngineState, pod: ObjectKey, workload: ObjectKey, tunnels: TunnelPools?, watch: ConnectionWatch) {
        self.state = state
        self.pod = pod
        self.workload = workload
        self.tunnels = tunnels
        self.watch = watch
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        switch phase {
        case .header:
            switch header.add(buffer) {
            case .needMore: return
            case .tooLong: close(context)
            case .line(let line, let rest):
                watch.headerArrived()
                if let rest { pending.append(rest) }
                route(line, context: context)
            }
        case .checkingHTTP(let plan):
            pending.append(buffer)
            checkHTTP(plan, context: context)
        case .connecting:
            pending.append(buffer)
        case .done:
            break
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case ChannelEvent.inputClosed = event else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        clientHalfClosed = true
        switch phase {
        case .header: close(context)
        case .checkingHTTP(let plan): checkHTTP(plan, context: context, final: true)
        case .connecting, .done: break
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        close(context)
    }

    private func close(_ context: ChannelHandlerContext) {
        phase = .done
        watch.headerArrived()
        context.close(promise: nil)
    }

    /// Asks the current policy, as Envoy's outbound listener would, and does what it says: close,
    /// or send the connection to the endpoint it chose, over the path it chose.
    private func route(_ line: String, context: ChannelHandlerContext) {
        guard let original = Preamble.parseOriginal(line) else { return close(context) }
        let id = original.connection
        let plane = state.current
        let policy = plane.policy
        let state = self.state
        let route = policy.route(from: workload, host: original.address, port: original.port) { service in
            state.nextEndpoint(for: policy.serviceKey(service))
        }
        let verdict = route.verdict
        state.record(id) { $0.clientVerdict = verdict }
        state.emit(id, .verdict(verdict, by: .clientSidecar, pod: pod, summary: policy.summary(verdict)))
        // Stopped here, or nowhere to go: close. A server-side denial still travels on, so the
        // server sidecar is the one that refuses it, as in OSM.
        guard route.path != .stopped, let endpointPod = policy.endpointPod(of: route) else { return close(context) }
        // The endpoint starts now if it is cold (PodLifecycle); meanwhile the client's bytes wait.
        if let addresses = leaseEndpoint(endpointPod, context: context) {
            proceed(route, to: endpointPod, at: addresses, original: original, plane: plane, context: context)
        } else {
            phase = .connecting
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            state.lifecycle.acquire(endpointPod, on: context.eventLoop).whenComplete { result in
                let (handler, context) = loopBound.value
                switch result {
                case .success(let addresses):
                    if addresses != nil { handler.holdLease(endpointPod, context: context) }
                    handler.proceed(
                        route, to: endpointPod, at: addresses, original: original, plane: handler.state.current, context: context)
                case .failure(let error):
                    // Its listeners did not fit (DescriptorShortage): refused, as a bound refuses.
                    handler.state.refuse(
                        id, limit: "descriptorReserve", pod: handler.pod, "could not start \(endpointPod): \(error)")
                    handler.close(context)
                }
            }
        }
    }

    /// A lease on the endpoint while this connection lasts, and on this sidecar's own pod, so
    /// neither is stopped for room under it (`RunningPods`); nil when the endpoint is cold.
    private func leaseEndpoint(_ endpointPod: ObjectKey, context: ChannelHandlerContext) -> PodAddresses? {
        guard let addresses = state.running.lease(endpointPod) else { return nil }
        holdLease(endpointPod, context: context)
        return addresses
    }

    private func holdLease(_ endpointPod: ObjectKey, context: ChannelHandlerContext) {
        let running = state.running
        let own = running.lease(pod) != nil ? pod : nil
        context.channel.closeFuture.whenComplete { [pod] _ in
            running.release(endpointPod)
            if own != nil { running.release(pod) }
        }
    }

    /// The rest of `route`, once the endpoint runs (`addresses`; nil: it left the cluster).
    private func proceed(
        _ route: Route, to endpointPod: ObjectKey, at addresses: PodAddresses?, original: Preamble.Original,
        plane: Dataplane, context: ChannelHandlerContext
    ) {
        guard context.channel.isActive else { return close(context) }
        let id = original.connection
        let verdict = route.verdict
        let policy = plane.policy
        guard
            let landing = addresses.flatMap({
                plane.landing(at: $0, pod: endpointPod, targetPort: Int(route.targetPort), on: context.eventLoop)
            })
        else {
            // The endpoint runs, but nothing of it listens there (its app stopped): refused by
            // name, without dialing an address another listener may have taken since.
            state.record(id) { $0.refusedBy = endpointPod }
            state.emit(id, .upstreamRefused(pod: endpointPod, port: Int(route.targetPort)))
            return close(context)
        }
        state.record(id) { $0.endpointPod = endpointPod }
        let mesh = route.path == .mesh
        // On the mesh path the connection is mutual TLS between the two ServiceAccounts.
        let identity = mesh ? policy.sourceIdentity(of: route) : nil
        let plan = Plan(
            id: id, upstream: landing.address, mesh: mesh, identity: identity, serverIdentity: addresses?.identity,
            targetPort: Int(route.targetPort),
            endpointPod: endpointPod, host: original.address, port: original.port)
        if verdict.allowed, verdict.httpPort {
            phase = .checkingHTTP(plan)
            checkHTTP(plan, context: context, final: clientHalfClosed)
        } else {
            connect(plan, context: context)
        }
    }

    /// Envoy's HTTP connection manager on an HTTP port: anything that is not an HTTP request
    /// line gets `400 Bad Request` and a close.
    private func checkHTTP(_ plan: Plan, context: ChannelHandlerContext, final: Bool = false) {
        let seen = pending.reduce(into: [UInt8]()) { $0 += $1.readableBytesView.prefix(16 - $0.count) }
        guard let looksHTTP = HTTPSniffer.looksLikeRequest(seen, complete: final) else { return }
        if looksHTTP {
            // Envoy reads the reply as HTTP too: one that is not gets 502 (HTTPReplyCheck).
            let (state, pod, id) = (self.state, self.pod, plan.id)
            let check = HTTPReplyCheck { state.emit(id, .badGateway(pod: pod)) }
            try? context.pipeline.syncOperations.addHandler(check, position: .first)
            return connect(plan, context: context)
        }
        phase = .done
        state.record(plan.id) { $0.badRequest = true }
        state.emit(plan.id, .badRequest(pod: pod))
        let body =
            "HTTP/1.1 400 Bad Request\r\ncontent-length: 11\r\ncontent-type: text/plain\r\nserver: envoy\r\nconnection: close\r\n\r\nBad Request"
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: body))).assumeIsolated().whenComplete {
            _ in
            context.close(promise: nil)
        }
    }

    private func connect(_ plan: Plan, context: ChannelHandlerContext) {
        if plan.mesh, let tunnels { return openStream(plan, in: tunnels.on(context.eventLoop), context: context) }
        phase = .connecting
        Splice.connect(from: context, to: plan.upstream, descriptors: state.descriptors, registry: state.dialed)
            .assumeIsolated().whenComplete { result in
                switch result {
                case .success(let upstream):
                    var preamble: ByteBuffer?
                    do {
                        if plan.mesh {
                            try self.startTLS(plan, on: upstream)
                            preamble = context.channel.allocator.buffer(
                                string: Preamble.encode(Preamble.Mesh(connection: plan.id, port: plan.targetPort)))
                        }
                        try Splice.join(
                            context, upstream: upstream, first: preamble, pending: self.pending,
                            clientHalfClosed: self.clientHalfClosed)
                    } catch {
                        upstream.close(promise: nil)
                        return self.close(context)
                    }
                    self.pending = []
                    self.phase = .done
                    self.track(plan, context: context)
                case .failure(let error):
                    if error is DescriptorGuard.Short {
                        self.state.refuseForDescriptors(plan.id, pod: self.pod, "a connection to \(plan.endpointPod)")
                    } else {
                        self.state.record(plan.id) { $0.refusedBy = plan.endpointPod }
                        self.state.emit(plan.id, .upstreamRefused(pod: plan.endpointPod, port: plan.upstream.port ?? 0))
                    }
                    self.close(context)
                }
            }
    }

    /// The mesh path with tunnels: the connection becomes a stream in a pooled tunnel to the
    /// endpoint's inbound sidecar (dialed now if there is none with room). No connect to wait
    /// for: the OPEN and the first bytes are queued at once.
    private func openStream(_ plan: Plan, in pool: LoopTunnels, context: ChannelHandlerContext) {
        phase = .done
        let tunnel: TunnelHandler
        guard let serverIdentity = plan.serverIdentity else { return close(context) }
        switch pool.tunnel(to: plan.upstream, pod: plan.endpointPod, serverIdentity: serverIdentity) {
        case .success(let found): tunnel = found
        case .failure(let refusal):
            state.refuse(plan.id, limit: refusal.limit, pod: pod, refusal.detail)
            return close(context)
        }
        let notes = StreamBridge.ClientNotes(
            state: state, connection: plan.id, endpointPod: plan.endpointPod,
            inboundPort: plan.upstream.port ?? 0)
        let bridge = tunnel.open(
            connection: plan.id, targetPort: plan.targetPort, host: plan.host, port: plan.port,
            windowBytes: state.configuration.streamWindowBytes, notes: notes,
            initial: pending, inputEnded: clientHalfClosed)
        pending = []
        do {
            try context.pipeline.syncOperations.addHandler(bridge)
        } catch {
            bridge.abort()
            return close(context)
        }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        track(plan, context: context)
    }

    /// Open connections are re-decided when the policy changes (and drained if now denied).
    private func track(_ plan: Plan, context: ChannelHandlerContext) {
        let state = self.state
        let id = plan.id
        state.trackOpen(
            id,
            OpenConnection(
                channel: context.channel, workload: workload, host: plan.host,
                port: plan.port, endpointPod: plan.endpointPod, drain: nil))
        context.channel.closeFuture.whenComplete { _ in state.untrackOpen(id) }
    }
}

/// Tells an HTTP request line from other bytes by its method.
enum HTTPSniffer {
    static let methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "PRI"]

    /// true: an HTTP request; false: not; nil: too few bytes to tell yet.
    static func looksLikeRequest(_ bytes: [UInt8], complete: Bool) -> Bool? {
        if let space = bytes.firstIndex(of: UInt8(ascii: " ")) {
            return methods.contains(String(decoding: bytes[..<space], as: UTF8.self))
        }
        let prefix = String(decoding: bytes, as: UTF8.self)
        let couldBe = methods.contains { $0.hasPrefix(prefix) }
        return couldBe && !complete ? nil : false
    }
}
