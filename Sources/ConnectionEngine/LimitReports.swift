import DataPlaneInterface
import MeshModel
import NIOConcurrencyHelpers
import NIOCore

/// Reports the engine's bounds being reached as `limitReached` events, at most once a second
/// per bound and pod: a flood that meets a limit ten thousand times must not become ten
/// thousand events for the dashboard to draw. The next report says how many went unreported.
final class LimitReports: Sendable {
    private struct Key: Hashable {
        var limit: String
        var pod: ObjectKey?
    }

    private struct Last {
        var at: NIODeadline
        var unreported: Int
    }

    private let sink: EngineEventSink?
    private let last = NIOLockedValueBox<[Key: Last]>([:])
    private let interval = TimeAmount.seconds(1)

    init(sink: EngineEventSink?) { self.sink = sink }

    func report(_ limit: String, pod: ObjectKey?, connection: ConnectionID? = nil, _ detail: @autoclosure () -> String) {
        guard let sink else { return }
        let key = Key(limit: limit, pod: pod)
        let now = NIODeadline.now()
        // nil: reported less than a second ago, counted for the next report.
        let unreported = last.withLockedValue { table -> Int? in
            let previous = table[key]
            if let previous, now - previous.at < interval {
                table[key]!.unreported += 1
                return nil
            }
            table[key] = Last(at: now, unreported: 0)
            return previous?.unreported ?? 0
        }
        guard let unreported else { return }
        let more = unreported > 0 ? " (and \(unreported) more since the last report)" : ""
        sink(EngineEvent(connection: connection, kind: .limitReached(limit: limit, pod: pod, detail: detail() + more)))
    }
}
