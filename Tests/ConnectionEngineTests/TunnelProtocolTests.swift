import DataPlaneInterface
import Foundation
import MeshModel
import NIOCore
import Testing

@testable import ConnectionEngine

/// Every number a tunnel peer sends is checked: a window past its maximum, a frame for a
/// stream that never was, a malformed or over-long frame closes that one tunnel, with an
/// event, and the engine goes on serving everyone else.
@Suite struct TunnelProtocolTests {
    static func inbound(_ engine: MeshEngine) -> SocketAddress { engine.pods[echoPods(engine)[0]]!.inbound! }

    static func protocolErrors(_ log: EventLog) -> [String] {
        log.all.compactMap { if case .tunnelProtocolError(_, let reason) = $0.kind { reason } else { nil } }
    }

    @Test func aWindowIsCheckedAgainstItsMaximum() {
        var window = FlowWindow(size: 64 * 1024)
        let huge = window.credited(Int(UInt32.max))
        #expect(!huge, "0xFFFFFFFF takes a 64 KiB window past 2^31-1")
        #expect(window.send == 64 * 1024, "a refused grant changes nothing")
        let toTheTop = window.credited(FlowWindow.maximum - 64 * 1024)
        #expect(toTheTop && window.send == FlowWindow.maximum)
        let past = window.credited(1)
        #expect(!past)
        let zero = window.credited(0)
        #expect(!zero, "an increment of 0 is a protocol error, as in HTTP/2")
        // What used to trap: granting 0xFFFFFFFF again and again never overflows now.
        var flooded = FlowWindow(size: 64 * 1024)
        for _ in 0..<4 { _ = flooded.credited(Int(UInt32.max)) }
        #expect(flooded.send == 64 * 1024)
    }

    @Test func aWindowFloodClosesThatTunnelOnlyWithAnEvent() async throws {
        let log = EventLog()
        try await withEngine(events: log) { engine in
            let peer = try await TunnelPeer(engine, Self.inbound(engine))
            peer.send(TunnelPeer.open(1) + TunnelPeer.data(1, "hello\n"))
            peer.send(Array(repeating: TunnelPeer.window(1, UInt32.max), count: 100).flatMap { $0 })
            #expect(await peer.readFramesOffPool().closed, "the tunnel stays open after a window past 2^31-1")
            #expect(Self.protocolErrors(log).contains { $0.contains("WINDOW of 4294967295 takes stream 1's window past") })
            let r = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
            #expect(r.reply == "echo response: hello\n", "\(r.outcome): \(r.reason)")
        }
    }

    /// One broken frame of each kind, each on its own tunnel (by the reason the event gives).
    static let brokenFrames: [String: [UInt8]] = [
        "a frame of unknown kind 9": TunnelPeer.frame(9, stream: 1),
        "a data frame of 70000 bytes": TunnelPeer.frame(2, stream: 1, Array(repeating: 0, count: 70_000)),
        "a fin frame of 1 bytes": TunnelPeer.frame(3, stream: 1, [1]),
        "a malformed OPEN": TunnelPeer.frame(1, stream: 1, [0, 1]),
        "a window frame of 2 bytes": TunnelPeer.open(1) + TunnelPeer.frame(5, stream: 1, [0, 0]),
        "WINDOW of 0 on stream 1": TunnelPeer.open(1) + TunnelPeer.window(1, 0),
        "data for stream 7, which was never opened": TunnelPeer.data(7, "x"),
        "OPEN for stream 2, not above the last opened (3)": TunnelPeer.open(3) + TunnelPeer.open(2),
    ]

    /// Each ends that tunnel and names why.
    @Test(arguments: brokenFrames.keys.sorted())
    func aFrameThatBreaksTheProtocolClosesTheTunnel(reason: String) async throws {
        let log = EventLog()
        try await withEngine(events: log) { engine in
            let peer = try await TunnelPeer(engine, Self.inbound(engine))
            peer.send(Self.brokenFrames[reason]!)
            #expect(await peer.readFramesOffPool().closed, "left open: \(reason)")
            #expect(
                Self.protocolErrors(log).contains { $0.lowercased().contains(reason.lowercased()) },
                "\(Self.protocolErrors(log))")
        }
    }

    /// Frames for a stream that ended are late, not wrong: dropped, and the tunnel goes on.
    @Test func framesForAStreamThatEndedAreDropped() async throws {
        let log = EventLog()
        try await withEngine(events: log) { engine in
            let peer = try await TunnelPeer(engine, Self.inbound(engine), receiveTimeout: 1)
            peer.send(TunnelPeer.open(1) + TunnelPeer.data(1, "one\n") + TunnelPeer.fin(1))
            _ = await peer.readFramesOffPool()
            peer.send(TunnelPeer.window(1, 100) + TunnelPeer.rst(1) + TunnelPeer.data(1, "late\n"))
            peer.send(TunnelPeer.open(2) + TunnelPeer.data(2, "two\n") + TunnelPeer.fin(2))
            let (frames, _) = await peer.readFramesOffPool()
            #expect(frames.contains { $0.stream == 2 && $0.payload == Array("echo response: two\n".utf8) })
            #expect(Self.protocolErrors(log).isEmpty)
        }
    }
}
