import DataPlaneInterface
import Foundation
import MeshCertificates
import MeshModel
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import X509

/// The engine's side of the mesh CA: one `MeshCertificateAuthority` per run, and one
/// `NIOSSLContext` per identity (its service certificate and key, TLS 1.3 only), built the
/// first time a sidecar of that ServiceAccount needs it and reused for every handshake after:
/// building a context parses the key and certificate, a handshake only uses them. A context is
/// built again only when its certificate changes: renewed by the periodic check (OSM's
/// certificate manager looks every 5 s, cmd/osm-controller/osm-controller.go), expired by a
/// fault, or issued anew under a rotated root.
///
/// Peers are verified by `PeerVerification` against the CA's current root at handshake time,
/// not by a trust store frozen into the context, so a root rotation takes effect for the next
/// handshake without touching any context but those whose certificate it changed.
final class MeshTLS: Sendable {
    let authority: MeshCertificateAuthority
    /// Identity → its context and the serial of the certificate in it.
    private let contexts = NIOLockedValueBox<[ServiceIdentity: (serial: [UInt8], context: NIOSSLContext)]>([:])

    init(authority: MeshCertificateAuthority) {
        self.authority = authority
    }

    static func identity(_ serviceAccount: ObjectKey) -> ServiceIdentity {
        ServiceIdentity(serviceAccount: serviceAccount.name, namespace: serviceAccount.namespace)
    }

    /// The context a sidecar of `serviceAccount` handshakes with, as server or as client.
    func context(for serviceAccount: ObjectKey) throws -> NIOSSLContext {
        let identity = Self.identity(serviceAccount)
        if let held = contexts.withLockedValue({ $0[identity] }) { return held.context }
        return try install(authority.certificate(for: identity))
    }

    /// Builds and keeps the context of `certificate`'s identity (replacing the one before);
    /// `identity`: the sidecars that present it (another's, in a test of impersonation).
    @discardableResult
    func install(_ certificate: ServiceCertificate, as identity: ServiceIdentity? = nil) throws -> NIOSSLContext {
        let context = try Self.makeContext(certificate, root: authority.currentRoot)
        contexts.withLockedValue { $0[identity ?? certificate.identity] = (Array(certificate.serial.bytes), context) }
        return context
    }

    /// The periodic check: every identity whose certificate the CA renews (due within 30 s of
    /// expiry, expired, or signed by a rotated-away root) gets a new context. Returns the
    /// identities renewed.
    func renewDue() -> [ServiceCertificate] {
        let held = contexts.withLockedValue { $0.mapValues(\.serial) }
        var renewed: [ServiceCertificate] = []
        for (identity, serial) in held {
            guard let now = try? authority.certificate(for: identity), Array(now.serial.bytes) != serial else { continue }
            if (try? install(now)) != nil { renewed.append(now) }
        }
        return renewed.sorted { $0.identity < $1.identity }
    }

    /// Forgets every context: after a root rotation each is built from a certificate the new
    /// root signs, when next needed.
    func forgetAll() { contexts.withLockedValue { $0 = [:] } }

    /// TLS 1.3 with a client certificate both ways (`noHostnameVerification` makes BoringSSL ask
    /// for and require the peer's certificate: SSL_VERIFY_FAIL_IF_NO_PEER_CERT), P-256 key
    /// shares, OSM's in-mesh ALPN `osm` (pkg/envoy/lds/inmesh.go, ALPNInMesh), and a close that
    /// waits at most 100 ms for the peer's close_notify.
    static func makeContext(_ certificate: ServiceCertificate, root: RootCertificate) throws -> NIOSSLContext {
        let leaf = try NIOSSLCertificate(bytes: certificate.der, format: .der)
        let key = try NIOSSLPrivateKey(bytes: Array(certificate.privateKeyPEM.utf8), format: .pem)
        let rootCertificate = try NIOSSLCertificate(bytes: Array(root.pem.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(leaf)], privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv13
        configuration.maximumTLSVersion = .tlsv13
        configuration.certificateVerification = .noHostnameVerification
        configuration.trustRoots = .certificates([rootCertificate])
        configuration.curves = [.secp256r1]
        configuration.applicationProtocols = ["osm"]
        configuration.shutdownTimeout = .milliseconds(100)
        return try NIOSSLContext(configuration: configuration)
    }
}
