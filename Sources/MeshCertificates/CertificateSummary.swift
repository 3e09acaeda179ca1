import Crypto
import Foundation
import SwiftASN1
import X509

/// What `meshdeck certs` and the dashboard show of a certificate, in the words and formats
/// `openssl x509 -noout -subject -issuer -serial -dates -fingerprint -sha256 -ext
/// subjectAltName` prints them, so what a trainer reads here is what openssl says.
package struct CertificateSummary: Sendable, Equatable, Codable {
    package var identity: String
    package var subject: String
    package var subjectAlternativeNames: [String]
    package var issuer: String
    /// Upper-case hex, as `openssl x509 -serial` prints it.
    package var serial: String
    package var notBefore: Date
    package var notAfter: Date
    /// SHA-256 of the DER, upper-case hex pairs joined by colons, as `-fingerprint -sha256`.
    package var fingerprint: String

    package init(_ issued: ServiceCertificate) {
        let certificate = issued.certificate
        identity = issued.identity.description
        subject = Self.openSSLName(certificate.subject)
        subjectAlternativeNames =
            ((try? certificate.extensions.subjectAlternativeNames) ?? nil)?.map { name in
                if case .dnsName(let dns) = name { return "DNS:\(dns)" }
                return "\(name)"
            } ?? []
        issuer = Self.openSSLName(certificate.issuer)
        serial = certificate.serialNumber.bytes.map { String(format: "%02X", $0) }.joined()
        notBefore = certificate.notValidBefore
        notAfter = certificate.notValidAfter
        fingerprint = SHA256.hash(data: issued.der).map { String(format: "%02X", $0) }.joined(separator: ":")
    }

    /// `C = US, L = CA, O = Open Service Mesh, CN = osm-ca.openservicemesh.io`: openssl's
    /// default (oneline, RFC 2253 order reversed back to the certificate's).
    package static func openSSLName(_ name: DistinguishedName) -> String {
        name.flatMap { rdn in
            rdn.map { attribute -> String in
                let key = Self.shortNames[attribute.type] ?? attribute.type.description
                return "\(key) = \(attribute.value)"
            }
        }.joined(separator: ", ")
    }

    private static let shortNames: [ASN1ObjectIdentifier: String] = [
        .RDNAttributeType.commonName: "CN", .RDNAttributeType.countryName: "C",
        .RDNAttributeType.localityName: "L", .RDNAttributeType.organizationName: "O",
        .RDNAttributeType.organizationalUnitName: "OU", .RDNAttributeType.stateOrProvinceName: "ST",
    ]
}
