import DataPlaneInterface
import Foundation
import MeshCertificates
import MeshModel
import NIOCore
import PolicyEngine
import Testing

@testable import ConnectionEngine

/// Only the mesh gets in: an inbound sidecar takes the source identity from a certificate the
/// mesh's root signed, never from bytes. Each way in that OSM's sidecars refuse is tried over
/// real sockets, with a tunnel preamble and an OPEN frame for curl behind it, in SMI mode with
/// the walkthrough's TrafficTarget (curl may reach tcp-echo): a refused peer must not get the
/// echo, and the engine's event names the reason as Envoy's log does. The control: the same
/// bytes behind curl's real certificate get `echo response: hello`.
@Suite struct MutualTLSTests {
    static func smiWithPolicy() throws -> Cluster {
        var cluster = Scenario.walkthrough()
        cluster.setPermissive(false)
        try cluster.apply(try decode(Scenario.bundle(named: "smi-policy")!.yaml))
        return cluster
    }

    /// What a peer that believes it is curl's sidecar sends: the tunnel marker, one stream to
    /// tcp-echo:9000 with `hello`, and its end.
    static let tunnelAttack: [UInt8] =
        Array("MDK-TUNL\n".utf8) + TunnelPeer.open(1) + TunnelPeer.data(1, "hello\n") + TunnelPeer.fin(1)

    /// The pre-mTLS attack from the issue, byte for byte: an identity claimed in the preamble.
    static let claimedPreamble: [UInt8] =
        Array("MDK-TUNL curl/curl\n".utf8) + TunnelPeer.open(1) + TunnelPeer.data(1, "hello\n") + TunnelPeer.fin(1)

    /// Sends `bytes` to `address` and returns what came back, as text: up to `until` when
    /// given (a tunnel stays open after its stream), else until the engine closes.
    static func exchange(_ address: SocketAddress, _ bytes: [UInt8], until: String? = nil) async throws -> String {
        let socket = try RawSocket(address, receiveTimeout: 3)
        await socket.send(String(decoding: bytes, as: UTF8.self))
        if let until { return await socket.read(until: until) }
        let (reply, _) = await socket.readAll()
        return reply
    }

    static func tlsRefusals(_ log: EventLog) -> [String] {
        log.all.compactMap { if case .tlsRefused(_, let reason) = $0.kind { reason } else { nil } }
    }

    static func inbound(_ engine: MeshEngine) throws -> SocketAddress {
        try #require(engine.pods[echoPods(engine)[0]]?.inbound)
    }

    /// Runs `attack` against tcp-echo's inbound sidecar and expects no echo and a refusal
    /// event containing `reason`.
    func expectRefused(
        _ reason: String, plaintext: Bool = false, _ attack: (MeshEngine, SocketAddress) async throws -> String
    ) async throws {
        let log = EventLog()
        try await withEngine(try Self.smiWithPolicy(), events: log) { engine in
            let reply = try await attack(engine, try Self.inbound(engine))
            #expect(!reply.contains("echo response:"), "got through: \(reply)")
            // The refusal's alert can reach the peer before the event is emitted on the
            // engine's loop: wait for it.
            if plaintext {
                #expect(
                    await TunnelLimitsTests.eventually(3) {
                        log.all.contains { if case .plaintextRefused = $0.kind { true } else { false } }
                    })
            } else {
                let said = await TunnelLimitsTests.eventually(3) { Self.tlsRefusals(log).contains { $0.contains(reason) } }
                #expect(said, "events: \(Self.tlsRefusals(log))")
            }
            // No stream was ever decided: nothing reached the policy as curl.
            #expect(!log.all.contains { if case .verdict(_, .serverSidecar, _, _) = $0.kind { true } else { false } })
        }
    }

    /// Tunnels closed by the engine's shutdown (TCP closed without close_notify after the
    /// handshake) are no TLS refusal: a healthy run reports none.
    @Test func aHealthyRunReportsNoTLSError() async throws {
        let log = EventLog()
        let outcome = try await withEngine(events: log) { engine in
            try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000").outcome
        }
        #expect(outcome == .allowed)
        #expect(Self.tlsRefusals(log).isEmpty, "\(Self.tlsRefusals(log))")
    }

    @Test func curlsOwnCertificateGetsTheEcho() async throws {
        try await withEngine(try Self.smiWithPolicy()) { engine in
            let relay = try await meshRelay(engine, to: try Self.inbound(engine))
            let reply = try await Self.exchange(relay.address, Self.tunnelAttack, until: "hello\n")
            #expect(reply.contains("echo response: hello"))
        }
    }

    /// A tunnel whose certificate proves another identity: every stream is decided as that one
    /// (SMI: tcp-echo's own ServiceAccount is no source of the TrafficTarget), whatever it sends.
    @Test func aTunnelIsDecidedAsTheIdentityItsCertificateProves() async throws {
        let log = EventLog()
        try await withEngine(try Self.smiWithPolicy(), events: log) { engine in
            let relay = try await meshRelay(engine, to: try Self.inbound(engine), identity: "tcp-demo/tcp-echo")
            let reply = try await Self.exchange(relay.address, Self.tunnelAttack, until: "\n")
            #expect(!reply.contains("echo response:"))
            let verdict = log.kinds(1).lazy.compactMap { k -> Verdict? in
                if case .verdict(let v, .serverSidecar, _, _) = k { v } else { nil }
            }.first
            #expect(verdict?.allowed == false)
        }
    }

    @Test func theClaimedPreambleOfOldIsPlaintextAndRefused() async throws {
        try await expectRefused("", plaintext: true) { _, inbound in try await Self.exchange(inbound, Self.claimedPreamble) }
    }

    @Test func aTLSClientWithoutACertificateIsRefused() async throws {
        try await expectRefused("PEER_DID_NOT_RETURN_A_CERTIFICATE: peer did not return a certificate") { _, inbound in
            let relay = try await TLSRelay.start(to: inbound, certificate: nil)
            return try await Self.exchange(relay.address, Self.tunnelAttack)
        }
    }

    @Test func aSelfSignedCertificateClaimingCurlIsRefused() async throws {
        try await expectRefused(
            "CERTIFICATE_VERIFY_FAILED: unknown authority (self-signed certificate claiming curl.curl.cluster.local)"
        ) { _, inbound in
            let (certificate, key) = try SelfSigned.curl()
            let relay = try await TLSRelay.start(to: inbound, certificatePEM: certificate, keyPEM: key)
            return try await Self.exchange(relay.address, Self.tunnelAttack)
        }
    }

    @Test func aCertificateFromAnotherCAIsRefused() async throws {
        try await expectRefused("CERTIFICATE_VERIFY_FAILED: unknown authority (not signed by the mesh's root") { _, inbound in
            let stranger = try MeshCertificateAuthority().certificate(for: SelfSigned.curlIdentity)
            let relay = try await TLSRelay.start(to: inbound, certificate: stranger)
            return try await Self.exchange(relay.address, Self.tunnelAttack)
        }
    }

    @Test func anExpiredCertificateIsRefused() async throws {
        try await expectRefused("CERTIFICATE_VERIFY_FAILED: certificate has expired") { engine, inbound in
            let expired = try engine.certificates.expire(SelfSigned.curlIdentity)
            let relay = try await TLSRelay.start(to: inbound, certificate: expired)
            return try await Self.exchange(relay.address, Self.tunnelAttack)
        }
    }

    @Test func aCertificateOfARotatedRootIsRefused() async throws {
        try await expectRefused("unknown authority (signed by a root that was rotated away") { engine, inbound in
            let old = try engine.certificates.certificate(for: SelfSigned.curlIdentity)
            try await engine.rotateRoot()
            let relay = try await TLSRelay.start(to: inbound, certificate: old)
            return try await Self.exchange(relay.address, Self.tunnelAttack)
        }
    }

    /// Without tunnels, the same: `MDK-MESH` carries no identity, the certificate does.
    @Test func thePerConnectionPathTakesTheIdentityFromTheCertificate() async throws {
        var configuration = EngineConfiguration()
        configuration.sidecarTunnels = false
        let log = EventLog()
        try await withEngine(try Self.smiWithPolicy(), configuration: configuration, events: log) { engine in
            let inbound = try Self.inbound(engine)
            let curl = try await meshRelay(engine, to: inbound)
            #expect(try await Self.exchange(curl.address, Array("MDK-MESH 881 9000\nhello\n".utf8)) == "echo response: hello\n")
            // A mesh certificate of another identity: the policy, asked about that one, denies.
            let other = try await meshRelay(engine, to: inbound, identity: "tcp-demo/tcp-echo")
            #expect(try await Self.exchange(other.address, Array("MDK-MESH 882 9000\nhello\n".utf8)) == "")
            let verdict = log.kinds(882).lazy.compactMap { k -> Verdict? in
                if case .verdict(let v, .serverSidecar, _, _) = k { v } else { nil }
            }.first
            #expect(verdict?.allowed == false)
            // And plaintext with the old preamble naming curl: refused as plaintext.
            #expect(try await Self.exchange(inbound, Array("MDK-MESH 883 curl/curl 9000\nhello\n".utf8)) == "")
            #expect(log.kinds(883).isEmpty)
        }
    }
}

/// Certificates no mesh CA issued, made here with swift-certificates.
enum SelfSigned {
    static let curlIdentity = ServiceIdentity(serviceAccount: "curl", namespace: "curl")

    /// A self-signed P-256 certificate with curl's mesh identity as common name and SAN, and
    /// its key, as PEM.
    static func curl() throws -> (certificate: String, key: String) {
        try make(commonName: curlIdentity.commonName())
    }
}
