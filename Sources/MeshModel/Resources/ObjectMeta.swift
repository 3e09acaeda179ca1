import Foundation

/// `metadata` of any resource: the fields MeshDeck reads. Everything else a real cluster
/// prints (`uid`, `resourceVersion`, `managedFields`, …) is accepted and ignored.
package struct ObjectMeta: Sendable, Hashable {
    package var name: String
    /// nil for cluster-scoped kinds (Namespace).
    package var namespace: String?
    package var labels: [String: String]
    var annotations: [String: String]
    package var creationTimestamp: Date?
    /// Set by the API server, so present only in what a real cluster printed (`kubectl get
    /// -o yaml`): it tells a record of a cluster's state from a manifest someone wrote.
    var uid: String?

    package init(
        name: String, namespace: String? = nil, labels: [String: String] = [:],
        annotations: [String: String] = [:], creationTimestamp: Date? = nil, uid: String? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.creationTimestamp = creationTimestamp
        self.uid = uid
    }

    package var key: ObjectKey { ObjectKey(namespace: namespace ?? "", name: name) }
}

/// Namespace and name: how resources of one kind are told apart. Cluster-scoped kinds use "".
package struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var namespace: String
    package var name: String
    package init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }
    package static func < (a: ObjectKey, b: ObjectKey) -> Bool {
        (a.namespace, a.name) < (b.namespace, b.name)
    }
    /// `ns/name`, or `name` when cluster-scoped.
    package var description: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }
}

/// A label selector's `matchLabels` (and a Service's `selector`). Empty selects nothing for
/// a Service (Kubernetes creates no endpoints for a selector-less Service).
package struct LabelSelector: Sendable, Hashable {
    package var matchLabels: [String: String]
    package init(_ matchLabels: [String: String] = [:]) { self.matchLabels = matchLabels }
    package func matches(_ labels: [String: String]) -> Bool {
        for (k, v) in matchLabels where labels[k] != v { return false }
        return true
    }
    package var description: String {
        matchLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}
