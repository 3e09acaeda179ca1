import DataPlaneInterface
import Foundation
import MeshModel
import NIOCore
import Testing

@testable import ConnectionEngine

/// What a tunnel peer can make the inbound sidecar hold: each stream costs two descriptors (the
/// sidecar's connection to the app, the app's end), so streams and tunnels are bounded per
/// identity and per sidecar, and a tunnel that is gone frees all of it at once.
@Suite struct TunnelLimitsTests {
    static func inbound(_ engine: MeshEngine) -> SocketAddress { engine.pods[echoPods(engine)[0]]!.inbound! }

    static func limits(_ log: EventLog, _ name: String) -> [String] {
        log.all.compactMap { if case .limitReached(name, _, let detail) = $0.kind { detail } else { nil } }
    }

    /// Streams in this engine that hold a connection to the app, counted at the app's end.
    static func appConnections(_ engine: MeshEngine) async -> Int {
        await engine.holdings().connections
    }

    /// Waits up to `seconds` for `condition`, polling.
    static func eventually(_ seconds: Double = 10, _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return await condition()
    }

    /// A peer that shuts its side of a tunnel is gone: the tunnel, its streams and their app
    /// connections are closed at once, not a minute later by the idle sweep.
    @Test func aHalfClosedTunnelFreesEverythingAtOnce() async throws {
        var configuration = EngineConfiguration()
        configuration.spareAppConnections = 0
        try await withEngine(configuration: configuration) { engine in
            let base = await Self.appConnections(engine)
            let peer = try await TunnelPeer(engine, Self.inbound(engine))
            peer.send((1...20).flatMap { TunnelPeer.open(UInt32($0), connection: UInt64(8000 + $0)) })
            #expect(await Self.eventually { await Self.appConnections(engine) >= base + 20 })
            peer.shutdownWrite()
            #expect(await peer.readFramesOffPool().closed, "the engine kept the half-closed tunnel open")
            // Well inside the 60 s idle timeout that used to be what freed it.
            let freed = await Self.eventually(20) { await Self.appConnections(engine) <= base + 1 }
            let left = await Self.appConnections(engine) - base
            #expect(freed, "\(left) app connections left after the tunnel went")
        }
    }

    @Test func streamsPerIdentityAreBoundedAcrossTunnels() async throws {
        var configuration = EngineConfiguration()
        configuration.maxStreamsPerIdentity = 10
        configuration.spareAppConnections = 0
        let log = EventLog()
        try await withEngine(configuration: configuration, events: log) { engine in
            let a = try await TunnelPeer(engine, Self.inbound(engine), receiveTimeout: 1)
            let b = try await TunnelPeer(engine, Self.inbound(engine), receiveTimeout: 1)
            a.send((1...8).flatMap { TunnelPeer.open(UInt32($0)) })
            b.send((1...8).flatMap { TunnelPeer.open(UInt32($0)) })
            let resets =
                await a.readFramesOffPool().frames.filter { $0.kind == 4 }.count
                + b.readFramesOffPool().frames.filter { $0.kind == 4 }.count
            #expect(resets == 6, "16 streams, 10 allowed")
            #expect(Self.limits(log, "maxStreamsPerIdentity").first?.contains("refused a stream from curl/curl") == true)
            // Another identity still gets in, and so do probes.
            let other = try await TunnelPeer(engine, Self.inbound(engine), identity: "tcp-demo/tcp-echo", receiveTimeout: 1)
            other.send(TunnelPeer.open(1) + TunnelPeer.data(1, "hi\n") + TunnelPeer.fin(1))
            #expect(await other.readFramesOffPool().frames.contains { $0.payload == Array("echo response: hi\n".utf8) })
            let r = try await engine.probe(from: "tcp-demo/tcp-echo", to: "tcp-echo.tcp-demo:9000")
            #expect(r.reply == "echo response: hello\n", "\(r.reason)")
            // A probe from the identity at its limit is refused by it, and says so.
            let refused = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
            #expect(refused.outcome == .error)
            #expect(refused.reason.hasSuffix("(maxStreamsPerIdentity)"), "\(refused.reason)")
            // Streams that end give their place back.
            a.socket.shutdownWrite()
            _ = await a.readFramesOffPool()
            #expect(
                await Self.eventually {
                    (try? await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000").outcome) == .allowed
                })
        }
    }

    @Test func tunnelsPerIdentityAndPerSidecarAreBounded() async throws {
        var configuration = EngineConfiguration()
        configuration.maxTunnelsPerIdentity = 2
        configuration.maxTunnelsPerInboundSidecar = 3
        let log = EventLog()
        try await withEngine(configuration: configuration, events: log) { engine in
            var kept: [TunnelPeer] = []
            for _ in 0..<2 { kept.append(try await TunnelPeer(engine, Self.inbound(engine), receiveTimeout: 1)) }
            for peer in kept { peer.send(TunnelPeer.open(1)) }
            try await Task.sleep(for: .milliseconds(200))
            #expect(Self.limits(log, "maxTunnelsPerIdentity").isEmpty, "two tunnels are within the limit")
            let third = try await TunnelPeer(engine, Self.inbound(engine), receiveTimeout: 2)
            #expect(await third.readFramesOffPool().closed)
            #expect(Self.limits(log, "maxTunnelsPerIdentity").first?.contains("it already has 2 open") == true)
            // A new identity per tunnel does not get around the sidecar's own bound.
            let rotated = try await TunnelPeer(engine, Self.inbound(engine), identity: "a/one", receiveTimeout: 1)
            rotated.send(TunnelPeer.open(1))
            let fourth = try await TunnelPeer(engine, Self.inbound(engine), identity: "a/two", receiveTimeout: 2)
            #expect(await fourth.readFramesOffPool().closed)
            #expect(!Self.limits(log, "maxTunnelsPerInboundSidecar").isEmpty)
            _ = kept
        }
    }

    @Test func streamsPerTunnelBeyondTheLimitAreResetWithAnEvent() async throws {
        var configuration = EngineConfiguration()
        configuration.maxStreamsPerTunnel = 3
        configuration.spareAppConnections = 0
        let log = EventLog()
        try await withEngine(configuration: configuration, events: log) { engine in
            let peer = try await TunnelPeer(engine, Self.inbound(engine), receiveTimeout: 1)
            peer.send((1...5).flatMap { TunnelPeer.open(UInt32($0)) })
            let resets = await peer.readFramesOffPool().frames.filter { $0.kind == 4 }.map(\.stream)
            #expect(resets == [4, 5])
            #expect(Self.limits(log, "maxStreamsPerTunnel").first?.contains("its tunnel carries 3") == true)
        }
    }
}
