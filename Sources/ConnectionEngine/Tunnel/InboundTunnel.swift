import MeshModel
import NIOCore

/// The server end of a tunnel, in an inbound sidecar: for each OPEN, asks the policy whether
/// the tunnel's identity may reach this pod's target port and the limits whether it may have
/// another stream; if so, takes a connection to the app (a spare dialed ahead, or a new one:
/// one per stream, as the echo app closes on EOF like OSM's) and bridges the stream to it.
/// Denied, over a limit, or refused: RST. Lives on the tunnel's event loop.
final class InboundTunnel {
    private var admission: InboundAdmission
    private let state: EngineState
    private let pod: ObjectKey
    /// The identity the peer presented once, in the tunnel preamble (mTLS's peer certificate).
    private let source: ObjectKey
    private let windowBytes: Int
    /// The pod's connections to its app on the tunnel's own event loop.
    private let apps: LoopAppConnections
    /// What all tunnels into the pod may hold; this one's tunnel is already counted in it.
    private let limits: InboundLimits

    init(
        state: EngineState, pod: ObjectKey, identity: ObjectKey, source: ObjectKey, apps: LoopAppConnections,
        limits: InboundLimits
    ) {
        admission = InboundAdmission(state: state, pod: pod, identity: identity, loop: apps.loop)
        self.state = state
        self.pod = pod
        self.source = source
        windowBytes = state.configuration.streamWindowBytes
        self.apps = apps
        self.limits = limits
    }

    func open(_ open: TunnelFrame.Open, stream: UInt32, tunnel: TunnelHandler) {
        let (verdict, app) = admission.admit(source: source, port: open.targetPort, connection: open.connection)
        guard verdict.allowed, let app else {
            tunnel.sendReset(stream: stream)
            return
        }
        if tunnel.streams.count >= tunnel.maxStreams {
            return refuse(
                .init(
                    limit: "maxStreamsPerTunnel",
                    detail: "refused a stream from \(source): its tunnel carries \(tunnel.maxStreams)"),
                open, stream, tunnel)
        }
        if let refusal = limits.openStream(from: source) { return refuse(refusal, open, stream, tunnel) }
        let bridge = StreamBridge(id: stream, tunnel: tunnel, windowBytes: windowBytes, notes: nil)
        tunnel.accept(bridge)
        if let spare = apps.takeSpare(app) { return attach(bridge, to: spare, app: app) }
        let (admission, state, pod) = (self.admission, self.state, self.pod)
        apps.connect(to: app).assumeIsolated().whenComplete { result in
            switch result {
            case .success(let channel):
                self.attach(bridge, to: channel, app: app)
            case .failure(let error):
                if error is DescriptorGuard.Short {
                    state.refuseForDescriptors(open.connection, pod: pod, "a stream from \(self.source)")
                } else {
                    admission.refused(port: open.targetPort, connection: open.connection)
                }
                bridge.abort()
            }
        }
    }

    /// One of the tunnel's streams ended (it was counted when it opened).
    func streamEnded() { limits.closeStream(from: source) }

    /// The tunnel closed with `openStreams` still in it: they all end with it.
    func tunnelClosed(openStreams: Int) { limits.closeTunnel(from: source, streams: openStreams) }

    private func refuse(_ refusal: InboundLimits.Refusal, _ open: TunnelFrame.Open, _ stream: UInt32, _ tunnel: TunnelHandler) {
        state.refuse(open.connection, limit: refusal.limit, pod: pod, refusal.detail)
        tunnel.sendReset(stream: stream)
    }

    private func attach(_ bridge: StreamBridge, to channel: Channel, app: SocketAddress) {
        guard !bridge.isDone else { return channel.close(promise: nil) }  // reset meanwhile
        do {
            try channel.pipeline.syncOperations.addHandler(bridge)
        } catch {
            channel.close(promise: nil)
            return bridge.abort()
        }
        let apps = self.apps
        channel.closeFuture.assumeIsolated().whenComplete { _ in apps.replenish(app) }
    }
}
