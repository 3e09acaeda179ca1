import DataPlaneInterface
import MeshDeckTestSupport
import MeshModel
import NIOCore
import Testing

@testable import ConnectionEngine

/// The two local bypasses of issue 12: a foreign local process (here a raw socket; the real
/// `nc` in MeshDeckCLITests/ServeCommandTests) reaching a meshed app's own port without its
/// inbound sidecar, or writing an original destination to a pod's outbound sidecar as if it
/// were that pod. Both are refused by name; the engine's own connections still pass.
@Suite struct LocalBypassTests {
    /// A foreign connection is refused after this wait (short here, for a fast suite).
    private static var quick: EngineConfiguration {
        var c = EngineConfiguration()
        c.dialerProofSeconds = 0.2
        return c
    }

    private func refusals(_ log: EventLog) -> [String] {
        log.all.compactMap { if case .bypassRefused(_, let detail) = $0.kind { detail } else { nil } }
    }

    @Test func aMeshedAppAnswersOnlyItsInboundSidecar() async throws {
        let log = EventLog()
        try await withEngine(configuration: Self.quick, events: log) { engine in
            let pod = echoPods(engine)[0]
            let foreign = try RawSocket(engine.pods[pod]!.app[9000]!, receiveTimeout: 3)
            _ = await foreign.send("hello\n")
            foreign.shutdownWrite()
            let (reply, closed) = await foreign.readAll()
            #expect(reply == "" && closed, "\(reply) \(closed)")
            let refused = refusals(log)
            #expect(refused.count == 1)
            #expect(refused.first?.contains("→ \(pod)'s app port 9000: not dialed by its inbound sidecar") == true)
            #expect(refused.first?.hasPrefix("refused 127.0.0.1:") == true)
            // Through the mesh the same app answers (permissive mode).
            let probe = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
            #expect(probe.reply == "echo response: hello\n")
            #expect(refusals(log).count == 1)
        }
    }

    @Test func anOutboundSidecarServesOnlyItsPod() async throws {
        let log = EventLog()
        try await withEngine(configuration: Self.quick, events: log) { engine in
            let curl = engine.pods.keys.first { $0.namespace == "curl" }!
            // The attack of issue 12: write curl's original destination to curl's sidecar.
            let foreign = try RawSocket(curlOutbound(engine), receiveTimeout: 3)
            _ = await foreign.send("MDK-ORIG 7 tcp-echo.tcp-demo 9000\nhello\n")
            foreign.shutdownWrite()
            let (reply, closed) = await foreign.readAll()
            #expect(reply == "" && closed)
            #expect(refusals(log).first?.contains("→ \(curl)'s outbound sidecar: not dialed by the engine") == true)
            // The pod's own process (vouched for, as the engine's probe client is) passes.
            let own = try RawSocket(curlOutbound(engine), receiveTimeout: 3, asPodOf: engine)
            _ = await own.send(engine.outboundRequest(to: "tcp-echo.tcp-demo", port: 9000, payload: "hello\n"))
            own.shutdownWrite()
            #expect(await own.readAll().data == "echo response: hello\n")
            let probe = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
            #expect(probe.reply == "echo response: hello\n")
            #expect(refusals(log).count == 1)
            #expect(engine.vouchedDials == 0)
        }
    }

    @Test func withTheGuardOffAnyLocalProcessGetsIn() async throws {
        var configuration = EngineConfiguration()
        configuration.refuseLocalBypass = false
        try await withEngine(configuration: configuration) { engine in
            let foreign = try RawSocket(engine.pods[echoPods(engine)[0]]!.app[9000]!, receiveTimeout: 3)
            _ = await foreign.send("hello\n")
            foreign.shutdownWrite()
            #expect(await foreign.readAll().data == "echo response: hello\n")
        }
    }

    /// What a real pod's network allows stays allowed: an app without a sidecar (namespace
    /// `outside`, not in the mesh) and a meshed app's port excluded from its inbound sidecar
    /// (`inboundPortExclusionList`, pkg/injector/iptables.go) answer any local client.
    @Test func appsOutsideTheMeshAndExcludedPortsAnswerAnyone() async throws {
        var cluster = Scenario.walkthrough()
        try cluster.apply(try decode(TestManifests.outside))
        try cluster.apply(
            try decode(
                "apiVersion: config.openservicemesh.io/v1alpha2\nkind: MeshConfig\nmetadata: {name: osm-mesh-config, namespace: osm-system}\nspec:\n  traffic:\n    enablePermissiveTrafficPolicyMode: true\n    inboundPortExclusionList: [9000]\n"
            ))
        let log = EventLog()
        try await withEngine(cluster, configuration: Self.quick, events: log) { engine in
            let unmeshed = engine.pods.first { $0.key.namespace == "outside" && $0.key.name.hasPrefix("echo") }!.value
            let excluded = engine.pods[echoPods(engine)[0]]!
            for address in [unmeshed.app[9000]!, excluded.app[9000]!] {
                let socket = try RawSocket(address, receiveTimeout: 3)
                _ = await socket.send("hello\n")
                socket.shutdownWrite()
                #expect(await socket.readAll().data == "echo response: hello\n")
            }
            #expect(refusals(log).isEmpty)
        }
    }

    /// `serve`'s portals: one carries at most `maxPortalConnections` at once; the next is closed
    /// with the bound named, and the ones open go on.
    @Test func aPortalCarriesAtMostItsBound() async throws {
        var configuration = Self.quick
        configuration.maxPortalConnections = 1
        let log = EventLog()
        try await withEngine(configuration: configuration, events: log) { engine in
            let portal = try await engine.openPortal(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
            let first = try RawSocket(portal.address, receiveTimeout: 3)
            _ = await first.send("one\n")
            #expect(await first.read(until: "\n") == "echo response: one\n")
            let second = try RawSocket(portal.address, receiveTimeout: 3)
            _ = await second.send("two\n")
            #expect(await second.readAll().data == "")
            let limits = log.all.compactMap { if case .limitReached(let limit, _, _) = $0.kind { limit } else { nil } }
            #expect(limits.contains("maxPortalConnections"))
            first.shutdownWrite()
            #expect(await first.readAll().data == "")
            await portal.close()
        }
    }
}
