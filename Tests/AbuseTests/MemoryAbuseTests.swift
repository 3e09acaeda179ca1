import ConnectionEngine
import DataPlaneInterface
import Foundation
import MeshDeckTestSupport
import NIOCore
import Testing

/// Memory a peer can make the engine hold: a long, well-behaved stream, and peers that send
/// and never read. Each connection stays under `EngineConfiguration.bytesHeldPerConnection`
/// whatever it carries, and what they held is given back when they go.
@Suite struct MemoryAbuseTests {
    /// 1 KiB lines, every reply read, each write ending mid-line (see `EchoMemoryTests`).
    static func stream(_ peer: Peer, bytes: Int) -> Bool {
        let text = String(repeating: "x", count: 1024)
        let reply = "echo response: \(text)\n".utf8.count
        guard peer.send(String(repeating: text + "\n", count: 3) + text) > 0, peer.read(exactly: 3 * reply) else { return false }
        let batch = Array(String(repeating: "\n" + text, count: 4).utf8)
        for _ in 0..<bytes / batch.count {
            guard peer.send(batch) == batch.count, peer.read(exactly: 4 * reply) else { return false }
        }
        return true
    }

    @Test(arguments: ["direct", "mesh"])
    func aStreamingConnectionHoldsABoundedAmount(path: String) async throws {
        let megabytes = Soak.size(8, full: 2048)
        try await withEngine { engine in
            let rss = Measure.rss()
            let peer = try Peer(path == "direct" ? engine.echoApp : engine.curlOutbound, receiveTimeout: 20)
            if path == "mesh" { peer.send(engine.originalDestination(40_001)) }
            async let streamed = offPool { Self.stream(peer, bytes: megabytes << 20) }
            let side = try await SideProbes.run(engine, count: 5)
            #expect(await streamed, "the stream broke off")
            let held = await engine.holdings()
            let bound = engine.configuration.bytesHeldPerConnection
            #expect(held.largest <= bound, "after \(megabytes) MiB one connection holds \(held.largest) bytes (bound \(bound))")
            #expect(side.ok == 5, "\(side.first ?? "")")
            if Soak.full {
                let grown = Measure.rss() - rss
                #expect(grown < 100 << 20, "RSS grew \(grown >> 20) MB while \(megabytes) MiB streamed")
            }
        }
    }

    @Test func peersThatNeverReadHoldABoundedAmountAndGiveItBack() async throws {
        let count = Soak.size(10, full: 200)
        try await withEngine { engine in
            let before = await engine.holdings()
            let rss = Measure.rss()
            let chunk = Array(String(repeating: String(repeating: "z", count: 1024) + "\n", count: 64).utf8)
            var peers: [Peer] = []
            for i in 0..<count {
                let peer = try Peer(i % 2 == 0 ? engine.echoApp : engine.curlOutbound)
                if i % 2 == 1 { peer.send(engine.originalDestination(41_000 + ConnectionID(i))) }
                peers.append(peer)
            }
            // Each writes until backpressure stops it (the engine stops reading it).
            var moving = true
            var rounds = 0
            while moving, rounds < 2000 {
                moving = false
                for peer in peers where peer.send(chunk, nonBlocking: true) > 0 { moving = true }
                rounds += 1
                if !moving { try await Task.sleep(for: .milliseconds(100)) }
            }
            let held = await engine.holdings()
            let bound = engine.configuration.bytesHeldPerConnection
            #expect(held.largest <= bound, "a peer that never reads holds \(held.largest) bytes (bound \(bound))")
            #expect(held.bytes <= before.bytes + count * bound)
            let side = try await SideProbes.run(engine, count: 5)
            #expect(side.ok == 5, "\(side.first ?? "")")
            let heldRSS = Measure.rss()
            peers = []
            let released = await eventually { await engine.holdings().bytes <= before.bytes + 256 * 1024 }
            let after = await engine.holdings()
            #expect(released, "held after the peers left: \(after) (before: \(before))")
            if Soak.full {
                #expect(heldRSS - rss < count * bound, "RSS grew \((heldRSS - rss) >> 20) MB for \(count) stuck peers")
                #expect(Measure.rss() - rss < 64 << 20, "RSS not given back: \((Measure.rss() - rss) >> 20) MB above the start")
            }
        }
    }
}
