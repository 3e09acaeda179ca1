/// The scenario as manifests for a real cluster: which resources go into which file, named so
/// that `kubectl apply -f DIR` (which reads a folder in name order) applies them in order:
/// namespaces, ServiceAccounts, Services, Deployments, the MeshConfig, SMI routes, targets.
package struct ManifestExport: Sendable {
    package struct File: Sendable {
        /// `00-namespaces.yaml`
        package var name: String
        package var resources: [Resource]
        /// The documents, after a comment saying where they came from.
        package var text: String
    }

    /// A resource that is not written, and why (the cluster or the mesh install owns it).
    package struct LeftOut: Sendable {
        package var kind: ResourceKind
        package var key: ObjectKey
        package var reason: String
    }

    /// The first line of every file export writes: how a later export knows it may replace it.
    package static let marker = "Written by meshdeck export"

    /// File names and what goes in each, in apply order.
    package static let layout: [(name: String, summary: String, kinds: [ResourceKind])] = [
        ("00-namespaces.yaml", "Namespaces", [.namespace]),
        ("10-serviceaccounts.yaml", "ServiceAccounts", [.serviceAccount]),
        ("20-services.yaml", "Services", [.service]),
        ("30-deployments.yaml", "Deployments", [.deployment]),
        (
            "35-workloads.yaml", "StatefulSets, DaemonSets, ReplicaSets, Jobs and Pods",
            [.statefulSet, .daemonSet, .replicaSet, .job, .pod]
        ),
        ("40-meshconfig.yaml", "the OSM MeshConfig", [.meshConfig]),
        ("50-smi-routes.yaml", "SMI routes", [.tcpRoute, .httpRouteGroup]),
        ("60-smi-traffictargets.yaml", "SMI TrafficTargets", [.trafficTarget]),
        ("70-smi-trafficsplits.yaml", "SMI TrafficSplits", [.trafficSplit]),
        (
            "80-osm-policies.yaml", "OSM policies",
            [.egress, .ingressBackend, .retry, .upstreamTrafficSetting, .meshRootCertificate]
        ),
    ]

    /// Files with at least one resource, in apply order.
    package private(set) var files: [File] = []
    /// What was left out and reported (the built-in namespaces are left out silently).
    package private(set) var leftOut: [LeftOut] = []

    package init(_ cluster: Cluster) {
        for entry in Self.layout {
            var resources: [Resource] = []
            for kind in entry.kinds {
                for resource in cluster.resources(of: kind) {
                    if let (reason, reported) = ExportScope.reasonToLeaveOut(resource) {
                        if reported { leftOut.append(LeftOut(kind: kind, key: resource.meta.key, reason: reason)) }
                    } else {
                        resources.append(resource)
                    }
                }
            }
            guard !resources.isEmpty else { continue }
            let header =
                "# \(Self.marker): \(entry.summary) of the MeshDeck scenario.\n"
                + "# kubectl apply -f . reads this folder in name order; README.md has the steps.\n"
            files.append(File(name: entry.name, resources: resources, text: header + Self.documents(resources)))
        }
    }

    /// Every resource as one multi-document stream in apply order, for `kubectl apply -f -`.
    package var combined: String {
        let all = files.flatMap(\.resources)
        guard !all.isEmpty else { return "" }
        return "# \(Self.marker): the MeshDeck scenario, in apply order (kubectl apply -f -).\n" + Self.documents(all)
    }

    private static func documents(_ resources: [Resource]) -> String {
        resources.map { YAMLNodes.serialize(ResourceEncoder.document($0)) }.joined(separator: "---\n")
    }
}
