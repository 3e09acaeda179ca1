import DataPlaneInterface
import MeshModel
import NIOConcurrencyHelpers
import NIOCore
import PolicyEngine

/// What the sidecars learned about one connection, for the probe that started it.
struct ConnectionRecord: Sendable {
    var clientVerdict: Verdict?
    var serverVerdict: Verdict?
    var refusedBy: ObjectKey?
    /// The pod the client sidecar routed to.
    var endpointPod: ObjectKey?
    var badRequest = false
    /// The tunnel to this pod's inbound sidecar closed while the connection was in it.
    var tunnelLost: ObjectKey?
    /// One of the engine's bounds refused it: what, in words, ending with the bound's name.
    var refusedByLimit: String?
    /// The mTLS handshake on its way failed: the reason, as the refusing side named it.
    var tlsError: String?
}

/// A tunnel connection an outbound sidecar dialed, kept for fault injection and counts.
struct OpenTunnel: Sendable {
    var channel: Channel
    var from: ObjectKey
    var to: ObjectKey
}

/// A spliced connection through an outbound sidecar, kept so a policy change can re-decide it.
struct OpenConnection: Sendable {
    var channel: Channel
    var workload: ObjectKey
    var host: String
    var port: Int
    var endpointPod: ObjectKey
    var drain: Scheduled<Void>?
}

/// State shared by every handler of one engine, behind locks: handlers run on several
/// event-loop threads, and the engine's API is called from others.
final class EngineState: Sendable {
    let configuration: EngineConfiguration
    let sink: EngineEventSink?
    /// Keeps `configuration.descriptorReserve` descriptors free.
    let descriptors: DescriptorGuard
    /// Where reaching a bound is reported (at most once a second per bound and pod).
    let limits: LimitReports
    /// The pods whose listeners are up, and their leases (see `PodLifecycle`).
    let running = RunningPods()
    /// Starts a cold pod for a connection that needs it (set by the control plane).
    let lifecycle = PodLifecycle()
    /// The mesh's CA for this run and a TLS context per identity.
    let tls: MeshTLS
    /// Inbound TLS handshakes under way (`maxHandshakesInFlight`).
    let handshakes: HandshakeSlots
    /// Why the inbound side refused recent handshakes, for the client end of the same engine.
    let tlsRefusals = TLSRefusalNotes()
    /// What the engine dialed to its guarded listeners (meshed apps, outbound sidecars).
    let dialed = DialedRegistry()
    private let dataplane: NIOLockedValueBox<Dataplane>
    private let roundRobin = NIOLockedValueBox<[ObjectKey: Int]>([:])
    private let records = NIOLockedValueBox<[ConnectionID: ConnectionRecord]>([:])
    private let open = NIOLockedValueBox<[ConnectionID: OpenConnection]>([:])
    private let nextID = NIOLockedValueBox<ConnectionID>(1)
    private let tunnels = NIOLockedValueBox<[ObjectIdentifier: OpenTunnel]>([:])

    init(configuration: EngineConfiguration, sink: EngineEventSink?, dataplane: Dataplane, tls: MeshTLS) {
        self.configuration = configuration
        self.tls = tls
        self.handshakes = HandshakeSlots(limit: configuration.maxHandshakesInFlight)
        self.sink = sink
        self.descriptors = DescriptorGuard(reserve: configuration.descriptorReserve)
        self.limits = LimitReports(sink: sink)
        self.dataplane = NIOLockedValueBox(dataplane)
    }

    var current: Dataplane {
        get { dataplane.withLockedValue { $0 } }
        set { dataplane.withLockedValue { $0 = newValue } }
    }

    func emit(_ connection: ConnectionID?, _ kind: @autoclosure () -> EngineEvent.Kind) {
        guard let sink else { return }
        sink(EngineEvent(connection: connection, kind: kind()))
    }

    func newConnectionID() -> ConnectionID {
        nextID.withLockedValue { id in
            defer { id &+= 1 }
            return id
        }
    }

    /// Envoy's default: round-robin over a service's endpoints, per service.
    func nextEndpoint(for service: ObjectKey) -> Int {
        roundRobin.withLockedValue { counters in
            let n = counters[service, default: 0]
            counters[service] = n &+ 1
            return n
        }
    }

    /// The endpoint index `nextEndpoint` will give next, without taking the turn.
    func peekEndpoint(for service: ObjectKey) -> Int {
        roundRobin.withLockedValue { $0[service, default: 0] }
    }

    /// A probe announces its connection so sidecars keep notes on it; connections nobody
    /// waits for leave no notes behind (no growth under load).
    func expect(_ id: ConnectionID) {
        records.withLockedValue { $0[id] = ConnectionRecord() }
    }

    func record(_ id: ConnectionID, _ edit: (inout ConnectionRecord) -> Void) {
        records.withLockedValue { records in
            guard records[id] != nil else { return }
            edit(&records[id]!)
        }
    }

    /// A bound refused connection `id` (or a stream, a tunnel): noted for the probe that waits
    /// on it and reported.
    func refuse(_ id: ConnectionID?, limit: String, pod: ObjectKey?, _ detail: String) {
        if let id { record(id) { $0.refusedByLimit = "\(detail) (\(limit))" } }
        limits.report(limit, pod: pod, connection: id, detail)
    }

    /// No descriptor to spare for a new connection: the reserve refused it.
    func refuseForDescriptors(_ id: ConnectionID?, pod: ObjectKey?, _ what: String) {
        refuse(id, limit: "descriptorReserve", pod: pod, "refused \(what): \(descriptors.short)")
    }

    func takeRecord(_ id: ConnectionID) -> ConnectionRecord? {
        records.withLockedValue { $0.removeValue(forKey: id) }
    }

    func trackOpen(_ id: ConnectionID, _ connection: OpenConnection) {
        open.withLockedValue { $0[id] = connection }
    }

    func untrackOpen(_ id: ConnectionID) {
        open.withLockedValue { _ = $0.removeValue(forKey: id) }
    }

    var openCount: Int { open.withLockedValue { $0.count } }

    /// Tunnels come and go rarely (one per pool slot), so a lock here costs nothing per stream.
    func trackTunnel(_ channel: Channel, from: ObjectKey, to: ObjectKey) {
        let key = ObjectIdentifier(channel)
        tunnels.withLockedValue { $0[key] = OpenTunnel(channel: channel, from: from, to: to) }
        channel.closeFuture.whenComplete { [weak self] _ in _ = self?.tunnels.withLockedValue { $0.removeValue(forKey: key) } }
    }

    var openTunnels: [OpenTunnel] { tunnels.withLockedValue { Array($0.values) } }

    /// Re-decides every open connection against the current policy. Those now denied are
    /// closed after the drain time (and reprieved if the policy allows them again before).
    func redecideOpenConnections() {
        let plane = current
        let drain = configuration.drainSeconds
        open.withLockedValue { connections in
            for (id, var c) in connections {
                let verdict = Self.verdict(for: c, in: plane)
                if verdict.allowed {
                    c.drain?.cancel()
                    c.drain = nil
                } else if c.drain == nil {
                    let reason = plane.policy.summary(verdict)
                    emit(id, .drainScheduled(after: drain, reason: reason))
                    let channel = c.channel
                    c.drain = channel.eventLoop.scheduleTask(in: .nanoseconds(Int64(drain * 1e9))) { [weak self] in
                        self?.emit(id, .drained)
                        channel.close(promise: nil)
                    }
                }
                connections[id] = c
            }
        }
    }

    /// What the policy says now about an open connection: the same question the client sidecar
    /// asked, pinned to the endpoint the connection already goes to.
    private static func verdict(for c: OpenConnection, in plane: Dataplane) -> Verdict {
        let policy = plane.policy
        return policy.route(from: c.workload, host: c.host, port: c.port) { service in
            policy.endpoint(c.endpointPod, ofService: service)
        }.verdict
    }
}
