import DataPlaneInterface
import Foundation
import MeshDeckTestSupport
import NIOConcurrencyHelpers
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// An attacking peer on a plain blocking socket, independent of the engine's code: it speaks
/// the app's lines or the tunnel's frames (laid out byte by byte here), and never has to read.
final class Peer: @unchecked Sendable {
    let fd: Int32
    /// The other side closed or reset the connection (seen by `readLine`).
    private(set) var closed = false

    init(port: Int, receiveTimeout: Double = 2) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var tv = timeval(tv_sec: Int(receiveTimeout), tv_usec: Int(receiveTimeout.truncatingRemainder(dividingBy: 1) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED)
        }
    }

    convenience init(_ address: SocketAddress, receiveTimeout: Double = 2) throws {
        try self.init(port: address.port!, receiveTimeout: receiveTimeout)
    }

    deinit { close(fd) }

    /// Sends all of it, or (`nonBlocking`) what the peer takes before the socket would block.
    @discardableResult
    func send(_ bytes: [UInt8], nonBlocking: Bool = false) -> Int {
        var sent = 0
        let flags = Int32(MSG_NOSIGNAL) | (nonBlocking ? Int32(MSG_DONTWAIT) : 0)
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, flags) }
            if n <= 0 { break }
            sent += n
        }
        return sent
    }

    @discardableResult
    func send(_ text: String, nonBlocking: Bool = false) -> Int { send(Array(text.utf8), nonBlocking: nonBlocking) }

    func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// One line without its newline; nil when the connection closed (`closed`) or timed out.
    func readLine() -> String? {
        var line = [UInt8]()
        var byte: UInt8 = 0
        while true {
            let n = recv(fd, &byte, 1, 0)
            if n == 0 || (n < 0 && errno == ECONNRESET) {
                closed = true
                return nil
            }
            if n < 0 { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
    }

    /// Reads `count` bytes (false if the connection ends first).
    func read(exactly count: Int) -> Bool {
        var want = count
        var buffer = [UInt8](repeating: 0, count: 65536)
        while want > 0 {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, min($0.count, want), 0) }
            if n <= 0 { return false }
            want -= n
        }
        return true
    }

    /// Reads until the engine closes the connection (true) or the receive timeout passes.
    func readToEnd() -> (bytes: [UInt8], closed: Bool) {
        var out = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 || (n < 0 && errno == ECONNRESET) { return (out, true) }
            if n < 0 { return (out, false) }
            out += buffer[0..<n]
        }
    }

    func readToEndOffPool() async -> (bytes: [UInt8], closed: Bool) { await offPool { self.readToEnd() } }

    // MARK: - tunnel frames

    /// The tunnel's marker; the identity is the certificate of the relay the peer goes through.
    static let preamble: [UInt8] = Array("MDK-TUNL\n".utf8)

    static func frame(_ kind: UInt8, stream: UInt32, _ payload: [UInt8] = []) -> [UInt8] {
        [kind] + withUnsafeBytes(of: stream.bigEndian, Array.init)
            + withUnsafeBytes(of: UInt32(payload.count).bigEndian, Array.init)
            + payload
    }

    static func open(_ stream: UInt32, connection: UInt64 = 1) -> [UInt8] {
        let payload =
            withUnsafeBytes(of: connection.bigEndian, Array.init) + withUnsafeBytes(of: UInt16(9000).bigEndian, Array.init)
            + Array("10.0.0.1:9000".utf8)
        return frame(1, stream: stream, payload)
    }

    static func data(_ stream: UInt32, _ text: String) -> [UInt8] { frame(2, stream: stream, Array(text.utf8)) }

    static func window(_ stream: UInt32, _ increment: UInt32) -> [UInt8] {
        frame(5, stream: stream, withUnsafeBytes(of: increment.bigEndian, Array.init))
    }
}

/// Collects engine events.
final class Events: Sendable {
    private let events = NIOLockedValueBox<[EngineEvent.Kind]>([])
    var sink: EngineEventSink { { [events] e in events.withLockedValue { $0.append(e.kind) } } }
    var all: [EngineEvent.Kind] { events.withLockedValue { $0 } }

    func limits(_ name: String) -> [String] {
        all.compactMap { if case .limitReached(name, _, let detail) = $0 { detail } else { nil } }
    }

    var protocolErrors: [String] { all.compactMap { if case .tunnelProtocolError(_, let reason) = $0 { reason } else { nil } } }
}
