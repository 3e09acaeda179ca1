import DataPlaneInterface
import Foundation
import MeshDeckTestSupport
import MeshModel
import NIOCore
import Testing

@testable import ConnectionEngine

/// What one connection makes the engine hold stays under a constant however much it carries:
/// measured as the bytes its handlers and socket buffers keep (the process's RSS is shared by
/// every test running beside this one, far too noisy for a bound of a few hundred KiB).
@Suite struct EchoMemoryTests {
    /// A well-behaved client: 1 KiB lines, every reply read, four lines per write and each
    /// write ending one byte short of its last newline (the next write opens with it), so every
    /// read the app makes ends mid-line. The app used to keep every byte such a stream carried.
    static func stream(_ socket: RawSocket, megabytes: Int) -> Bool {
        let text = String(repeating: "x", count: 1024)
        let reply = "echo response: \(text)\n".utf8.count
        // Blocking calls on the socket itself: this runs on a GCD thread (offPool), never the pool.
        func exchange(_ data: String, replies: Int) -> Bool {
            let bytes = Array(data.utf8)
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { Glibc.send(socket.fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { return false }
                sent += n
            }
            var want = replies * reply
            var buffer = [UInt8](repeating: 0, count: 65536)
            while want > 0 {
                let n = buffer.withUnsafeMutableBytes { recv(socket.fd, $0.baseAddress, min($0.count, want), 0) }
                if n <= 0 { return false }
                want -= n
            }
            return true
        }
        guard exchange(String(repeating: text + "\n", count: 3) + text, replies: 3) else { return false }
        let batch = String(repeating: "\n" + text, count: 4)
        for _ in 0..<(megabytes << 20) / batch.utf8.count {
            guard exchange(batch, replies: 4) else { return false }
        }
        return true
    }

    @Test(arguments: ["direct", "mesh"])
    func aLongStreamHoldsNoMoreThanTheBoundPerConnection(path: String) async throws {
        try await withEngine { engine in
            let socket: RawSocket
            if path == "direct" {
                socket = try RawSocket(engine.pods[echoPods(engine)[0]]!.app[9000]!, receiveTimeout: 10, asPodOf: engine)
            } else {
                socket = try RawSocket(curlOutbound(engine), receiveTimeout: 10, asPodOf: engine)
                await socket.send(TunnelTests.header(engine, connection: 9300))
            }
            #expect(await offPool { Self.stream(socket, megabytes: 8) }, "the stream broke off")
            // Measured with the stream still open: what it holds now, after 8 MiB.
            let held = await engine.holdings()
            let bound = engine.configuration.bytesHeldPerConnection
            #expect(held.largest <= bound, "one connection holds \(held.largest) bytes after 8 MiB (bound \(bound))")
            #expect(held.bytes <= held.connections * bound)
        }
    }

    /// Peers that send and never read: each is held back by backpressure, holding at most the
    /// bound; once they go, what they held goes with them.
    @Test func peersThatNeverReadHoldTheBoundAndGiveItBack() async throws {
        try await withEngine { engine in
            let before = await engine.holdings()
            let chunk = String(repeating: String(repeating: "z", count: 1024) + "\n", count: 256)
            var peers: [RawSocket] = []
            for i in 0..<10 {
                let peer: RawSocket
                if i % 2 == 0 {
                    peer = try RawSocket(engine.pods[echoPods(engine)[0]]!.app[9000]!, asPodOf: engine)
                } else {
                    peer = try RawSocket(curlOutbound(engine), asPodOf: engine)
                    await peer.send(TunnelTests.header(engine, connection: 9400 + ConnectionID(i)))
                }
                for _ in 0..<200 {
                    guard await peer.send(chunk, nonBlocking: true) == chunk.utf8.count else { break }
                }
                peers.append(peer)
            }
            try await Task.sleep(for: .milliseconds(300))
            let held = await engine.holdings()
            let bound = engine.configuration.bytesHeldPerConnection
            #expect(held.largest <= bound, "a stuck peer holds \(held.largest) bytes (bound \(bound))")
            let r = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
            #expect(r.reply == "echo response: hello\n", "\(r.reason)")
            peers = []
            // What stays is what was there before, and the probe's tunnel and the spare app
            // connections it left (a few KiB each).
            let released = await TunnelLimitsTests.eventually { await engine.holdings().bytes <= before.bytes + 128 * 1024 }
            let after = await engine.holdings()
            #expect(released, "still held after the peers left: \(after)")
        }
    }
}
