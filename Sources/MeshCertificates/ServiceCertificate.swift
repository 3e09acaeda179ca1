import Crypto
import Foundation
import SwiftASN1
import X509

/// A service certificate: what the mesh gives every proxy of one ServiceAccount, to present to
/// its peers and to prove who it is.
///
/// Issued as Tresor issues it (pkg/certificate/providers/tresor/certificate_manager.go,
/// IssueCertificate): subject common name the identity, organization "Open Service Mesh", the
/// common name again as the one DNS SAN, key usage digital-signature and key-encipherment,
/// extended key usage client and server authentication, not a CA. ECDSA P-256 (OSM: RSA 2048,
/// see RootCertificate).
package struct ServiceCertificate: Sendable {
    package let identity: ServiceIdentity
    package let certificate: Certificate
    package let privateKey: Certificate.PrivateKey
    /// The serial of the root that signed it.
    let rootSerial: Certificate.SerialNumber

    package var notValidBefore: Date { certificate.notValidBefore }
    package var notValidAfter: Date { certificate.notValidAfter }
    package var serial: Certificate.SerialNumber { certificate.serialNumber }

    /// Signs a new certificate for `identity` with `root`, valid `validity` seconds from `now`.
    init(identity: ServiceIdentity, root: RootCertificate, trustDomain: String, validity: Double, now: Date) throws {
        let key = P256.Signing.PrivateKey()
        // X.509 times are whole seconds and the encoder rounds: a certificate made at 10.7 s
        // would say it starts at 11 s, and a peer checking it at once finds it "not yet valid".
        let start = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let commonName = identity.commonName(trustDomain: trustDomain)
        let subject = try DistinguishedName {
            OrganizationName(RootCertificate.organization)
            CommonName(commonName)
        }
        let publicKey = Certificate.PublicKey(key.publicKey)
        let rootKeyID = try root.certificate.extensions.subjectKeyIdentifier?.keyIdentifier
        certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
            notValidBefore: start, notValidAfter: start.addingTimeInterval(validity),
            issuer: root.certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.clientAuth, .serverAuth])
                SubjectAlternativeNames([.dnsName(commonName)])
                AuthorityKeyIdentifier(keyIdentifier: rootKeyID)
            },
            issuerPrivateKey: root.privateKey)
        self.identity = identity
        self.privateKey = Certificate.PrivateKey(key)
        self.rootSerial = root.serial
    }

    /// The certificate as PEM (`-----BEGIN CERTIFICATE-----`).
    package var pem: String { (try? certificate.serializeAsPEM().pemString) ?? "" }

    /// The private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), as OSM's SDS hands it
    /// to Envoy.
    package var privateKeyPEM: String { (try? privateKey.serializeAsPEM().pemString) ?? "" }

    /// The DER bytes.
    package var der: [UInt8] {
        var serializer = DER.Serializer()
        try? serializer.serialize(certificate)
        return serializer.serializedBytes
    }
}
