import MeshCertificates
import NIOCore

@testable import ConnectionEngine

/// A relay to `address` that presents `identity`'s (`ns/sa`) mesh certificate from the
/// engine's own CA: a hand-written peer behind it reaches an inbound sidecar as that identity
/// would, through the mTLS handshake, and then speaks the tunnel protocol (or `MDK-MESH`)
/// byte by byte.
func meshRelay(_ engine: MeshEngine, to address: SocketAddress, identity: String = "curl/curl") async throws -> TLSRelay {
    let parts = identity.split(separator: "/").map(String.init)
    let certificate = try engine.certificates.certificate(for: ServiceIdentity(serviceAccount: parts[1], namespace: parts[0]))
    return try await TLSRelay.start(to: address, certificate: certificate)
}
