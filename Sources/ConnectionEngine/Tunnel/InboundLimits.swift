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
        state.withLockedValue { s in
            let mine = s.byIdentity[identity, default: Counts()]
            if mine.tunnels >= tunnelsPerIdentity {
                return Refusal(
                    limit: "maxTunnelsPerIdentity",
                    detail: "refused a tunnel from \(identity): it already has \(mine.tunnels) open")
            }
            if s.all.tunnels >= tunnelsInAll {
                return Refusal(
                    limit: "maxTunnelsPerInboundSidecar", detail: "refused a tunnel from \(identity): \(s.all.tunnels) are open")
            }
            s.byIdentity[identity, default: Counts()].tunnels += 1
            s.all.tunnels += 1
            return nil
        }
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
        state.withLockedValue { s in
            let mine = s.byIdentity[identity, default: Counts()]
            if mine.streams >= streamsPerIdentity {
                return Refusal(
                    limit: "maxStreamsPerIdentity",
                    detail: "refused a stream from \(identity): it already has \(mine.streams) open")
            }
            if s.all.streams >= streamsInAll {
                return Refusal(
                    limit: "maxStreamsPerInboundSidecar", detail: "refused a stream from \(identity): \(s.all.streams) are open")
            }
            s.byIdentity[identity, default: Counts()].streams += 1
            s.all.streams += 1
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
