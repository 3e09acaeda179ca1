import Crypto
import Foundation
import SwiftASN1
import X509

/// Why a peer's certificate is not accepted, in the words an operator reads in Envoy's logs
/// (BoringSSL's `CERTIFICATE_VERIFY_FAILED`, followed by what openssl's verifier calls the
/// failure), so `TLS error: CERTIFICATE_VERIFY_FAILED: certificate has expired` reads the same
/// in MeshDeck as in an OSM sidecar's log.
package struct PeerCertificateRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    package var reason: String
    package var description: String { "CERTIFICATE_VERIFY_FAILED: \(reason)" }

    package init(_ reason: String) { self.reason = reason }
}

extension MeshCertificateAuthority {
    /// The mesh identity a peer proves with `der` (its leaf certificate), checked as Envoy's
    /// validation context does with OSM's trusted CA (pkg/envoy/sds/response.go,
    /// getRootCert/getServiceCertSecret): signed by the mesh's current root, valid now, and
    /// naming a mesh identity in its DNS SAN (the common name when it has none). `expecting`:
    /// the identity the peer must be (the client side checks the server it meant to reach, as
    /// Envoy's upstream `match_subject_alt_names` does, pkg/envoy/cds/cluster.go).
    package func verifyPeer(der: [UInt8], expecting: ServiceIdentity? = nil) -> Result<ServiceIdentity, PeerCertificateRefusal> {
        guard let leaf = try? Certificate(derEncoded: der) else { return .failure(.init("certificate is not valid DER")) }
        let (root, retired, now) = lock.withLock { (self.rootForChecks, self.retiredRootKeys, self.now()) }
        let claimed = Self.identity(in: leaf, trustDomain: trustDomain)
        let claim = claimed.map { " claiming \($0.commonName(trustDomain: trustDomain))" } ?? ""
        guard leaf.issuer == root.certificate.subject,
            root.certificate.publicKey.isValidSignature(leaf.signature, for: leaf)
        else {
            if leaf.issuer == leaf.subject {
                return .failure(.init("unknown authority (self-signed certificate\(claim))"))
            }
            let authority = (try? leaf.extensions.authorityKeyIdentifier)??.keyIdentifier.map { Array($0) }
            if let authority, retired.contains(authority) {
                return .failure(.init("unknown authority (signed by a root that was rotated away\(claim))"))
            }
            return .failure(.init("unknown authority (not signed by the mesh's root\(claim))"))
        }
        if now > leaf.notValidAfter {
            return .failure(.init("certificate has expired (\(Self.stamp(leaf.notValidAfter))\(claim))"))
        }
        if now < leaf.notValidBefore {
            return .failure(.init("certificate is not yet valid (\(Self.stamp(leaf.notValidBefore))\(claim))"))
        }
        guard let identity = claimed else { return .failure(.init("certificate names no mesh identity")) }
        if let expecting, identity != expecting {
            return .failure(
                .init(
                    "certificate is for \(identity.commonName(trustDomain: trustDomain)), expected \(expecting.commonName(trustDomain: trustDomain))"
                ))
        }
        return .success(identity)
    }

    /// The identity in the DNS SAN OSM puts there, else in the common name.
    static func identity(in certificate: Certificate, trustDomain: String) -> ServiceIdentity? {
        let sans: SubjectAlternativeNames? = (try? certificate.extensions.subjectAlternativeNames) ?? nil
        for name in sans.map(Array.init) ?? [] {
            if case .dnsName(let dns) = name, let id = ServiceIdentity(commonName: dns, trustDomain: trustDomain) {
                return id
            }
        }
        for rdn in certificate.subject {
            for attribute in rdn where attribute.type == .RDNAttributeType.commonName {
                if let id = ServiceIdentity(commonName: "\(attribute.value)", trustDomain: trustDomain) { return id }
            }
        }
        return nil
    }

    package static func stamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: date)
    }
}
