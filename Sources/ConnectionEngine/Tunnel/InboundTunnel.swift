import MeshModel
import NIOCore

/// The server end of a tunnel, in an inbound sidecar: for each OPEN, asks the policy whether
/// the tunnel's identity may reach this pod's target port and, if so, takes a connection to
/// the app (a spare dialed ahead, or a new one: one per stream, as the echo app closes on EOF
/// like OSM's) and bridges the stream to it. Denied or refused: RST. Lives on the tunnel's
/// event loop.
final class InboundTunnel {
    private var admission: InboundAdmission
    /// The identity the peer presented once, in the tunnel preamble (mTLS's peer certificate).
    private let source: ObjectKey
    private let windowBytes: Int
    /// The pod's connections to its app on the tunnel's own event loop.
    private let apps: LoopAppConnections

    init(state: EngineState, pod: ObjectKey, identity: ObjectKey, source: ObjectKey, apps: LoopAppConnections) {
        admission = InboundAdmission(state: state, pod: pod, identity: identity, loop: apps.loop)
        self.source = source
        windowBytes = state.configuration.streamWindowBytes
        self.apps = apps
    }

    func open(_ open: TunnelFrame.Open, stream: UInt32, tunnel: TunnelHandler) {
        let (verdict, app) = admission.admit(source: source, port: open.targetPort, connection: open.connection)
        guard verdict.allowed, let app else {
            tunnel.sendReset(stream: stream)
            return
        }
        let bridge = StreamBridge(id: stream, tunnel: tunnel, windowBytes: windowBytes, notes: nil)
        tunnel.accept(bridge)
        if let spare = apps.takeSpare(app) { return attach(bridge, to: spare, app: app) }
        let admission = self.admission
        apps.connect(to: app).assumeIsolated().whenComplete { result in
            switch result {
            case .success(let channel):
                self.attach(bridge, to: channel, app: app)
            case .failure:
                admission.refused(port: open.targetPort, connection: open.connection)
                bridge.abort()
            }
        }
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
