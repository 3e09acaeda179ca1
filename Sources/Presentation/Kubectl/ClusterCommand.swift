import Foundation
import MeshModel

/// A change (or a look) at the cluster as a person makes it on a real one: the command line they
/// type and what kubectl or osm prints back. The dashboard's keys and `:` commands and the
/// guided walkthrough all perform their changes through this, so the same action reads the same
/// everywhere (a patch that changes nothing says `patched (no change)`, as kubectl does).
package enum ClusterCommand: Sendable {
    /// `kubectl create namespace NS`
    case createNamespace(String)
    /// `osm namespace add NS`
    case addToMesh(String)
    /// `osm namespace remove NS`
    case removeFromMesh(String)
    /// `kubectl patch meshconfig osm-mesh-config -n osm-system -p '{"spec":{"traffic":{FIELD:ON}}}' --type=merge`
    case patchMeshConfig(MeshConfigSwitch, Bool)
    /// `kubectl scale deployment NAME -n NS --replicas=N`
    case scale(ObjectKey, replicas: Int)
    /// `kubectl delete KIND NAME -n NS`
    case delete(ResourceKind, ObjectKey)
    /// `kubectl apply -f SOURCE`: `source` is what follows `-f` (a path, or `- <<EOF` for a
    /// heredoc), with the manifests already read and decoded.
    case apply(source: String, ManifestDecoder.Output)
    /// `kubectl get RESOURCES -n NS`
    case get(resources: String, namespace: String)
}

/// The two MeshConfig switches the walkthrough flips.
package enum MeshConfigSwitch: String, Sendable {
    case permissive = "enablePermissiveTrafficPolicyMode"
    case egress = "enableEgress"

    func isOn(in cluster: Cluster) -> Bool {
        self == .permissive ? cluster.isPermissive : cluster.isEgressEnabled
    }
}

/// What a command did: what it printed (kubectl's and osm's own words), and whether the cluster
/// changed (so the data plane has to follow).
package struct ClusterCommandResult: Sendable, Equatable {
    package var output: [String]
    package var changed: Bool
    /// The command was refused (nothing changed); `output` says why, as kubectl would.
    package var failed: Bool
    /// For an apply that was refused: the first line of each problem, for a one-line summary.
    package var problems: [String] = []
}

extension ClusterCommand {
    /// The line a person types for this on a real cluster.
    package var commandLine: String {
        switch self {
        case .createNamespace(let ns): "kubectl create namespace \(ns)"
        case .addToMesh(let ns): "osm namespace add \(ns)"
        case .removeFromMesh(let ns): "osm namespace remove \(ns)"
        case .patchMeshConfig(let field, let on):
            "kubectl patch meshconfig \(MeshConfig.name) -n \(MeshConfig.namespace) "
                + "-p '{\"spec\":{\"traffic\":{\"\(field.rawValue)\":\(on)}}}' --type=merge"
        case .scale(let key, let replicas): "kubectl scale deployment \(key.name) -n \(key.namespace) --replicas=\(replicas)"
        case .delete(let kind, let key):
            "kubectl delete \(kind.kubectlName) \(key.name)" + (kind.isNamespaced ? " -n \(key.namespace)" : "")
        case .apply(let source, _): "kubectl apply -f \(source)"
        case .get(let resources, let ns): "kubectl get \(resources) -n \(ns)"
        }
    }

    /// Performs the command on `cluster` and returns what the real tool prints. A refused
    /// command leaves the cluster exactly as it was.
    package func perform(on cluster: inout Cluster, now: Date = Date()) -> ClusterCommandResult {
        let before = cluster.revision
        func done(_ output: [String]) -> ClusterCommandResult {
            ClusterCommandResult(output: output, changed: cluster.revision != before, failed: false)
        }
        func refused(_ output: [String]) -> ClusterCommandResult {
            ClusterCommandResult(output: output, changed: false, failed: true)
        }
        switch self {
        case .createNamespace(let ns):
            if cluster.namespaces[ns] != nil {
                return refused(["Error from server (AlreadyExists): namespaces \"\(ns)\" already exists"])
            }
            let namespace = Resource.namespace(Namespace(meta: ObjectMeta(name: ns)))
            do throws(ManifestErrors) {
                return done(try cluster.apply([namespace], now: now).map(\.description))
            } catch {
                return refused(error.diagnostics.map { "error: \($0.message)" })
            }
        case .addToMesh(let ns):
            // The osm CLI's own messages (cmd/cli/namespace_add.go in OSM v1.2.4).
            if ns == MeshConfig.namespace {
                return refused([
                    "Namespace [\(ns)] already has [osm-controller] installed and cannot be added to mesh [\(MeshLabels.meshName)]"
                ])
            }
            do throws(ClusterError) {
                try cluster.addToMesh(ns)
            } catch {
                return refused(["Error: Could not label namespace [\(ns)]: namespaces \"\(ns)\" not found"])
            }
            return done(["Namespace [\(ns)] successfully added to mesh [\(MeshLabels.meshName)]"])
        case .removeFromMesh(let ns):
            // cmd/cli/namespace_remove.go in OSM v1.2.4: a namespace outside the mesh is not an error.
            guard let namespace = cluster.namespaces[ns] else {
                return refused(["Error: Could not get namespace [\(ns)]: namespaces \"\(ns)\" not found"])
            }
            guard namespace.meta.labels[MeshLabels.monitoredBy] != nil else {
                return done(["Namespace [\(ns)] already does not belong to any mesh"])
            }
            try? cluster.removeFromMesh(ns)
            return done(["Namespace [\(ns)] successfully removed from mesh [\(MeshLabels.meshName)]"])
        case .patchMeshConfig(let field, let on):
            let kind = ResourceKind.meshConfig.kubectlName
            guard cluster.meshConfig != nil else {
                return refused([
                    "Error from server (NotFound): meshconfigs.config.openservicemesh.io \"\(MeshConfig.name)\" not found"
                ])
            }
            if field == .permissive { cluster.setPermissive(on) } else { cluster.setEgress(on) }
            // kubectl says so when a patch changes nothing.
            return done(["\(kind)/\(MeshConfig.name) patched" + (cluster.revision == before ? " (no change)" : "")])
        case .scale(let key, let replicas):
            guard cluster.deployments[key] != nil else { return refused([Self.notFound(.deployment, key)]) }
            do throws(ClusterError) {
                try cluster.scale(key, replicas: replicas)
            } catch {
                return refused(["error: \(error.message)"])
            }
            return done(["deployment.apps/\(key.name) scaled"])
        case .delete(let kind, let key):
            guard cluster.resource(kind, key) != nil else { return refused([Self.notFound(kind, key)]) }
            try? cluster.delete(kind, key)
            return done(["\(kind.kubectlName) \"\(key.name)\" deleted"])
        case .apply(_, let decoded):
            var problems = decoded.errors
            var results: [ApplyResult] = []
            if problems.isEmpty {
                do throws(ManifestErrors) {
                    results = try cluster.apply(decoded.resources, now: now)
                } catch {
                    problems = error.diagnostics
                }
            }
            let warnings = decoded.warnings.flatMap { Self.lines($0.description) }
            guard problems.isEmpty else {
                let count = problems.count
                var result = refused(
                    warnings + problems.flatMap { Self.lines($0.description) }
                        + ["error: \(count) problem\(count == 1 ? "" : "s") found; nothing was applied"])
                result.problems = problems.map { Self.lines($0.description).first ?? $0.message }
                return result
            }
            // kubectl's words for a file with no objects in it.
            guard !results.isEmpty else { return refused(warnings + ["error: no objects passed to apply"]) }
            return done(warnings + results.map(\.description))
        case .get(let resources, let ns):
            guard let kinds = Listable.parse(resources) else {
                return refused(["error: the server doesn't have a resource type \"\(resources)\""])
            }
            let listing = ResourceTables(cluster: cluster, now: now).listing(kinds, namespace: ns)
            return done(listing.map(Self.lines) ?? ["No resources found in \(ns) namespace."])
        }
    }

    /// The API server's answer for a missing object, as kubectl prints it:
    /// `Error from server (NotFound): deployments.apps "nope" not found`.
    static func notFound(_ kind: ResourceKind, _ key: ObjectKey) -> String {
        let resource = kind.plural + (kind.group.isEmpty ? "" : ".\(kind.group)")
        return "Error from server (NotFound): \(resource) \"\(key.name)\" not found"
    }

    /// Output split into lines as a terminal shows them (`\n` and `\r\n` both end a line).
    static func lines(_ text: String) -> [String] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
