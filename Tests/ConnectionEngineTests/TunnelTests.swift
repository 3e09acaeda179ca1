import DataPlaneInterface
import Foundation
import MeshModel
import NIOCore
import PolicyEngine
import Testing

@testable import ConnectionEngine

/// What the sidecar-to-sidecar tunnel adds, as a user of the data plane sees it. One event
/// loop in most tests, so every stream of the outbound sidecar shares one tunnel connection.
@Suite struct TunnelTests {
    static func oneLoop(drain: Double = 5) -> EngineConfiguration {
        var c = EngineConfiguration(drainSeconds: drain, threads: 1)
        c.sidecarTunnels = true
        return c
    }

    /// What `curl`'s app would send its outbound sidecar to reach tcp-echo:9000.
    static func header(_ engine: MeshEngine, connection: ConnectionID) -> String {
        "MDK-ORIG \(connection) \(engine.policy.services.first { $0.key.name == "tcp-echo" }!.clusterIP!) 9000\n"
    }

    static func tunnelsOpened(_ log: EventLog, to pod: ObjectKey? = nil) -> Int {
        log.all.filter { if case .tunnelOpened(_, let to) = $0.kind { pod == nil || to == pod } else { false } }.count
    }

    @Test func manyConcurrentStreamsOverOneTunnelEachGetTheirOwnReply() async throws {
        let log = EventLog()
        try await withEngine(configuration: Self.oneLoop(), events: log) { engine in
            // All open at once: 60 streams live in the tunnel together.
            var sockets: [RawSocket] = []
            for i in 0..<60 {
                let s = try RawSocket(curlOutbound(engine), receiveTimeout: 5, asPodOf: engine)
                await s.send(Self.header(engine, connection: 5000 + ConnectionID(i)) + "line-\(i)\n")
                sockets.append(s)
            }
            for (i, s) in sockets.enumerated() {
                #expect(await s.read(until: "\n") == "echo response: line-\(i)\n")
            }
            // Half-close travels per stream: a final chunk without newline gets no reply, as
            // from OSM's server, and each stream then ends on its own.
            for (i, s) in sockets.enumerated().reversed() {
                await s.send("tail without newline \(i)")
                s.shutdownWrite()
                let end = await s.readAll()
                #expect(end == ("", true), "stream \(i)")
            }
            #expect(Self.tunnelsOpened(log) == 1)
            #expect(engine.openTunnelCount == 1)
        }
    }

    @Test func aFullTunnelMakesThePoolOpenAnother() async throws {
        var configuration = Self.oneLoop()
        configuration.maxStreamsPerTunnel = 2
        let log = EventLog()
        try await withEngine(configuration: configuration, events: log) { engine in
            var sockets: [RawSocket] = []
            for i in 0..<5 {
                let s = try RawSocket(curlOutbound(engine), receiveTimeout: 5, asPodOf: engine)
                await s.send(Self.header(engine, connection: 5500 + ConnectionID(i)) + "n\(i)\n")
                #expect(await s.read(until: "\n") == "echo response: n\(i)\n")
                sockets.append(s)
            }
            // Five streams open at once, two to a tunnel: three tunnels.
            #expect(Self.tunnelsOpened(log) == 3)
            #expect(engine.openTunnelCount == 3)
            for s in sockets { s.shutdownWrite() }
            for s in sockets { #expect(await s.readAll() == ("", true)) }
        }
    }

    @Test func aStreamWhoseReaderNeverReadsDoesNotStallTheOthersOnItsTunnel() async throws {
        let log = EventLog()
        try await withEngine(configuration: Self.oneLoop(), events: log) { engine in
            let stuck = try RawSocket(curlOutbound(engine), asPodOf: engine)
            await stuck.send(Self.header(engine, connection: 6000))
            // Long lines: the app's work per byte stays small, so this measures buffering.
            let chunk = String(repeating: String(repeating: "z", count: 1023) + "\n", count: 1024)
            var sent = 0
            for _ in 0..<256 {
                let n = await stuck.send(chunk, nonBlocking: true)
                sent += n
                if n < chunk.utf8.count { break }
                try await Task.sleep(for: .milliseconds(5))
            }
            // Held back: per-stream windows stop the sidecars reading it, so the kernel
            // buffers fill and the sender waits, far short of the 256 MiB it tried.
            #expect(sent < 128 * 1024 * 1024, "sent \(sent) bytes without being held back")
            // The stuck stream shares the tunnel with these, and they all get through.
            for i in 0..<10 {
                let r = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", message: "m\(i)")
                #expect(r.reply == "echo response: m\(i)\n", "\(r.outcome): \(r.reason)")
            }
            #expect(Self.tunnelsOpened(log) == 1)
        }
    }

    @Test func aLargeTransferFlowsThroughTheWindowsIntact() async throws {
        try await withEngine(configuration: Self.oneLoop()) { engine in
            let socket = try RawSocket(curlOutbound(engine), receiveTimeout: 10, asPodOf: engine)
            let lines = (0..<20_000).map { "line \($0) " + String(repeating: "x", count: 80) + "\n" }
            // Read while writing, on another thread: the replies are bigger than the requests.
            async let reply = socket.readAll()
            await socket.send(Self.header(engine, connection: 6500) + lines.joined())
            socket.shutdownWrite()
            let (data, closed) = await reply
            #expect(closed)
            #expect(data == lines.map { "echo response: " + $0 }.joined(), "got \(data.utf8.count) bytes")
        }
    }

    @Test func aTunnelThatDiesFailsOnlyItsStreamsAndTheNextProbeRedials() async throws {
        var cluster = Scenario.walkthrough()
        try cluster.scale(echoKey, replicas: 2)
        let log = EventLog()
        try await withEngine(cluster, configuration: Self.oneLoop(), events: log) { engine in
            // Round robin: the first stream lands on one replica, the second on the other.
            let first = try RawSocket(curlOutbound(engine), receiveTimeout: 5, asPodOf: engine)
            await first.send(Self.header(engine, connection: 7001) + "one\n")
            #expect(await first.read(until: "\n") == "echo response: one\n")
            let second = try RawSocket(curlOutbound(engine), receiveTimeout: 5, asPodOf: engine)
            await second.send(Self.header(engine, connection: 7002) + "two\n")
            #expect(await second.read(until: "\n") == "echo response: two\n")
            let served = { (id: ConnectionID) in
                log.kinds(id).compactMap { if case .verdict(_, .serverSidecar, let pod, _) = $0 { pod } else { nil } }.first
            }
            let broken = try #require(served(7001))
            #expect(served(7002) != broken)

            #expect(await engine.resetTunnels(to: broken) == 1)
            // The stream in the dead tunnel fails, with an event that says so...
            #expect(await first.readAll().closed)
            #expect(log.kinds(7001).contains { if case .tunnelLost(broken, _) = $0 { true } else { false } })
            // ...the other tunnel's stream goes on...
            await second.send("three\n")
            #expect(await second.read(until: "\n") == "echo response: three\n")
            #expect(!log.kinds(7002).contains { if case .tunnelLost = $0 { true } else { false } })
            // ...and the next connections to that replica dial a new tunnel.
            for _ in 0..<2 {
                let r = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
                #expect(r.reply == "echo response: hello\n", "\(r.outcome): \(r.reason)")
            }
            #expect(Self.tunnelsOpened(log, to: broken) == 2)
        }
    }

    @Test func aStoppedAppIsRefusedEvenWhenConnectionsWereDialedAhead() async throws {
        var cluster = Scenario.walkthrough()
        try cluster.scale(echoKey, replicas: 2)
        try await withEngine(cluster, configuration: Self.oneLoop()) { engine in
            // Warm: every finished stream leaves a spare app connection behind.
            for _ in 0..<4 {
                #expect(try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000").reply == "echo response: hello\n")
            }
            let stopped = echoPods(engine)[0]
            #expect(await engine.stopApp(of: stopped))
            var refused = 0
            for _ in 0..<8 {
                let r = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
                if r.endpointPod == stopped {
                    refused += 1
                    #expect(r.outcome == .error)
                    #expect(r.reason.contains("connection refused by pod \(stopped)"))
                } else {
                    #expect(r.reply == "echo response: hello\n")
                }
            }
            #expect(refused == 4)
        }
    }

    @Test func policyChangeDrainsTheStreamsAndTheTunnelStays() async throws {
        var cluster = Scenario.walkthrough()
        let log = EventLog()
        try await withEngine(cluster, configuration: Self.oneLoop(drain: 0.3), events: log) { engine in
            let ids: [ConnectionID] = [8001, 8002, 8003]
            var sockets: [RawSocket] = []
            for id in ids {
                let s = try RawSocket(curlOutbound(engine), receiveTimeout: 5, asPodOf: engine)
                await s.send(Self.header(engine, connection: id) + "before\n")
                #expect(await s.read(until: "\n") == "echo response: before\n")
                sockets.append(s)
            }
            cluster.setPermissive(false)
            try await engine.update(cluster)
            for s in sockets { #expect(await s.readAll().closed) }
            for id in ids {
                #expect(log.kinds(id).contains { if case .drainScheduled = $0 { true } else { false } })
                #expect(log.kinds(id).contains { if case .drained = $0 { true } else { false } })
            }
            // The streams were denied, not the tunnel: allowed again, the next probe uses it.
            cluster.setPermissive(true)
            try await engine.update(cluster)
            let r = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
            #expect(r.reply == "echo response: hello\n")
            #expect(Self.tunnelsOpened(log) == 1)
        }
    }

    @Test func framesWithoutTLSAreRefusedAsPlaintext() async throws {
        let log = EventLog()
        try await withEngine(configuration: Self.oneLoop(), events: log) { engine in
            let inbound = engine.pods[echoPods(engine)[0]]!.inbound!
            // A well-formed OPEN frame, but no mTLS: plaintext to the mesh.
            var frame = ByteBuffer()
            TunnelFrame.writeOpen(stream: 1, connection: 9001, targetPort: 9000, host: "10.0.0.1", port: 9000, into: &frame)
            TunnelFrame.writeData(stream: 1, ByteBuffer(string: "hello\n"), into: &frame)
            let socket = try RawSocket(inbound)
            await socket.send(String(buffer: frame))
            #expect(await socket.readAll() == ("", true))
            #expect(log.all.contains { if case .plaintextRefused = $0.kind { true } else { false } })
            #expect(!log.kinds(9001).contains { if case .verdict = $0 { true } else { false } })
        }
    }

    @Test func aPeerThatBreaksTheFramingLosesItsTunnel() async throws {
        try await withEngine(configuration: Self.oneLoop()) { engine in
            let inbound = engine.pods[echoPods(engine)[0]]!.inbound!
            let relay = try await meshRelay(engine, to: inbound)
            let socket = try RawSocket(relay.address)
            await socket.send(Preamble.tunnel + "\u{7F}garbage that is not a frame")
            #expect(await socket.readAll() == ("", true))
        }
    }

    @Test func framesSplitAnywhereParseTheSame() {
        var wire = ByteBuffer()
        TunnelFrame.writeOpen(stream: 7, connection: 42, targetPort: 9000, host: "10.96.0.1", port: 9000, into: &wire)
        TunnelFrame.writeData(stream: 7, ByteBuffer(string: "hello\n"), into: &wire)
        TunnelFrame.writeWindow(stream: 7, increment: 32768, into: &wire)
        TunnelFrame.writeHeader(.fin, stream: 7, length: 0, into: &wire)
        var parser = TunnelFrameParser()
        var kinds: [TunnelFrame.Kind] = []
        var payloads: [String] = []
        // One byte per read: every frame arrives split.
        for i in 0..<wire.readableBytes {
            var buffer = parser.begin(wire.getSlice(at: i, length: 1)!)
            while case .frame(let kind, let stream, let payload) = parser.next(&buffer) {
                #expect(stream == 7)
                kinds.append(kind)
                payloads.append(kind == .data ? String(buffer: payload) : "")
                if kind == .open {
                    #expect(
                        TunnelFrame.parseOpen(payload) == .init(connection: 42, targetPort: 9000, destination: "10.96.0.1:9000"))
                }
                if kind == .window { #expect(TunnelFrame.parseWindow(payload) == 32768) }
            }
            parser.keep(buffer, allocator: ByteBufferAllocator())
        }
        #expect(kinds == [.open, .data, .window, .fin])
        #expect(payloads[1] == "hello\n")
    }
}
