import Foundation
import NIOCore
import Testing

@testable import ConnectionEngine

#if canImport(Glibc)
    import Glibc
#endif

/// The on-the-spot loopback connect the sidecars use for app connections: connected and
/// non-blocking when it works, nil (so the caller dials NIO's way) when it cannot, and never
/// a stuck event loop.
@Suite struct LoopbackDialTests {
    /// A plain listener on 127.0.0.1, accepting only when asked.
    final class Listener {
        let fd: Int32
        let address: SocketAddress

        init(backlog: Int32 = 16) throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.fd = fd
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, length) == 0 && listen(fd, backlog) == 0 && getsockname(fd, $0, &length) == 0
                }
            }
            guard bound else {
                close(fd)
                throw POSIXError(.EADDRINUSE)
            }
            address = try SocketAddress(ipAddress: "127.0.0.1", port: Int(UInt16(bigEndian: addr.sin_port)))
        }

        deinit { close(fd) }
    }

    /// The socket of a dial done on the spot, or nil when it was left to NIO.
    func connectNow(_ address: SocketAddress, reserve: Int = 0) -> Int32? {
        switch LoopbackDial.connectNow(address, descriptors: DescriptorGuard(reserve: reserve)) {
        case .connected(let fd, _): return fd
        case .elsewhere, .short: return nil
        }
    }

    @Test func connectsToALoopbackListenerNonBlocking() throws {
        let listener = try Listener()
        let fd = try #require(connectNow(listener.address))
        defer { close(fd) }
        #expect(fcntl(fd, F_GETFL) & O_NONBLOCK != 0)
        // The handshake is done: the listener has the connection queued, and bytes go through.
        let accepted = accept(listener.fd, nil, nil)
        #expect(accepted >= 0)
        defer { close(accepted) }
        #expect(Array("hello\n".utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == 6)
        var buffer = [UInt8](repeating: 0, count: 16)
        let n = buffer.withUnsafeMutableBytes { read(accepted, $0.baseAddress, $0.count) }
        #expect(String(decoding: buffer[0..<max(0, n)], as: UTF8.self) == "hello\n")
    }

    @Test func aPortNobodyListensOnGivesNil() throws {
        let port = try Listener().address  // the listener is closed again right here
        #expect(connectNow(port) == nil)
    }

    @Test func addressesOffLoopbackAreLeftToNIO() throws {
        #expect(connectNow(try SocketAddress(ipAddress: "10.255.255.1", port: 9)) == nil)
        #expect(connectNow(try SocketAddress(ipAddress: "::1", port: 9)) == nil)
    }

    /// With every descriptor in the reserve, nothing is dialed: the socket is closed again and
    /// the caller refuses, whether the dial was to be on the spot or left to NIO.
    @Test func pastTheDescriptorReserveNothingIsDialed() throws {
        let listener = try Listener()
        let everything = DescriptorGuard.currentLimit()
        guard case .short = LoopbackDial.connectNow(listener.address, descriptors: DescriptorGuard(reserve: everything)) else {
            Issue.record("dialed past the reserve")
            return
        }
        let offLoopback = try SocketAddress(ipAddress: "10.255.255.1", port: 9)
        guard case .short = LoopbackDial.connectNow(offLoopback, descriptors: DescriptorGuard(reserve: everything)) else {
            Issue.record("left a dial past the reserve to NIO")
            return
        }
        _ = fcntl(listener.fd, F_SETFL, O_NONBLOCK)
        #expect(accept(listener.fd, nil, nil) < 0, "a connection reached the listener")
    }

    /// An app that stops accepting fills its queue; the kernel then drops new SYNs and a plain
    /// blocking connect would wait for the retransmit (a second or more) with the event loop
    /// held. The bounded wait gives up instead and the caller falls back.
    @Test func aFullAcceptQueueGivesUpInsteadOfHolding() throws {
        let listener = try Listener(backlog: 0)
        var connected: [Int32] = []
        defer { for fd in connected { close(fd) } }
        var gaveUp: Duration?
        for _ in 0..<8 {
            let start = ContinuousClock.now
            guard let fd = connectNow(listener.address) else {
                gaveUp = ContinuousClock.now - start
                break
            }
            connected.append(fd)
        }
        let waited = try #require(gaveUp, "the queue never filled: \(connected.count) connections went through")
        #expect(waited < .milliseconds(500), "held the caller for \(waited)")
    }
}
