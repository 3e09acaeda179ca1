import Crypto
import Foundation
import SwiftASN1
import X509

/// The mesh's root: a self-signed CA certificate and its key, made in memory for one run.
///
/// Its subject is Tresor's, OSM's default provider: common name `osm-ca.openservicemesh.io`
/// (pkg/constants/constants.go, CertificationAuthorityCommonName), country US, locality CA,
/// organization "Open Service Mesh" (pkg/certificate/providers/config.go), valid for a decade
/// (CertificationAuthorityRootValidityPeriod), key usage cert-sign and CRL-sign
/// (pkg/certificate/providers/tresor/ca.go, NewCA). OSM's key is RSA 2048; MeshDeck's is
/// ECDSA P-256, which takes microseconds to make instead of tens of milliseconds and which
/// every TLS 1.3 peer (openssl, curl, Envoy) accepts.
package struct RootCertificate: Sendable {
    package static let commonName = "osm-ca.openservicemesh.io"
    package static let organization = "Open Service Mesh"
    /// 87,600 hours.
    package static let validity: Double = 87_600 * 3600

    package let certificate: Certificate
    /// swift-certificates' wrapper: Sendable, which swift-crypto 3's key type is not.
    let privateKey: Certificate.PrivateKey

    /// A new root, valid from `now` (a minute earlier, for clocks a little behind).
    package init(now: Date = Date()) throws {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            CountryName("US")
            LocalityName("CA")
            OrganizationName(Self.organization)
            CommonName(Self.commonName)
        }
        let publicKey = Certificate.PublicKey(key.publicKey)
        certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-60), notValidAfter: now.addingTimeInterval(Self.validity),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: publicKey)
            },
            issuerPrivateKey: Certificate.PrivateKey(key))
        privateKey = Certificate.PrivateKey(key)
    }

    /// Tells roots apart: a certificate issued under an earlier root must be issued again.
    package var serial: Certificate.SerialNumber { certificate.serialNumber }

    package var pem: String { (try? certificate.serializeAsPEM().pemString) ?? "" }
}
