import MeshCertificates
import MeshModel
import NIOCore
import NIOSSL

/// One handshake's check of the peer's certificate, as NIOSSL's custom verification callback:
/// the leaf the peer presented, against the CA's current root (`verifyPeer`). What it proved
/// (`identity`) is the only source identity the inbound sidecar's policy ever hears; why it
/// refused (`refusal`) is what the event says. Lives on the connection's event loop.
final class PeerVerification {
    private let tls: MeshTLS
    /// The identity the peer must prove (the client end checks the server it dialed).
    private let expecting: ServiceIdentity?
    private(set) var identity: ServiceIdentity?
    private(set) var refusal: PeerCertificateRefusal?
    /// Server end: where a refusal is noted for the engine's own client end, by its port.
    private let refusals: TLSRefusalNotes?
    private let clientPort: Int?

    init(tls: MeshTLS, expecting: ServiceIdentity? = nil, refusals: TLSRefusalNotes? = nil, clientPort: Int? = nil) {
        self.tls = tls
        self.expecting = expecting
        self.refusals = refusals
        self.clientPort = clientPort
    }

    /// The identity as the rest of MeshDeck names a ServiceAccount.
    var serviceAccount: ObjectKey? { identity.map { ObjectKey(namespace: $0.namespace, name: $0.serviceAccount) } }

    func verify(_ chain: [NIOSSLCertificate], _ promise: EventLoopPromise<NIOSSLVerificationResult>) {
        guard let leaf = chain.first, let der = try? leaf.toDERBytes() else {
            refusal = PeerCertificateRefusal("peer did not return a certificate")
            return promise.succeed(.failed)
        }
        switch tls.authority.verifyPeer(der: der, expecting: expecting) {
        case .success(let proven):
            identity = proven
            promise.succeed(.certificateVerified)
        case .failure(let refused):
            refusal = refused
            // Before the alert goes out: the client end may read it at once.
            refusals?.note(clientPort: clientPort, "TLS error: \(refused)")
            promise.succeed(.failed)
        }
    }

    func serverHandler(context: NIOSSLContext) -> NIOSSLServerHandler {
        NIOSSLServerHandler(context: context, customVerificationCallback: { [self] in verify($0, $1) })
    }

    func clientHandler(context: NIOSSLContext) throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(context: context, serverHostname: nil, customVerificationCallback: { [self] in verify($0, $1) })
    }
}

/// A failed handshake in Envoy's words: `TLS error: ` and BoringSSL's reason
/// (`CERTIFICATE_VERIFY_FAILED`, `PEER_DID_NOT_RETURN_A_CERTIFICATE`, an alert from the peer),
/// with what the certificate check found, or the reason in plain words.
enum TLSFailure {
    static func describe(_ error: Error, refusal: PeerCertificateRefusal?) -> String {
        if let refusal { return "TLS error: \(refusal)" }
        let code = reasonCode(error)
        if let words = words[code] { return "TLS error: \(code): \(words)" }
        return "TLS error: \(code)"
    }

    /// The last `OPENSSL_internal:` reason of a BoringSSL error stack, or the error itself.
    static func reasonCode(_ error: Error) -> String {
        let text = "\(error)"
        guard let range = text.range(of: "OPENSSL_internal:", options: .backwards) else {
            if text.contains("EOF during handshake") || (error as? NIOSSLError) == .uncleanShutdown {
                return "connection closed during the handshake"
            }
            return text
        }
        let rest = text[range.upperBound...]
        return String(rest.prefix { $0 != " " && $0 != "]" && $0 != ")" && $0 != "," })
    }

    private static let words: [String: String] = [
        "PEER_DID_NOT_RETURN_A_CERTIFICATE": "peer did not return a certificate",
        "CERTIFICATE_VERIFY_FAILED": "the peer's certificate did not verify",
        "WRONG_VERSION_NUMBER": "not TLS",
        "TLSV1_ALERT_CERTIFICATE_REQUIRED": "the peer requires a client certificate",
        "SSLV3_ALERT_CERTIFICATE_UNKNOWN": "the peer refused our certificate",
        "SSLV3_ALERT_BAD_CERTIFICATE": "the peer refused our certificate",
        "TLSV1_ALERT_UNKNOWN_CA": "the peer refused our certificate (unknown authority)",
        "SSLV3_ALERT_CERTIFICATE_EXPIRED": "the peer refused our certificate (expired)",
        "TLSV1_ALERT_PROTOCOL_VERSION": "the peer does not speak TLS 1.3",
        "NO_SHARED_GROUP": "no key share in common (the mesh uses P-256)",
    ]
}
