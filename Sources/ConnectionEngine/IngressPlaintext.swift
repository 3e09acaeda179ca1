import DataPlaneInterface
import MeshModel
import NIOCore
import PolicyEngine

/// A connection from a pod without a sidecar arriving at an inbound sidecar: `MDK-PLNX <conn>
/// <source-ip> <port>` stands in for what the kernel gives Envoy of it (the peer's address, which
/// loopback cannot tell apart, and the original destination port, SO_ORIGINAL_DST), as
/// `MDK-ORIG` does on the outbound side. The policy decides it (`PolicyIndex.admitPlaintext`): an
/// IngressBackend's filter chain, or OSM's in-mesh chains, which take only mTLS.
extension Preamble {
    static let plaintextPrefix = "MDK-PLNX "

    struct Plaintext: Equatable {
        var connection: ConnectionID
        var sourceIP: String
        var port: Int
    }

    static func encode(_ p: Plaintext) -> String { "\(plaintextPrefix)\(p.connection) \(p.sourceIP) \(p.port)\n" }

    static func parsePlaintext(_ line: String) -> Plaintext? {
        guard line.hasPrefix(plaintextPrefix) else { return nil }
        let parts = line.dropFirst(plaintextPrefix.count).split(separator: " ")
        guard parts.count == 3, let id = ConnectionID(parts[0]), IPv4Range.address(String(parts[1])) != nil,
            let port = Int(parts[2]), (1...65535).contains(port)
        else { return nil }
        return Plaintext(connection: id, sourceIP: String(parts[1]), port: port)
    }
}

/// The inbound sidecar's answer to such a connection: a refusal, or, on an IngressBackend's
/// `http` chain, Envoy's HTTP connection manager meeting raw TCP: `400 Bad Request`.
enum IngressAnswer {
    static let badRequest =
        "HTTP/1.1 400 Bad Request\r\ncontent-length: 11\r\ncontent-type: text/plain\r\nserver: envoy\r\nconnection: close\r\n\r\nBad Request"

    static func answer(_ plain: Preamble.Plaintext, pod: ObjectKey, state: EngineState, context: ChannelHandlerContext) {
        let policy = state.current.policy
        let verdict = policy.admitPlaintext(sourceIP: plain.sourceIP, pod: pod, targetPort: plain.port)
        state.record(plain.connection) { $0.serverVerdict = verdict }
        state.emit(plain.connection, .verdict(verdict, by: .serverSidecar, pod: pod, summary: policy.summary(verdict)))
        guard verdict.allowed, verdict.httpPort else {
            state.emit(plain.connection, .plaintextRefused(pod: pod))
            return context.close(promise: nil)
        }
        state.record(plain.connection) { $0.badRequest = true }
        state.emit(plain.connection, .badRequest(pod: pod))
        let body = context.channel.allocator.buffer(string: badRequest)
        context.writeAndFlush(NIOAny(body)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
