import Foundation
import MeshDeckTestSupport
import NIOCore

@testable import ConnectionEngine

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking TCP client on plain POSIX sockets, independent of the code under test, for the
/// misbehaving peers: garbage, silence, never reading.
final class RawSocket {
    let fd: Int32

    /// `asPodOf`: the socket plays a process of the pod whose listener it dials (its app
    /// writing to its own outbound sidecar): bound first and vouched for with the engine.
    /// Without it, it is a foreign local process, which guarded listeners refuse.
    init(_ address: SocketAddress, receiveTimeout: Double = 3, asPodOf engine: MeshEngine? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        if let engine {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr("127.0.0.1")
            var size = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, size) == 0 && getsockname(fd, $0, &size) == 0
                }
            }
            guard bound else {
                close(fd)
                throw POSIXError(.EADDRINUSE)
            }
            engine.vouch(dialer: SocketAddress(local, host: "127.0.0.1"), listener: address)
        }
        var tv = timeval(tv_sec: Int(receiveTimeout), tv_usec: Int((receiveTimeout - Double(Int(receiveTimeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(address.port!).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED)
        }
    }

    deinit { close(fd) }

    /// Sends everything, or as much as the peer takes before `MSG_DONTWAIT` would block.
    @discardableResult
    private func blockingSend(_ text: String, nonBlocking: Bool) -> Int {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, nonBlocking ? Int32(MSG_DONTWAIT) : 0)
            }
            if n <= 0 { break }
            sent += n
        }
        return sent
    }

    func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// Reads until the data ends with `suffix`, EOF or the receive timeout (a reply to one
    /// line on a connection that stays open).
    private func blockingRead(until suffix: String) -> String {
        var out = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: out, as: UTF8.self).hasSuffix(suffix) {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads until EOF or the receive timeout. `closed` is true when the peer closed.
    private func blockingReadAll() -> (data: String, closed: Bool) {
        var out = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return (String(decoding: out, as: UTF8.self), true) }
            if n < 0 { return (String(decoding: out, as: UTF8.self), errno == ECONNRESET) }
            out += buffer[0..<n]
        }
    }
}

/// Every call that can wait runs on a GCD thread, never on one of the few threads of Swift's
/// cooperative pool (two on this machine): a test blocked in `recv` there held a pool thread for
/// seconds, and with two such tests the pool stalled, so tests that need it (the engine's probes
/// resuming, the dashboard's effect tasks) timed out in full runs. Only async calls are offered.
extension RawSocket: @unchecked Sendable {
    /// Reads until EOF or the receive timeout. `closed` is true when the peer closed.
    func readAll() async -> (data: String, closed: Bool) {
        await offPool { self.blockingReadAll() }
    }

    /// Reads until the data ends with `suffix`, EOF or the receive timeout.
    func read(until suffix: String) async -> String {
        await offPool { self.blockingRead(until: suffix) }
    }

    /// Sends everything, or (`nonBlocking`) as much as the peer takes before it would block.
    @discardableResult
    func send(_ text: String, nonBlocking: Bool = false) async -> Int {
        await offPool { self.blockingSend(text, nonBlocking: nonBlocking) }
    }
}
