import Foundation
import MeshModel
import Presentation

/// Every change the dashboard makes to the cluster goes through `ClusterCommand`, as a person
/// would make it on a real one: the command line and what kubectl or osm prints go to the log,
/// in the same words the guided walkthrough and `meshdeck walkthrough` use.
extension Reducer {
    /// Runs `clusterCommand` on the state's cluster and logs it. When the cluster changed, the
    /// data plane follows and the recording gets `mark`.
    static func perform(
        _ state: inout AppState, _ clusterCommand: ClusterCommand, now: Date, commandLine: String? = nil, mark: String
    ) -> (result: ClusterCommandResult, effects: [Effect]) {
        var cluster = state.cluster
        let result = clusterCommand.perform(on: &cluster, now: now)
        command(&state, now, commandLine ?? clusterCommand.commandLine)
        for line in result.output { output(&state, now, line) }
        guard result.changed else { return (result, []) }
        // Selections stay on something that exists (the panes' rows clamp them).
        state.setCluster(cluster, touchedPolicies: touchedPolicies(clusterCommand))
        return (result, [.updateEngine, .mark(mark)])
    }

    /// The TCPRoutes and TrafficTargets a command changes, for the policies pane to edit only
    /// their rows ([]: none; nil: not known here, the pane works it out). Working it out compares
    /// every TrafficTarget, ~10 ms at 10,000 of them.
    static func touchedPolicies(_ command: ClusterCommand) -> [(ResourceKind, ObjectKey)]? {
        switch command {
        case .delete(let kind, let key):
            switch kind {
            case .tcpRoute, .trafficTarget: return [(kind, key)]
            case .httpRouteGroup, .namespace: return nil
            default: return []
            }
        case .patchMeshConfig, .scale, .createNamespace, .addToMesh, .removeFromMesh, .get: return []
        case .apply: return nil
        }
    }
}
