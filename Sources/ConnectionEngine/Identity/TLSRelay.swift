import MeshCertificates
import NIOCore
import NIOPosix
import NIOSSL

/// A loopback port that wraps what a plain client writes in mutual TLS with a given
/// certificate, and unwraps what comes back: how tests and attack clients that speak the
/// tunnel protocol byte by byte (`TunnelPeer`, the abuse peers) still reach the tunnel parser
/// now that an inbound sidecar takes only mTLS. The certificate decides who the relay's
/// connections are (a mesh certificate of curl, another CA's, an expired one); the server's
/// certificate is not checked (the relay is the attacker's side). One event loop for every
/// relay of a process.
package final class TLSRelay: Sendable {
    package let address: SocketAddress
    private let listener: Channel

    private static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    private init(address: SocketAddress, listener: Channel) {
        self.address = address
        self.listener = listener
    }

    /// Relays every connection to `target`, presenting `certificate` (none: a TLS client
    /// without a certificate).
    package static func start(to target: SocketAddress, certificate: ServiceCertificate?) async throws -> TLSRelay {
        try await start(to: target, certificatePEM: certificate?.pem, keyPEM: certificate?.privateKeyPEM)
    }

    /// The same with any certificate and its key (PEM): a self-signed one, say.
    package static func start(to target: SocketAddress, certificatePEM: String?, keyPEM: String?) async throws -> TLSRelay {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        configuration.minimumTLSVersion = .tlsv13
        configuration.shutdownTimeout = .milliseconds(100)
        if let certificatePEM, let keyPEM {
            configuration.certificateChain = [
                .certificate(try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem))
            ]
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem))
        }
        let context = try NIOSSLContext(configuration: configuration)
        let listener = try await ServerBootstrap(group: group)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            // The child is registered (and read) only once this initializer's future is done,
            // so nothing is read from the plain client before the TLS side is there.
            .childChannelInitializer { inbound in
                ClientBootstrap(group: inbound.eventLoop)
                    .channelOption(.allowRemoteHalfClosure, value: true)
                    .channelInitializer { outbound in
                        outbound.eventLoop.makeCompletedFuture {
                            try outbound.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: context, serverHostname: nil))
                            try outbound.pipeline.syncOperations.addHandler(HoldTCPHalfClose(), position: .first)
                        }
                    }
                    .connect(to: target)
                    .flatMap { outbound in
                        inbound.eventLoop.makeCompletedFuture {
                            let (a, b) = GlueHandler.matchedPair()
                            try inbound.pipeline.syncOperations.addHandler(a)
                            try outbound.pipeline.syncOperations.addHandler(b)
                        }
                    }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return TLSRelay(address: listener.localAddress!, listener: listener)
    }

    package func stop() async { try? await listener.close() }
}
