import DataPlaneInterface
import Foundation
import MeshCertificates
import MeshDeckTestSupport
import MeshModel
import NIOCore
import PolicyEngine
import Testing

@testable import ConnectionEngine

/// The CA's faults a trainer can cause, and the bound on handshakes, as a probe sees them.
@Suite struct CertificateFaultTests {
    static let echo = "tcp-echo.tcp-demo:9000"

    static func noRenewal() -> EngineConfiguration {
        var configuration = EngineConfiguration()
        configuration.certificateCheckSeconds = 3600
        return configuration
    }

    static func changes(_ log: EventLog) -> [String] {
        log.all.compactMap { if case .certificateChanged(let id, let change) = $0.kind { "\(id): \(change)" } else { nil } }
    }

    /// The client's certificate expired: its next tunnel is refused by tcp-echo's inbound
    /// sidecar, and the probe says why; the renewal check issues a new one and it gets in.
    @Test(arguments: [true, false])
    func anExpiredClientCertificateFailsTheNextConnectionUntilRenewed(tunnels: Bool) async throws {
        var configuration = Self.noRenewal()
        configuration.sidecarTunnels = tunnels
        let log = EventLog()
        try await withEngine(configuration: configuration, events: log) { engine in
            #expect(try await engine.probe(from: "curl/curl", to: Self.echo).outcome == .allowed)
            #expect(try await engine.expireCertificate(of: "curl/curl") == "curl.curl.cluster.local")
            let refused = try await engine.probe(from: "curl/curl", to: Self.echo)
            #expect(refused.outcome == .error)
            #expect(refused.reply.isEmpty)
            #expect(refused.reason.contains("CERTIFICATE_VERIFY_FAILED: certificate has expired"), "\(refused.reason)")
            MeshEngine.checkCertificates(engine.state)
            #expect(Self.changes(log).contains { $0.hasPrefix("curl.curl.cluster.local: renewed") })
            let renewed = try await engine.probe(from: "curl/curl", to: Self.echo)
            #expect(renewed.outcome == .allowed, "\(renewed.reason)")
        }
    }

    /// MeshConfig's `serviceCertValidityDuration` at 2s: certificates run out on their own, and
    /// the next connection after that fails with the expiry in Envoy's words until the renewal
    /// check (OSM's rotation ticker) issues new ones, with an event that says so.
    @Test func aShortValidityFromTheMeshConfigExpiresUntilRenewed() async throws {
        var cluster = Scenario.walkthrough()
        var config = try #require(cluster.meshConfig)
        config.serviceCertValidityDuration = "2s"
        _ = try cluster.apply([.meshConfig(config)])
        var configuration = Self.noRenewal()
        configuration.sidecarTunnels = false
        let log = EventLog()
        try await withEngine(cluster, configuration: configuration, events: log) { engine in
            #expect(try await engine.probe(from: "curl/curl", to: Self.echo).outcome == .allowed)
            try await Task.sleep(for: .seconds(3))
            let refused = try await engine.probe(from: "curl/curl", to: Self.echo)
            #expect(refused.outcome == .error)
            #expect(refused.reason.contains("certificate has expired"), "\(refused.reason)")
            MeshEngine.checkCertificates(engine.state)
            #expect(Self.changes(log).contains { $0.hasPrefix("curl.curl.cluster.local: renewed") }, "\(Self.changes(log))")
            let renewed = try await engine.probe(from: "curl/curl", to: Self.echo)
            #expect(renewed.outcome == .allowed, "\(renewed.reason)")
        }
    }

    /// The server's certificate expired: the client sidecar's own check refuses it.
    @Test func anExpiredServerCertificateIsRefusedByTheClientSidecar() async throws {
        try await withEngine(configuration: Self.noRenewal()) { engine in
            try await engine.expireCertificate(of: "tcp-demo/tcp-echo")
            let refused = try await engine.probe(from: "curl/curl", to: Self.echo)
            #expect(refused.outcome == .error)
            #expect(refused.reason.contains("certificate has expired (") && refused.reason.contains("tcp-echo.tcp-demo"))
        }
    }

    /// A server presenting a valid mesh certificate of another identity (a pod holding another's
    /// key) is refused by the client sidecar, which checks the name it meant to reach.
    @Test func aServerWithAnotherIdentitysCertificateIsRefused() async throws {
        try await withEngine(configuration: Self.noRenewal()) { engine in
            let other = try engine.certificates.certificate(
                for: ServiceIdentity(serviceAccount: "bookbuyer", namespace: "bookstore"))
            try engine.state.tls.install(other, as: ServiceIdentity(serviceAccount: "tcp-echo", namespace: "tcp-demo"))
            let refused = try await engine.probe(from: "curl/curl", to: Self.echo)
            #expect(refused.outcome == .error)
            #expect(
                refused.reason.contains(
                    "certificate is for bookbuyer.bookstore.cluster.local, expected tcp-echo.tcp-demo.cluster.local"),
                "\(refused.reason)")
        }
    }

    /// OSM's certificate manager renews on its own ticker: with a short one the expired
    /// certificate is replaced without anyone asking, and the event says so.
    @Test func theRenewalCheckRunsOnItsOwn() async throws {
        var configuration = EngineConfiguration()
        configuration.certificateCheckSeconds = 0.1
        let log = EventLog()
        try await withEngine(configuration: configuration, events: log) { engine in
            #expect(try await engine.probe(from: "curl/curl", to: Self.echo).outcome == .allowed)
            try await engine.expireCertificate(of: "curl/curl")
            let renewed = await TunnelLimitsTests.eventually {
                Self.changes(log).contains { $0.hasPrefix("curl.curl.cluster.local: renewed") }
            }
            #expect(renewed)
            #expect(try await engine.probe(from: "curl/curl", to: Self.echo).outcome == .allowed)
        }
    }

    /// Rotating the root closes the open tunnels; the next probe dials a new one, and both
    /// ends now hold certificates of the new root.
    @Test func aRotatedRootReestablishesTunnelsUnderTheNewRoot() async throws {
        let log = EventLog()
        try await withEngine(events: log) { engine in
            #expect(try await engine.probe(from: "curl/curl", to: Self.echo).outcome == .allowed)
            let before = TunnelTests.tunnelsOpened(log)
            #expect(engine.openTunnelCount == 1)
            #expect(try await engine.rotateRoot() == 1)
            #expect(log.all.contains { if case .rootRotated(1) = $0.kind { true } else { false } })
            let after = try await engine.probe(from: "curl/curl", to: Self.echo)
            #expect(after.outcome == .allowed, "\(after.reason)")
            #expect(TunnelTests.tunnelsOpened(log) == before + 1)
            for certificate in engine.certificates.issued {
                #expect(
                    engine.certificates.verifyPeer(der: certificate.der).map(\.description)
                        == .success(certificate.identity.description))
            }
        }
    }

    @Test func theDataPlaneProtocolCarriesTheFaults() async throws {
        try await withEngine(configuration: Self.noRenewal()) { (engine: MeshEngine) async throws -> Void in
            let plane: any MeshDataPlane = engine
            #expect(try await plane.expireCertificate(of: "curl/curl") == "curl.curl.cluster.local")
            #expect(try await plane.probe(from: "curl/curl", to: Self.echo).outcome == .error)
            await #expect(throws: QueryError.self) { try await plane.expireCertificate(of: "nowhere/nothing") }
        }
    }

    /// One TLS context per identity, reused for every handshake, and built again only when its
    /// certificate changes (here: expired by the fault, then renewed by the check).
    @Test func aContextIsBuiltOncePerCertificate() async throws {
        try await withEngine(configuration: Self.noRenewal()) { (engine: MeshEngine) async throws -> Void in
            let curl = ObjectKey(namespace: "curl", name: "curl")
            let first = try engine.state.tls.context(for: curl)
            #expect(try engine.state.tls.context(for: curl) === first)
            #expect(try await engine.probe(from: "curl/curl", to: Self.echo).outcome == .allowed)
            #expect(try engine.state.tls.context(for: curl) === first)
            #expect(engine.state.tls.renewDue().isEmpty)
            #expect(try engine.state.tls.context(for: curl) === first)
            try await engine.expireCertificate(of: "curl/curl")
            let expired = try engine.state.tls.context(for: curl)
            #expect(expired !== first)
            #expect(engine.state.tls.renewDue().map(\.identity.description) == ["curl/curl"])
            #expect(try engine.state.tls.context(for: curl) !== expired)
        }
    }

    /// The dashboard tests' in-memory data plane answers the faults as the engine does (without
    /// a renewal check): the same identity, and the probe's error names the expiry.
    @Test func theInMemoryDataPlaneAgreesWithTheEngine() async throws {
        let memory = InMemoryDataPlane(Scenario.walkthrough())
        try await withEngine(configuration: Self.noRenewal()) { (engine: MeshEngine) async throws -> Void in
            for plane in [engine, memory] as [any MeshDataPlane] {
                #expect(try await plane.expireCertificate(of: "curl/curl") == "curl.curl.cluster.local")
                let refused = try await plane.probe(from: "curl/curl", to: Self.echo)
                #expect(refused.outcome == .error)
                #expect(
                    refused.reason.hasPrefix("TLS error: CERTIFICATE_VERIFY_FAILED: certificate has expired"), "\(refused.reason)"
                )
                _ = try await plane.rotateRoot()
                #expect(try await plane.probe(from: "curl/curl", to: Self.echo).outcome == .allowed)
            }
        }
    }

    /// Handshakes that stall hold a slot each; past `maxHandshakesInFlight` a new TLS connection
    /// is closed at once with the bound named, and once they go, the mesh handshakes again.
    @Test func handshakesInFlightAreBounded() async throws {
        var configuration = EngineConfiguration()
        configuration.maxHandshakesInFlight = 2
        let log = EventLog()
        try await withEngine(configuration: configuration, events: log) { engine in
            let inbound = try MutualTLSTests.inbound(engine)
            var stalled: [RawSocket] = []
            for _ in 0..<2 {
                let s = try RawSocket(inbound, receiveTimeout: 0.3)
                await s.send("\u{16}\u{03}\u{01}")
                stalled.append(s)
            }
            #expect(await TunnelLimitsTests.eventually { engine.state.handshakes.count == 2 })
            let third = try RawSocket(inbound, receiveTimeout: 3)
            await third.send("\u{16}\u{03}\u{01}")
            #expect(await third.readAll() == ("", true))
            #expect(
                log.all.contains {
                    if case .limitReached("maxHandshakesInFlight", _, _) = $0.kind { true } else { false }
                })
            stalled = []
            #expect(await TunnelLimitsTests.eventually { engine.state.handshakes.count == 0 })
            #expect(try await engine.probe(from: "curl/curl", to: Self.echo).outcome == .allowed)
            _ = stalled
        }
    }
}
