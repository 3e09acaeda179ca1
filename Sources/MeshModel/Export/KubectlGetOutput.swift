import Foundation
import Yams

/// What `kubectl get -o yaml` and `-o json` print for the objects MeshDeck models, so the
/// scripts and eyes used to kubectl's output read `meshdeck get … -o yaml` the same way, and
/// `-f` loads it back. Built with the export's encoder, as the cluster holds each object; keys
/// sorted, as kubectl prints them; one object when one named object was asked for, else a
/// `kind: List`.
package enum KubectlGetOutput {
    /// One object to print.
    package enum Object: Sendable {
        case resource(Resource)
        /// A pod MeshDeck derived from a Deployment, with the template's annotations.
        case pod(Pod, annotations: [String: String])
    }

    /// The sidecar OSM v1.2.4 injects by default (its controller's `OSM_DEFAULT_ENVOY_IMAGE`).
    package static let envoyImage = "envoyproxy/envoy-distroless:v1.22.2"

    /// `single`: one named object was asked for, so it is printed alone rather than in a List.
    package static func yaml(_ objects: [Object], single: Bool) -> String {
        TerminalSafeText.yaml(tree(objects, single: single))
    }

    package static func json(_ objects: [Object], single: Bool) -> String {
        let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every value in the tree is a string, number, boolean, list or map: writing cannot fail.
        let data = (try? JSONSerialization.data(withJSONObject: jsonValue(tree(objects, single: single)), options: options))
        return TerminalSafeText.escapingRawControls(String(decoding: data ?? Data("null".utf8), as: UTF8.self))
    }

    static func tree(_ objects: [Object], single: Bool) -> Node {
        let documents = objects.map { object -> Node in
            switch object {
            case .resource(let resource): return ResourceEncoder.document(resource, for: .clusterState)
            case .pod(let pod, let annotations): return Self.pod(pod, annotations: annotations)
            }
        }
        if single, documents.count == 1 { return YAMLNodes.sortingKeys(documents[0]) }
        return YAMLNodes.sortingKeys(
            YAMLNodes.map([
                "apiVersion": YAMLNodes.text("v1"),
                "kind": YAMLNodes.text("List"),
                "items": YAMLNodes.list(documents),
                "metadata": YAMLNodes.map(["resourceVersion": YAMLNodes.doubleQuoted("")]),
            ]))
    }

    /// A pod as MeshDeck models it: the template's containers, then the `envoy` sidecar when
    /// OSM injects one, all running and ready.
    static func pod(_ pod: Pod, annotations: [String: String]) -> Node {
        var containers = pod.containers.map { ResourceEncoder.container($0, for: .clusterState) }
        var names = pod.containers.map(\.name)
        if pod.hasSidecar {
            containers.append(YAMLNodes.map(["name": YAMLNodes.text("envoy"), "image": YAMLNodes.text(envoyImage)]))
            names.append("envoy")
        }
        let meta = ObjectMeta(
            name: pod.name, namespace: pod.namespace, labels: pod.labels, annotations: annotations,
            creationTimestamp: pod.createdAt)
        // The kubelet reports container statuses in name order.
        let statuses = names.sorted().map { name in
            YAMLNodes.map([
                "name": YAMLNodes.text(name),
                "ready": YAMLNodes.bool(true),
                "restartCount": YAMLNodes.int(pod.restarts),
                "started": YAMLNodes.bool(true),
            ])
        }
        var metadata = ResourceEncoder.metadata(meta, namespaced: true, for: .clusterState)
        // A pod a controller made names it, as the API server records it, so a dump read back
        // derives the pod from its owner instead of reading it as a bare Pod too.
        if pod.ownerKind != .pod, case .mapping(var m) = metadata {
            let ownerKind = pod.ownerKind == .deployment ? ResourceKind.replicaSet : pod.ownerKind
            let ownerName =
                pod.ownerKind == .deployment
                ? String(pod.name.split(separator: "-").dropLast().joined(separator: "-")) : pod.deployment
            m[YAMLNodes.text("ownerReferences")] = YAMLNodes.list([
                YAMLNodes.map([
                    "apiVersion": YAMLNodes.text(ownerKind.apiVersions[0]), "kind": YAMLNodes.text(ownerKind.rawValue),
                    "name": YAMLNodes.text(ownerName), "controller": YAMLNodes.bool(true),
                ])
            ])
            metadata = .mapping(m)
        }
        return YAMLNodes.map([
            "apiVersion": YAMLNodes.text("v1"),
            "kind": YAMLNodes.text("Pod"),
            "metadata": metadata,
            "spec": YAMLNodes.map([
                "containers": YAMLNodes.list(containers),
                "serviceAccountName": YAMLNodes.text(pod.serviceAccount),
            ]),
            "status": YAMLNodes.map([
                "phase": YAMLNodes.text(pod.status),
                "containerStatuses": YAMLNodes.list(statuses),
            ]),
        ])
    }

    /// The tree as JSONSerialization takes it; scalars become what their YAML tag says.
    static func jsonValue(_ node: Node) -> Any {
        switch node {
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = jsonValue(value) }
            return object
        case .sequence(let sequence): return sequence.map(jsonValue)
        case .scalar(let scalar):
            if node.tag == Tag(.int), let n = Int(scalar.string) { return n }
            if node.tag == Tag(.bool) { return scalar.string == "true" }
            if node.tag == Tag(.null) { return NSNull() }
            return scalar.string
        case .alias: return NSNull()
        }
    }
}
