import Foundation

/// `metadata` of any resource: the fields MeshDeck reads. Everything else a real cluster
/// prints (`uid`, `resourceVersion`, `managedFields`, …) is accepted and ignored.
public struct ObjectMeta: Sendable, Hashable {
    public var name: String
    /// nil for cluster-scoped kinds (Namespace).
    public var namespace: String?
    public var labels: [String: String]
    public var annotations: [String: String]
    public var creationTimestamp: Date?
    /// Set by the API server, so present only in what a real cluster printed (`kubectl get
    /// -o yaml`): it tells a record of a cluster's state from a manifest someone wrote.
    public var uid: String?

    public init(
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

    public var key: ObjectKey { ObjectKey(namespace: namespace ?? "", name: name) }
}

/// Namespace and name: how resources of one kind are told apart. Cluster-scoped kinds use "".
public struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var namespace: String
    public var name: String
    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }
    public static func < (a: ObjectKey, b: ObjectKey) -> Bool {
        (a.namespace, a.name) < (b.namespace, b.name)
    }
    /// `ns/name`, or `name` when cluster-scoped.
    public var description: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }
}

/// A label selector's `matchLabels` (and a Service's `selector`). Empty selects nothing for
/// a Service (Kubernetes creates no endpoints for a selector-less Service).
public struct LabelSelector: Sendable, Hashable {
    public var matchLabels: [String: String]
    public init(_ matchLabels: [String: String] = [:]) { self.matchLabels = matchLabels }
    public func matches(_ labels: [String: String]) -> Bool {
        for (k, v) in matchLabels where labels[k] != v { return false }
        return true
    }
    public var description: String {
        matchLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}
