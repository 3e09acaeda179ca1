import DataPlaneInterface
import Foundation
import MeshDeckTestSupport
import MeshModel
import NIOConcurrencyHelpers

@testable import ConnectionEngine

/// Collects engine events for assertions.
final class EventLog: Sendable {
    private let events = NIOLockedValueBox<[EngineEvent]>([])
    var sink: EngineEventSink { { [events] e in events.withLockedValue { $0.append(e) } } }
    var all: [EngineEvent] { events.withLockedValue { $0 } }
    func kinds(_ connection: ConnectionID) -> [EngineEvent.Kind] { all.filter { $0.connection == connection }.map(\.kind) }
}

/// Runs `body` with a started engine and always shuts it down. `warm`: every pod started
/// before `body` runs (most tests dial pods' listeners by address, from `engine.pods`); cold
/// (false), pods start when a probe first needs them, as in `meshdeck`.
func withEngine<T>(
    _ cluster: Cluster = Scenario.walkthrough(), configuration: EngineConfiguration = EngineConfiguration(),
    events: EventLog? = nil, warm: Bool = true, _ body: (MeshEngine) async throws -> T
) async throws -> T {
    let engine = try await MeshEngine.start(cluster, configuration: configuration, events: events?.sink)
    do {
        if warm { try await engine.startPods() }
        let value = try await body(engine)
        try await engine.shutdown()
        return value
    } catch {
        try? await engine.shutdown()
        throw error
    }
}

func decode(_ yaml: String, namespace: String? = nil) throws -> [Resource] {
    try TestManifests.decode(yaml, namespace: namespace)
}
