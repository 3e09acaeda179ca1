import DataPlaneInterface
import Foundation
import MeshModel
import NIOCore
import Testing

@testable import ConnectionEngine

/// Time a peer can make the engine hold a connection: a byte now and then resets the idle
/// timeout for ever, so every accepted connection also has a lifetime; and a tunnel counts as
/// idle while no stream moves in it, whatever other frames its peer sends.
@Suite struct LifetimeTests {
    /// One byte every 100 ms, never a whole line: the idle timeout (60 s) never fires, the
    /// lifetime (here 1 s) does, on the app port and through the mesh alike.
    @Test func aTricklingPeerIsClosedAtTheEndOfItsLifetime() async throws {
        var configuration = EngineConfiguration()
        configuration.maxConnectionSeconds = 1
        let log = EventLog()
        try await withEngine(configuration: configuration, events: log) { engine in
            let direct = try RawSocket(engine.pods[echoPods(engine)[0]]!.app[9000]!, receiveTimeout: 0.1, asPodOf: engine)
            let mesh = try RawSocket(curlOutbound(engine), receiveTimeout: 0.1, asPodOf: engine)
            await mesh.send(TunnelTests.header(engine, connection: 9100))
            let start = ContinuousClock.now
            var closed: [Bool] = [false, false]
            while ContinuousClock.now - start < .seconds(20), closed.contains(false) {
                for (i, socket) in [direct, mesh].enumerated() where !closed[i] {
                    await socket.send("x", nonBlocking: true)
                    if await socket.readAll().closed { closed[i] = true }
                }
            }
            #expect(closed == [true, true], "a trickle outlived its lifetime")
            #expect(ContinuousClock.now - start > .milliseconds(800), "closed before its lifetime was up")
            #expect(
                log.all.contains {
                    if case .limitReached("maxConnectionSeconds", _, let detail) = $0.kind {
                        detail.contains("open for 1.0 s")
                    } else {
                        false
                    }
                })
        }
    }

    /// Frames for streams that ended are not traffic: a tunnel that carries none is idle.
    @Test func aTunnelWithoutStreamTrafficIsIdleWhateverElseItsPeerSends() async throws {
        var configuration = EngineConfiguration()
        configuration.idleTimeoutSeconds = 0.5
        configuration.headerTimeoutSeconds = 0.5
        try await withEngine(configuration: configuration) { engine in
            let peer = try await TunnelPeer(engine, TunnelProtocolTests.inbound(engine), receiveTimeout: 0.05)
            peer.send(TunnelPeer.open(1) + TunnelPeer.rst(1))
            let start = ContinuousClock.now
            var closed = false
            // It closes after half a second; the rest is for a loaded machine.
            while !closed, ContinuousClock.now - start < .seconds(20) {
                peer.send(TunnelPeer.rst(1) + TunnelPeer.window(1, 1))
                closed = await peer.readFramesOffPool().closed
            }
            #expect(closed, "frames for nothing kept an empty tunnel open")
        }
    }

    /// A tunnel whose streams move is not idle, however long it lives: no lifetime for it.
    @Test func aBusyTunnelOutlivesTheLifetime() async throws {
        var configuration = EngineConfiguration()
        configuration.maxConnectionSeconds = 0.5
        try await withEngine(configuration: configuration) { engine in
            for i in 0..<8 {
                let r = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", message: "m\(i)")
                #expect(r.reply == "echo response: m\(i)\n", "\(r.reason)")
                try await Task.sleep(for: .milliseconds(150))
            }
            #expect(engine.openTunnelCount == 1, "the tunnel was closed under its streams")
        }
    }
}
