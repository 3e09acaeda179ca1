/// What `meshdeck export` leaves out because a real cluster already has it, or the mesh
/// install creates it: applying those back would fight their owners.
enum ExportScope {
    static let clusterNamespaces: Set<String> = ["kube-system", "kube-public", "kube-node-lease"]

    /// nil when the resource is exported; otherwise why not. `reported` is false for what is
    /// left out every time (the built-in namespaces), so the usual export prints no notes.
    static func reasonToLeaveOut(_ resource: Resource) -> (reason: String, reported: Bool)? {
        let meta = resource.meta
        switch resource {
        case .namespace(let ns):
            let ownLabels = ns.meta.labels.keys.filter { !ResourceEncoder.serverLabels.contains($0) }
            let ownAnnotations = ns.meta.annotations.keys.filter { !ResourceEncoder.serverAnnotations.contains($0) }
            // `default` in the mesh is exported: the label is what puts it there.
            if Cluster.builtinNamespaces.contains(ns.name), ownLabels.isEmpty, ownAnnotations.isEmpty {
                return ("every cluster has it", false)
            }
            return nil
        case .serviceAccount where meta.name == "default":
            return ("Kubernetes creates a 'default' ServiceAccount in every namespace", true)
        case .service where meta.key == ObjectKey(namespace: "default", name: "kubernetes"):
            return ("the API server's own Service", true)
        default:
            break
        }
        let namespace = meta.namespace ?? ""
        if clusterNamespaces.contains(namespace) {
            return ("\(namespace) belongs to the cluster", true)
        }
        if namespace == MeshConfig.namespace, resource.kind != .meshConfig {
            return ("osm install creates the mesh's control plane", true)
        }
        return nil
    }
}
