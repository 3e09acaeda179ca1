import Foundation
import MeshDeckCLI
import MeshDeckTestSupport
import Testing
import Yams

/// `meshdeck certs`: the mesh's service certificates, as OSM v1.2 issues them, read by openssl.
@Suite struct CertsCLITests {
    @Test func everyServiceAccountWithMeshedPodsHasOneCertificate() async {
        let run = await CLIRun(["certs"])
        #expect(run.code == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("IDENTITY") == true)
        #expect(lines.contains { $0.hasPrefix("curl.curl.cluster.local ") })
        #expect(lines.contains { $0.hasPrefix("tcp-echo.tcp-demo.cluster.local ") })
        #expect(lines.count(where: { $0.hasSuffix("…") }) == 2, "\(run.stdout)")
        #expect(lines.allSatisfy { $0.count <= 80 }, "fits a presenter's 80 columns:\n\(run.stdout)")
    }

    /// The walkthrough's MeshConfig with service certificates valid for 90 minutes.
    static let ninetyMinutes = """
        apiVersion: config.openservicemesh.io/v1alpha2
        kind: MeshConfig
        metadata: {name: osm-mesh-config, namespace: osm-system}
        spec:
          traffic: {enablePermissiveTrafficPolicyMode: true}
          certificate: {serviceCertValidityDuration: 90m, certKeyBitSize: 2048}
        """

    @Test func oneWorkloadIsDescribedWithItsValidityFromTheMeshConfig() async {
        let run = await CLIRun(["certs", "curl/curl", "-f", "-"], stdin: Self.ninetyMinutes)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Identity:    curl.curl.cluster.local (ServiceAccount curl/curl)\n"))
        #expect(run.stdout.contains("Subject:     O = Open Service Mesh, CN = curl.curl.cluster.local\n"))
        #expect(run.stdout.contains("SANs:        DNS:curl.curl.cluster.local\n"))
        #expect(run.stdout.contains("Issuer:      C = US, L = CA, O = Open Service Mesh, CN = osm-ca.openservicemesh.io\n"))
        #expect(run.stdout.contains("(5400s: MeshConfig spec.certificate.serviceCertValidityDuration)"), "\(run.stdout)")
    }

    /// pkg/configurator/methods.go: a duration Go cannot parse means 24h.
    @Test func aValidityGoCannotParseIsTwentyFourHoursWithAWarning() async {
        let meshConfig = """
            apiVersion: config.openservicemesh.io/v1alpha2
            kind: MeshConfig
            metadata: {name: osm-mesh-config, namespace: osm-system}
            spec:
              certificate: {serviceCertValidityDuration: one day, certKeyBitSize: 2048}
            """
        let run = await CLIRun(["certs", "curl/curl", "-f", "-"], stdin: meshConfig)
        #expect(run.code == 0)
        #expect(run.stderr.contains("warning: MeshConfig spec.certificate.serviceCertValidityDuration 'one day'"))
        #expect(run.stdout.contains("(24h: MeshConfig"), "\(run.stdout)")
    }

    @Test func aWorkloadWithoutASidecarHasNoCertificateAndSaysWhy() async {
        let run = await CLIRun(["certs", "default/ghost"])
        #expect(run.code == 2)
        #expect(run.stderr == "error: no workload or pod default/ghost in the cluster")
        let plain = await CLIRun(["certs", "nope"])
        #expect(plain.code == 2)
        #expect(plain.stderr.contains("'nope' is not NS/WORKLOAD"))
    }

    /// The YAML carries the PEM as a block, and openssl reads and verifies it against the root
    /// `--root-pem` prints in the same run: the real binary, twice, would make two CAs.
    @Test func theYAMLCarriesThePEMThatOpensslVerifies() async throws {
        let run = await CLIRun(["certs", "tcp-demo/tcp-echo", "-o", "yaml"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  pem: |-\n    -----BEGIN CERTIFICATE-----\n"), "\(run.stdout)")
        let list = try #require(try Yams.load(yaml: run.stdout) as? [[String: Any]])
        let pem = try #require(list.first?["pem"] as? String)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-certs-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try (pem + "\n").write(toFile: "\(directory)/echo.pem", atomically: true, encoding: .utf8)
        let read = try await Spawn.run(
            "openssl", ["x509", "-in", "\(directory)/echo.pem", "-noout", "-subject", "-fingerprint", "-sha256"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout.contains("subject=O = Open Service Mesh, CN = tcp-echo.tcp-demo.cluster.local"))
        let fingerprint = try #require(list.first?["fingerprint"] as? String)
        #expect(read.stdout.contains("sha256 Fingerprint=\(fingerprint)"))
    }

    @Test func pemPrintsEveryCertificateForOpenssl() async throws {
        let run = await CLIRun(["certs", "--pem"])
        #expect(run.code == 0)
        #expect(run.stdout.components(separatedBy: "-----BEGIN CERTIFICATE-----").count == 3)
        let root = await CLIRun(["certs", "--root-pem"])
        #expect(root.stdout.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
        let both = await CLIRun(["certs", "--pem", "-o", "json"])
        #expect(both.code == 2)
    }
}

/// `explain` tells the mTLS facts of a mesh hop: who presents which certificate, who verifies
/// it, and how long each stays valid (MeshConfig's serviceCertValidityDuration), in both languages.
@Suite struct ExplainCertificateFactsTests {
    @Test func aMeshHopNamesBothIdentitiesAndTheirValidity() async {
        let run = await CLIRun(
            ["explain", "-f", "-", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000"], stdin: CertsCLITests.ninetyMinutes)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "- mTLS between the sidecars: the client presents curl.curl.cluster.local and verifies the server is tcp-echo.tcp-demo.cluster.local;"
            ), "\(run.stdout)")
        #expect(run.stdout.contains("- the certificate of curl.curl.cluster.local is valid for 1h30m more"), "\(run.stdout)")
        #expect(run.stdout.contains("- the certificate of tcp-echo.tcp-demo.cluster.local is valid for 1h30m more"))
        let zh = await CLIRun(
            ["explain", "--lang", "zh", "-f", "-", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000"],
            stdin: CertsCLITests.ninetyMinutes, unicode: true)
        #expect(zh.stdout.contains("- curl.curl.cluster.local 的证书还有 1 小时 30 分 有效"), "\(zh.stdout)")
    }

    /// A source without a sidecar talks plaintext: no certificate is part of it.
    @Test func aPlaintextHopHasNoCertificateFacts() async {
        let run = await CLIRun(
            ["explain", "-f", "-", "--from", "outside/client", "--to", "tcp-echo.tcp-demo:9000"],
            stdin: TestManifests.outside)
        #expect(run.stdout.contains("DENIED"), "\(run.stdout)")
        #expect(!run.stdout.contains("mTLS between") && !run.stdout.contains("certificate of"), "\(run.stdout)")
    }
}
