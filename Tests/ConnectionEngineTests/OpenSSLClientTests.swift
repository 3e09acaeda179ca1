import Foundation
import MeshModel
import Subprocess
import Testing

@testable import ConnectionEngine

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// The real `openssl s_client` (OpenSSL 3, as Debian ships it) against an inbound sidecar: it is
/// shown the destination's mesh certificate, and without one of its own, or with a
/// self-signed one claiming curl's identity, it never reaches the app.
@Suite struct OpenSSLClientTests {
    /// s_client's output (stdout and stderr) with `input` as its standard input.
    static func sClient(_ port: Int, _ extra: [String], input: [UInt8]) async throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-sclient-\(UUID())").path
        guard FileManager.default.createFile(atPath: path, contents: Data(input)) else { throw POSIXError(.EIO) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        unlink(path)
        let r = try await Subprocess.run(
            .name("openssl"),
            arguments: Arguments(["s_client", "-connect", "127.0.0.1:\(port)", "-tls1_3", "-ign_eof"] + extra),
            input: .fileDescriptor(FileDescriptor(rawValue: fd), closeAfterSpawningProcess: true),
            output: .string(limit: 1 << 20), error: .combinedWithOutput)
        return r.standardOutput
    }

    static func files(_ certificate: String, _ key: String) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-sclient-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try certificate.write(toFile: "\(directory)/cert.pem", atomically: true, encoding: .utf8)
        try key.write(toFile: "\(directory)/key.pem", atomically: true, encoding: .utf8)
        return ["-cert", "\(directory)/cert.pem", "-key", "\(directory)/key.pem"]
    }

    /// Short idle timeout: a tunnel that carried its stream closes soon, and s_client with it.
    static func engine() -> EngineConfiguration {
        var configuration = EngineConfiguration()
        configuration.idleTimeoutSeconds = 1
        return configuration
    }

    @Test func withoutACertificateItSeesTheMeshCertificateAndIsRefused() async throws {
        let log = EventLog()
        try await withEngine(try MutualTLSTests.smiWithPolicy(), configuration: Self.engine(), events: log) { engine in
            let port = try #require(try MutualTLSTests.inbound(engine).port)
            let output = try await Self.sClient(port, [], input: MutualTLSTests.tunnelAttack)
            #expect(output.contains("CN = tcp-echo.tcp-demo.cluster.local"), "\(output)")
            #expect(output.contains("TLSv1.3"))
            #expect(output.contains("certificate required"), "\(output)")
            #expect(!output.contains("echo response:"))
            #expect(
                await TunnelLimitsTests.eventually(3) {
                    MutualTLSTests.tlsRefusals(log).contains { $0.contains("peer did not return a certificate") }
                })
        }
    }

    @Test func aSelfSignedCertificateClaimingCurlGetsNoEcho() async throws {
        let log = EventLog()
        try await withEngine(try MutualTLSTests.smiWithPolicy(), configuration: Self.engine(), events: log) { engine in
            let port = try #require(try MutualTLSTests.inbound(engine).port)
            let (certificate, key) = try SelfSigned.curl()
            let output = try await Self.sClient(port, try Self.files(certificate, key), input: MutualTLSTests.tunnelAttack)
            #expect(!output.contains("echo response:"), "\(output)")
            #expect(
                await TunnelLimitsTests.eventually(3) {
                    MutualTLSTests.tlsRefusals(log).contains {
                        $0.contains("unknown authority (self-signed certificate claiming curl.curl.cluster.local)")
                    }
                })
        }
    }

    /// The control: curl's own mesh certificate and key, written out for openssl, get the echo.
    @Test func curlsMeshCertificateGetsTheEcho() async throws {
        try await withEngine(try MutualTLSTests.smiWithPolicy(), configuration: Self.engine()) { engine in
            let port = try #require(try MutualTLSTests.inbound(engine).port)
            let curl = try engine.certificates.certificate(for: SelfSigned.curlIdentity)
            let output = try await Self.sClient(
                port, try Self.files(curl.pem, curl.privateKeyPEM) + ["-quiet"], input: MutualTLSTests.tunnelAttack)
            #expect(output.contains("echo response: hello"), "\(output)")
        }
    }
}
