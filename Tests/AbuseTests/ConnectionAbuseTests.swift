import ConnectionEngine
import DataPlaneInterface
import Foundation
import NIOCore
import Testing

/// Descriptors and time a peer can make the engine hold: stream floods through one tunnel
/// socket (each stream costs the engine two descriptors), tunnels left by closing or by
/// half-closing, and connections that trickle a byte now and then.
@Suite struct ConnectionAbuseTests {
    /// `sockets` tunnels of `streams` streams each, from one identity (a certificate the mesh
    /// CA issued for `attacker/flood`: permissive mode admits any mesh identity): the inbound sidecar holds at most `maxStreamsPerIdentity` of them, probes
    /// from curl keep answering, and once the attacker leaves, by closing or by half-closing,
    /// every descriptor comes back at once.
    @Test(arguments: ["close", "half-close"])
    func aStreamFloodIsBoundedAndFreedAtOnce(leaving: String) async throws {
        let sockets = Soak.size(4, full: 45)
        let streams = Soak.size(64, full: 256)
        var configuration = EngineConfiguration()
        if !Soak.full { configuration.maxStreamsPerIdentity = 128 }
        let limit = configuration.maxStreamsPerIdentity
        let events = Events()
        try await withEngine(configuration: configuration, events: events) { engine in
            let base = await Measure.acceptedSocketsOffPool(of: engine)
            var peers: [Peer] = []
            let relay = try await engine.echoInboundRelay("attacker/flood")
            for s in 0..<sockets {
                let peer = try Peer(relay.address)
                let opens: [UInt8] = (1...streams).flatMap { Peer.open(UInt32($0), connection: UInt64(s * 1000 + $0)) }
                peer.send(Peer.preamble + opens)
                peers.append(peer)
            }
            // Bounded by the engine's own table (every connection its pods accepted, the app's
            // end of each stream among them); /proc is read only to see the descriptors come
            // back at the end. (A snapshot of /proc/net/tcp under a full parallel run is not
            // exact: sockets of other tests' engines come and go while it is read.)
            let flooded = await eventually(20) { await engine.holdings().connections >= min(limit, sockets * streams) }
            let peak = await engine.holdings().connections
            #expect(flooded, "the flood did not reach the limit: \(peak) connections")
            #expect(peak <= limit + sockets + 16, "\(peak) connections for one identity (limit \(limit) streams)")
            if sockets * streams > limit { #expect(!events.limits("maxStreamsPerIdentity").isEmpty) }
            let side = try await SideProbes.run(engine, count: 10)
            #expect(side.ok == 10, "probes failed during the flood: \(side.first ?? "")")
            // Well inside the idle timeout (60 s), which used to be what freed a half-closed one.
            if leaving == "close" { peers = [] } else { for peer in peers { peer.shutdownWrite() } }
            let freed = await eventually(20) { await engine.holdings().connections <= 16 }
            let left = await engine.holdings().connections
            #expect(freed, "\(left) connections left after the attacker left (\(leaving))")
            var rest = 0
            let returned = await eventually(10) {
                rest = await Measure.acceptedSocketsOffPool(of: engine) - base
                return rest <= 16
            }
            #expect(returned, "\(rest) accepted sockets left after the attacker left (\(leaving))")
            _ = (peers, relay)
        }
    }

    /// One byte at a time, never a line: the lifetime ends them (the idle timeout never does),
    /// on the app port and through the mesh, and probes answer meanwhile.
    @Test func tricklingConnectionsEndAtTheirLifetime() async throws {
        let count = Soak.size(6, full: 100)
        var configuration = EngineConfiguration()
        configuration.maxConnectionSeconds = Soak.full ? 10 : 2
        let events = Events()
        try await withEngine(configuration: configuration, events: events) { engine in
            let base = await Measure.acceptedSocketsOffPool(of: engine)
            var peers: [Peer] = []
            for i in 0..<count {
                let peer = try Peer(i % 2 == 0 ? engine.echoApp : engine.curlOutbound, receiveTimeout: 0.05)
                if i % 2 == 1 { peer.send(engine.originalDestination(42_000 + ConnectionID(i))) }
                peers.append(peer)
            }
            let start = ContinuousClock.now
            var open = Set(peers.indices)
            // Far past the lifetime only when the machine is loaded: it ends when they have gone.
            while !open.isEmpty, ContinuousClock.now - start < .seconds(configuration.maxConnectionSeconds * 4 + 20) {
                for i in open {
                    peers[i].send("x", nonBlocking: true)
                    if await peers[i].readToEndOffPool().closed { open.remove(i) }
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(open.isEmpty, "\(open.count) trickling connections outlived their lifetime")
            #expect(!events.limits("maxConnectionSeconds").isEmpty)
            let side = try await SideProbes.run(engine, count: 5)
            #expect(side.ok == 5, "\(side.first ?? "")")
            #expect(await eventually(20) { await engine.holdings().connections <= 16 })
            #expect(await Measure.acceptedSocketsOffPool(of: engine) <= base + 16)
        }
    }
}
