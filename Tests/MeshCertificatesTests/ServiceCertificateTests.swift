import Crypto
import Foundation
import Testing
import X509

@testable import MeshCertificates

/// The certificates the mesh's CA issues, read back by swift-certificates and by openssl.
@Suite struct ServiceCertificateTests {
    let curl = ServiceIdentity(serviceAccount: "curl", namespace: "curl")

    /// pkg/certificate/providers/tresor/certificate_manager.go (IssueCertificate) and
    /// pkg/certificate/options.go (formatCN): CN and DNS SAN `<sa>.<ns>.cluster.local`,
    /// organization "Open Service Mesh", client and server auth, not a CA.
    @Test func aServiceCertificateNamesItsServiceAccountAsOSMDoes() throws {
        let ca = try MeshCertificateAuthority()
        let issued = try ca.certificate(for: curl)
        let summary = CertificateSummary(issued)
        #expect(summary.identity == "curl/curl")
        #expect(summary.subject == "O = Open Service Mesh, CN = curl.curl.cluster.local")
        #expect(summary.subjectAlternativeNames == ["DNS:curl.curl.cluster.local"])
        #expect(summary.issuer == "C = US, L = CA, O = Open Service Mesh, CN = osm-ca.openservicemesh.io")
        let extensions = issued.certificate.extensions
        #expect(try extensions.basicConstraints == .notCertificateAuthority)
        #expect(try extensions.extendedKeyUsage?.contains(.clientAuth) == true)
        #expect(try extensions.extendedKeyUsage?.contains(.serverAuth) == true)
        #expect(try extensions.keyUsage?.digitalSignature == true)
        #expect(try extensions.keyUsage?.keyCertSign == false)
    }

    /// pkg/configurator/methods.go: 24h unless MeshConfig says otherwise.
    @Test func validityIsTwentyFourHoursUnlessTheMeshConfigSaysOtherwise() throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let ca = try MeshCertificateAuthority(clock: { start })
        let issued = try ca.certificate(for: curl)
        #expect(issued.notValidBefore == start)
        #expect(issued.notValidAfter == start.addingTimeInterval(24 * 3600))
        ca.validity = CertificateValidity(serviceCertValidityDuration: "90m")
        try ca.rotateRoot()  // so the next ask issues anew
        #expect(try ca.certificate(for: curl).notValidAfter == start.addingTimeInterval(90 * 60))
    }

    /// The root is Tresor's: pkg/constants/constants.go (CertificationAuthorityCommonName, a
    /// decade) and pkg/certificate/providers/tresor/ca.go (a CA that signs certificates).
    @Test func theRootIsTresorsRoot() throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let root = try RootCertificate(now: start)
        #expect(
            CertificateSummary.openSSLName(root.certificate.subject) == CertificateSummary.openSSLName(root.certificate.issuer))
        #expect(try root.certificate.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: nil))
        #expect(try root.certificate.extensions.keyUsage?.keyCertSign == true)
        #expect(root.certificate.notValidAfter == start.addingTimeInterval(87_600 * 3600))
    }

    /// What the summary says is what openssl says of the same PEM, and openssl verifies the
    /// certificate against the mesh's root (and not against another CA's).
    @Test func opensslReadsWhatTheSummarySaysAndVerifiesTheChain() async throws {
        let ca = try MeshCertificateAuthority()
        let issued = try ca.certificate(for: curl)
        let summary = CertificateSummary(issued)
        let openssl = try OpenSSL()
        defer { openssl.remove() }
        let leaf = try openssl.file("curl.pem", issued.pem)
        let root = try openssl.file("root.pem", ca.currentRoot.pem)
        let read = try await openssl.run([
            "x509", "-in", leaf, "-noout", "-subject", "-issuer", "-serial", "-fingerprint", "-sha256", "-ext",
            "subjectAltName",
        ])
        #expect(read.status == 0, "\(read.output)")
        #expect(read.output.contains("subject=\(summary.subject)\n"), "\(read.output)")
        #expect(read.output.contains("issuer=\(summary.issuer)\n"), "\(read.output)")
        #expect(read.output.contains("serial=\(summary.serial)\n"), "\(read.output)")
        #expect(read.output.contains("sha256 Fingerprint=\(summary.fingerprint)\n"), "\(read.output)")
        #expect(read.output.contains("DNS:curl.curl.cluster.local"), "\(read.output)")

        let verified = try await openssl.run(["verify", "-CAfile", root, leaf])
        #expect(verified.status == 0 && verified.output.contains(": OK"), "\(verified.output)")
        let other = try openssl.file("other-root.pem", try RootCertificate().pem)
        let refused = try await openssl.run(["verify", "-CAfile", other, leaf])
        #expect(refused.status != 0, "\(refused.output)")

        // The key is the certificate's: openssl derives the same public key from both.
        let key = try openssl.file("curl-key.pem", issued.privateKeyPEM)
        let fromKey = try await openssl.run(["pkey", "-in", key, "-pubout"])
        let fromCert = try await openssl.run(["x509", "-in", leaf, "-noout", "-pubkey"])
        #expect(fromKey.status == 0 && fromKey.output == fromCert.output, "\(fromKey.output)\n\(fromCert.output)")
    }

    /// swift-certificates' RFC 5280 verifier: valid under the current root within the validity,
    /// refused once expired, and refused under a rotated root.
    @Test func aCertificateVerifiesUnderItsRootUntilItExpiresOrTheRootRotates() async throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let ca = try MeshCertificateAuthority(clock: { start })
        let issued = try ca.certificate(for: curl)
        #expect(await Self.verifies(issued, under: ca.currentRoot, at: start.addingTimeInterval(3600)))
        #expect(!(await Self.verifies(issued, under: ca.currentRoot, at: start.addingTimeInterval(25 * 3600))))
        try ca.rotateRoot()
        #expect(!(await Self.verifies(issued, under: ca.currentRoot, at: start.addingTimeInterval(3600))))
        let reissued = try ca.certificate(for: curl)
        #expect(reissued.serial != issued.serial)
        #expect(await Self.verifies(reissued, under: ca.currentRoot, at: start.addingTimeInterval(3600)))
    }

    static func verifies(_ issued: ServiceCertificate, under root: RootCertificate, at time: Date) async -> Bool {
        var verifier = Verifier(rootCertificates: CertificateStore([root.certificate])) {
            RFC5280Policy(validationTime: time)
        }
        if case .validCertificate = await verifier.validate(leaf: issued.certificate, intermediates: CertificateStore()) {
            return true
        }
        return false
    }
}
