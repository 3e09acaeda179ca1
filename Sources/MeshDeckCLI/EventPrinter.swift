import ConnectionEngine
import DataPlaneInterface
import Foundation
import MeshModel
import PolicyEngine

/// One engine event as a line for `--verbose`; text from the network is escaped.
enum EventPrinter {
    static func line(_ event: EngineEvent) -> String? {
        switch event.kind {
        case .listening, .stopped: return nil
        case .podStarted(let pod, let seconds, let running):
            return "* started pod \(pod) on first use (\(String(format: "%.1f ms", seconds * 1000)); \(running) running)"
        case .podEvicted(let pod, let idle, let running, let bound):
            return
                "* stopped idle pod \(pod) (unused for \(String(format: "%.1f s", idle))) to keep at most \(bound) running (maxRunningPods); \(running) running"
        case .resolved(let host, let address): return "* resolved \(host) to \(address)"
        case .nameNotResolved(let host): return "* \(host) does not resolve"
        case .connected(let to): return "* connected to \(to)"
        case .verdict(let v, let by, let pod, let summary):
            if v.allowed || v.point == by { return "* \(by.rawValue) of \(pod): \(v.word), \(summary)" }
            if v.reason == .smiNoTrafficTarget {
                return "* \(by.rawValue) of \(pod): no mesh route (\(summary)); passes it through in plaintext, as egress is on"
            }
            return "* \(by.rawValue) of \(pod): passes it on; the \(v.point.rawValue) decides (\(summary))"
        case .plaintextRefused(let pod): return "* inbound sidecar of \(pod) refused a plaintext connection (no mesh identity)"
        case .upstreamRefused(let pod, let port): return "* \(pod) refused the connection (nothing listening on :\(port))"
        case .tunnelOpened(let from, let to): return "* tunnel opened: outbound sidecar of \(from) to inbound sidecar of \(to)"
        case .tunnelLost(let to, let reason): return "* \(reason) (inbound sidecar of \(to)): connection failed"
        case .badRequest(let pod): return "* client sidecar of \(pod) answered 400 Bad Request (HTTP port, raw TCP message)"
        case .badGateway(let pod):
            return "* client sidecar of \(pod) answered 502 Bad Gateway (HTTP port, the upstream's reply is not HTTP)"
        case .appLog(let pod, let line): return "* \(pod.name): \(line)"
        case .reply: return nil
        case .bytes(let sent, let received): return "* \(sent) bytes sent, \(received) received"
        case .closed(let l): return "* closed: " + latencyText(l)
        case .drainScheduled(let after, let reason):
            return "* policy now denies this connection (\(reason)); closing in \(after) s"
        case .drained: return "* drained"
        case .timedOut(let after): return "* no reply within \(after) s"
        case .limitReached(let limit, let pod, let detail): return "* \(pod.map { "\($0): " } ?? "")\(detail) (\(limit))"
        case .tunnelProtocolError(let pod, let reason): return "* sidecar of \(pod) closed a tunnel: \(reason)"
        case .tlsRefused(let pod, let reason): return "* sidecar of \(pod): \(reason)"
        case .certificateChanged(let identity, let change): return "* certificate of \(identity): \(change)"
        case .rootRotated(let closed):
            return "* mesh root rotated: \(closed) tunnels closed, dialed again under the new root on next use"
        case .bypassRefused(_, let detail): return "* \(detail)"
        }
    }

    static func latencyText(_ l: Latencies) -> String {
        func ms(_ s: Double?) -> String { s.map { String(format: "%.2f ms", $0 * 1000) } ?? "-" }
        return "connect \(ms(l.connect)), first byte \(ms(l.firstByte)), total \(ms(l.total))"
    }
}
