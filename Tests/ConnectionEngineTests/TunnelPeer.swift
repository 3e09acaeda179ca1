import Foundation
import MeshDeckTestSupport
import NIOCore

@testable import ConnectionEngine

#if canImport(Glibc)
    import Glibc
#endif

/// A tunnel peer written by hand, as an attacker or a broken sidecar would be: a blocking
/// socket that sends the preamble and whatever frames a test builds, independent of the
/// engine's own tunnel code (the frames are laid out byte by byte here). It reaches the inbound
/// sidecar through a `TLSRelay` with `identity`'s mesh certificate, as a sidecar with that
/// identity (or an attacker who stole its key) would.
final class TunnelPeer: @unchecked Sendable {
    let socket: RawSocket
    let relay: TLSRelay

    init(
        _ engine: MeshEngine, _ inbound: SocketAddress, identity: String = "curl/curl", receiveTimeout: Double = 3
    )
        async throws
    {
        relay = try await meshRelay(engine, to: inbound, identity: identity)
        socket = try RawSocket(relay.address, receiveTimeout: receiveTimeout)
        send(Array("MDK-TUNL\n".utf8))
    }

    static func frame(_ kind: UInt8, stream: UInt32, _ payload: [UInt8] = []) -> [UInt8] {
        var bytes = [kind]
        bytes += withUnsafeBytes(of: stream.bigEndian, Array.init)
        bytes += withUnsafeBytes(of: UInt32(payload.count).bigEndian, Array.init)
        return bytes + payload
    }

    static func open(_ stream: UInt32, connection: UInt64 = 1, port: UInt16 = 9000) -> [UInt8] {
        let payload =
            withUnsafeBytes(of: connection.bigEndian, Array.init) + withUnsafeBytes(of: port.bigEndian, Array.init)
            + Array("10.0.0.1:9000".utf8)
        return frame(1, stream: stream, payload)
    }

    static func data(_ stream: UInt32, _ text: String) -> [UInt8] { frame(2, stream: stream, Array(text.utf8)) }
    static func fin(_ stream: UInt32) -> [UInt8] { frame(3, stream: stream) }
    static func rst(_ stream: UInt32) -> [UInt8] { frame(4, stream: stream) }
    static func window(_ stream: UInt32, _ increment: UInt32) -> [UInt8] {
        frame(5, stream: stream, withUnsafeBytes(of: increment.bigEndian, Array.init))
    }

    /// Sends everything (blocking), or as much as the peer takes before it closes.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Int {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(socket.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            sent += n
        }
        return sent
    }

    func shutdownWrite() { socket.shutdownWrite() }

    /// Frames until the engine closes the tunnel or the receive timeout passes.
    func readFrames() -> (frames: [(kind: UInt8, stream: UInt32, payload: [UInt8])], closed: Bool) {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var closed = false
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(socket.fd, $0.baseAddress, $0.count, 0) }
            if n == 0 || (n < 0 && errno == ECONNRESET) {
                closed = true
                break
            }
            if n < 0 { break }
            data += buffer[0..<n]
        }
        var frames: [(UInt8, UInt32, [UInt8])] = []
        var at = 0
        while data.count - at >= 9 {
            let stream = data[(at + 1)..<(at + 5)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let length = Int(data[(at + 5)..<(at + 9)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            guard data.count - at >= 9 + length else { break }
            frames.append((data[at], stream, Array(data[(at + 9)..<(at + 9 + length)])))
            at += 9 + length
        }
        return (frames, closed)
    }

    func readFramesOffPool() async -> (frames: [(kind: UInt8, stream: UInt32, payload: [UInt8])], closed: Bool) {
        await offPool { self.readFrames() }
    }
}
