import MeshModel
import NIOConcurrencyHelpers

/// How much the tunnels into one inbound sidecar may hold at once, per identity and in all,
/// counted over every event loop of the sidecar (`EngineConfiguration.maxTunnelsPerIdentity`
/// and the three others). Each stream makes the sidecar dial the app, so without these a few
/// peer sockets opening 256 streams each took every descriptor of the process. The counts
/// change once per tunnel and once per stream, behind one lock per pod: two uncontended lock
/// operations per stream, next to the dozens of microseconds a stream costs.
final class InboundLimits: Sendable {
    /// Which limit refused, and why, in words for the event and the probe's reason.
    struct Refusal: Error, Equatable {
        var limit: String
        var detail: String
    }

    private struct Counts {
        var tunnels = 0
        var streams = 0
    }

    private struct State {
        var byIdentity: [ObjectKey: Counts] = [:]
        var all = Counts()
    }

    private let tunnelsPerIdentity: Int
    private let streamsPerIdentity: Int
    private let tunnelsInAll: Int
    private let streamsInAll: Int
    private let state = NIOLockedValueBox(State())

    init(_ configuration: EngineConfiguration) {
        tunnelsPerIdentity = configuration.maxTunnelsPerIdentity
        streamsPerIdentity = configuration.maxStreamsPerIdentity
        tunnelsInAll = configuration.maxTunnelsPerInboundSidecar
        streamsInAll = configuration.maxStreamsPerInboundSidecar
    }

    /// A tunnel from `identity` wants in: counted, or refused.
    func openTunnel(from identity: ObjectKey) -> Refusal? {
        open(
            \.tunnels, "tunnel", from: identity, perIdentity: (tunnelsPerIdentity, "maxTunnelsPerIdentity"),
            inAll: (tunnelsInAll, "maxTunnelsPerInboundSidecar"))
    }

    /// A tunnel from `identity` closed with `streams` streams still open in it.
    func closeTunnel(from identity: ObjectKey, streams: Int) {
        state.withLockedValue { s in
            s.all.tunnels -= 1
            s.all.streams -= streams
            s.byIdentity[identity]?.tunnels -= 1
            s.byIdentity[identity]?.streams -= streams
            if let left = s.byIdentity[identity], left.tunnels <= 0, left.streams <= 0 { s.byIdentity[identity] = nil }
        }
    }

    /// A stream from `identity` wants to open (the policy already allowed it).
    func openStream(from identity: ObjectKey) -> Refusal? {
        open(
            \.streams, "stream", from: identity, perIdentity: (streamsPerIdentity, "maxStreamsPerIdentity"),
            inAll: (streamsInAll, "maxStreamsPerInboundSidecar"))
    }

    /// One more tunnel or stream (`count`) from `identity`, unless that takes it past its own
    /// limit or the sidecar past its limit for everyone; a refusal names the limit.
    private func open(
        _ count: WritableKeyPath<Counts, Int>, _ noun: String, from identity: ObjectKey,
        perIdentity: (limit: Int, name: String), inAll: (limit: Int, name: String)
    ) -> Refusal? {
        state.withLockedValue { s in
            let mine = s.byIdentity[identity, default: Counts()][keyPath: count]
            if mine >= perIdentity.limit {
                return Refusal(
                    limit: perIdentity.name, detail: "refused a \(noun) from \(identity): it already has \(mine) open")
            }
            let all = s.all[keyPath: count]
            if all >= inAll.limit {
                return Refusal(limit: inAll.name, detail: "refused a \(noun) from \(identity): \(all) are open")
            }
            s.byIdentity[identity, default: Counts()][keyPath: count] += 1
            s.all[keyPath: count] += 1
            return nil
        }
    }

    func closeStream(from identity: ObjectKey) {
        state.withLockedValue { s in
            s.all.streams -= 1
            s.byIdentity[identity]?.streams -= 1
        }
    }

    /// Open right now (for tests and the soak).
    var open: (tunnels: Int, streams: Int) { state.withLockedValue { ($0.all.tunnels, $0.all.streams) } }
}
