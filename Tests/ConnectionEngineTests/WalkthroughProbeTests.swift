import Foundation
import MeshModel
import PolicyEngine
import Testing

@testable import ConnectionEngine

/// The walkthrough's three probes, as real bytes through real sidecars: through tunnels
/// between the sidecars (the default), with a sidecar-to-sidecar connection per probe, and
/// with every loop running every pod (`LoopPlacement.worker`).
@Suite struct WalkthroughProbeTests {
    @Test(arguments: [(true, LoopPlacement.container), (false, .container), (true, .worker), (false, .worker)])
    func permissiveOffPolicyOn(tunnels: Bool, placement: LoopPlacement) async throws {
        var cluster = Scenario.walkthrough()
        let log = EventLog()
        var configuration = EngineConfiguration()
        configuration.sidecarTunnels = tunnels
        configuration.placement = placement
        try await withEngine(cluster, configuration: configuration, events: log) { engine in
            let first = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
            #expect(first.outcome == .allowed)
            #expect(first.reply == "echo response: hello\n")
            #expect(first.verdict?.reason == .permissive)
            // The echo app logged what OSM's server logs.
            #expect(log.all.contains { if case .appLog(_, "Received request: [hello]") = $0.kind { true } else { false } })

            cluster.setPermissive(false)
            try await engine.update(cluster)
            let second = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
            #expect(second.outcome == .denied)
            #expect(second.reply.isEmpty)
            #expect(second.clientError == "command terminated with exit code 1")
            #expect(second.verdict?.point == .serverSidecar)
            #expect(log.kinds(second.connection).contains { if case .plaintextRefused = $0 { true } else { false } } == false)
            #expect(log.all.contains { if case .plaintextRefused = $0.kind { true } else { false } })

            try cluster.apply(try decode(Scenario.bundle(named: "smi-policy")!.yaml))
            try await engine.update(cluster)
            let third = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
            #expect(third.outcome == .allowed)
            #expect(third.reply == "echo response: hello\n")
            #expect(third.verdict?.reason == .smiAllowed(rule: 0))
        }
    }
}
