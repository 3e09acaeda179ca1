import ConnectionEngine
import DataPlaneInterface
import Foundation
import MeshDeckTestSupport
import NIOCore
import Testing

/// Tunnel peers that break the protocol: window floods and garbage, many at once. Each ends
/// in that one connection closed, the process up, probes answering, nothing left behind.
@Suite struct ProtocolAbuseTests {
    /// WINDOW frames granting 0xFFFFFFFF each, as fast as a peer can send them: a window
    /// checked against its maximum closes the tunnel at the first one; an unchecked one used
    /// to overflow after about two billion and trap the process.
    @Test func windowFloodsCloseOnlyTheirTunnels() async throws {
        let floods = Soak.size(4, full: 32)
        let events = Events()
        try await withEngine(events: events) { engine in
            let burst = Array(repeating: Peer.window(1, UInt32.max), count: 4096).flatMap { $0 }
            var closed = 0
            let relay = try await engine.echoInboundRelay()
            for _ in 0..<floods {
                let peer = try Peer(relay.address)
                peer.send(Peer.preamble + Peer.open(1) + Peer.data(1, "hello\n"))
                for _ in 0..<Soak.size(4, full: 256) where peer.send(burst) == burst.count {}
                if await peer.readToEndOffPool().closed { closed += 1 }
            }
            #expect(closed == floods, "\(floods - closed) flooding tunnels left open")
            #expect(events.protocolErrors.count >= floods)
            let side = try await SideProbes.run(engine, count: 5)
            #expect(side.ok == 5, "\(side.first ?? "")")
        }
    }

    /// Seeded random bytes after a tunnel preamble, and with none at the outbound sidecar: every
    /// connection is closed by the engine within the header timeout, and probes answer.
    @Test func garbageIsClosedAndLeavesNothingBehind() async throws {
        let rounds = Soak.size(60, full: 5000)
        var configuration = EngineConfiguration()
        configuration.headerTimeoutSeconds = 1
        try await withEngine(configuration: configuration) { engine in
            let base = await engine.holdings()
            var random = SeededRandom(seed: 42)
            var leftOpen = 0
            let relay = try await engine.echoInboundRelay()
            for round in 0..<rounds {
                let junk = (0..<Int.random(in: 1...2048, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                let toTunnel = round % 2 == 0
                let peer = try Peer(toTunnel ? relay.address : engine.curlOutbound, receiveTimeout: 3)
                peer.send((toTunnel ? Peer.preamble : []) + junk)
                if !(await peer.readToEndOffPool().closed) { leftOpen += 1 }
            }
            #expect(leftOpen == 0, "\(leftOpen) of \(rounds) garbage connections left open")
            let side = try await SideProbes.run(engine, count: 5)
            #expect(side.ok == 5, "\(side.first ?? "")")
            let settled = await eventually { await engine.holdings().connections <= base.connections + 12 }
            let now = await engine.holdings()
            #expect(settled, "connections left: \(now) (before \(base))")
        }
    }
}
