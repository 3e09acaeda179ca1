import TerminalText

/// A change refused because its target does not exist or the value is out of range.
package struct ClusterError: Error, Sendable, Equatable, CustomStringConvertible {
    package var message: String
    init(_ message: String) { self.message = message }
    package var description: String { message.terminalSafe }
}

/// The edits a user makes besides apply: `kubectl delete`, `kubectl patch meshconfig`,
/// `osm namespace add/remove`, `kubectl scale`. Each bumps `revision` when it changes anything.
extension Cluster {
    /// Deletes one resource; deleting a Namespace deletes everything in it, as Kubernetes does.
    package mutating func delete(_ kind: ResourceKind, _ key: ObjectKey) throws(ClusterError) {
        guard resource(kind, key) != nil else {
            throw ClusterError(
                "\(kind.kubectlName) \"\(key.name)\" not found\(kind.isNamespaced ? " in namespace \(key.namespace)" : "")")
        }
        remove(kind, key)
        if kind == .namespace {
            for k in ResourceKind.allCases where k.isNamespaced {
                for r in resources(of: k) where r.meta.namespace == key.name { remove(k, r.meta.key) }
            }
        }
        revision += 1
    }

    /// `kubectl patch meshconfig osm-mesh-config -n osm-system … enablePermissiveTrafficPolicyMode`.
    package mutating func setPermissive(_ on: Bool) {
        patchMeshConfig { $0.permissiveTrafficPolicyMode = on }
    }

    /// `kubectl patch meshconfig osm-mesh-config -n osm-system … enableEgress`.
    package mutating func setEgress(_ on: Bool) {
        patchMeshConfig { $0.egress = on }
    }

    private mutating func patchMeshConfig(_ edit: (inout MeshConfig) -> Void) {
        if namespaces[MeshConfig.namespace] == nil {
            namespaces[MeshConfig.namespace] = Namespace(meta: ObjectMeta(name: MeshConfig.namespace))
        }
        let key = ObjectKey(namespace: MeshConfig.namespace, name: MeshConfig.name)
        var config = meshConfigs[key] ?? MeshConfig(meta: ObjectMeta(name: MeshConfig.name, namespace: MeshConfig.namespace))
        let before = config
        edit(&config)
        guard config != before || meshConfigs[key] == nil else { return }
        meshConfigs[key] = config
        revision += 1
    }

    /// `osm namespace add NS`: the monitored-by label and the injection annotation.
    package mutating func addToMesh(_ namespace: String) throws(ClusterError) {
        guard var ns = namespaces[namespace] else { throw ClusterError("namespace \"\(namespace)\" not found") }
        ns.meta.labels[MeshLabels.monitoredBy] = MeshLabels.meshName
        ns.meta.annotations[MeshLabels.sidecarInjection] = "enabled"
        guard ns != namespaces[namespace] else { return }
        namespaces[namespace] = ns
        revision += 1
    }

    /// `osm namespace remove NS`: drops the label and the annotation.
    package mutating func removeFromMesh(_ namespace: String) throws(ClusterError) {
        guard var ns = namespaces[namespace] else { throw ClusterError("namespace \"\(namespace)\" not found") }
        ns.meta.labels[MeshLabels.monitoredBy] = nil
        ns.meta.annotations[MeshLabels.sidecarInjection] = nil
        guard ns != namespaces[namespace] else { return }
        namespaces[namespace] = ns
        revision += 1
    }

    /// `kubectl scale deployment NAME --replicas=N -n NS`.
    package mutating func scale(_ key: ObjectKey, replicas: Int) throws(ClusterError) {
        guard var d = deployments[key] else {
            throw ClusterError("deployment.apps \"\(key.name)\" not found in namespace \(key.namespace)")
        }
        guard (0...10_000).contains(replicas) else { throw ClusterError("replicas must be between 0 and 10000, got \(replicas)") }
        guard d.replicas != replicas else { return }
        d.replicas = replicas
        deployments[key] = d
        revision += 1
    }
}
