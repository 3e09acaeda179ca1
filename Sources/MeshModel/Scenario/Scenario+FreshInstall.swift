import Foundation

extension Scenario {
    /// The cluster as it is just after `osm install` and before the walkthrough's first step:
    /// the built-in namespaces, `osm-system` and its `osm-mesh-config` (permissive mode and
    /// egress on, OSM v1.2's install defaults), and no `tcp-demo` or `curl` yet. The guided
    /// walkthrough starts here, so that its first step really creates `tcp-demo`.
    package static func freshInstall(now: Date = Date()) -> Cluster {
        var cluster = Cluster.empty(now: now)
        let controlPlane = Resource.namespace(Namespace(meta: ObjectMeta(name: MeshConfig.namespace, creationTimestamp: now)))
        let decoded = ManifestDecoder().decode(WalkthroughManifests.meshConfig, file: "scenario/mesh-config.yaml")
        precondition(decoded.errors.isEmpty, "embedded MeshConfig is broken: \(decoded.errors)")
        do {
            try cluster.apply([controlPlane] + decoded.resources, now: now)
        } catch {
            preconditionFailure("embedded MeshConfig does not apply: \(error)")
        }
        return cluster
    }
}
