import Foundation

/// A pod a Deployment runs. MeshDeck derives pods; it does not read them from manifests.
package struct Pod: Sendable, Hashable {
    package var name: String
    package var namespace: String
    package var deployment: String
    var labels: [String: String]
    package var serviceAccount: String
    package var containers: [Container]
    var sidecar: SidecarDecision
    package var createdAt: Date?

    package var key: ObjectKey { ObjectKey(namespace: namespace, name: name) }
    package var hasSidecar: Bool { sidecar.injected }
    /// `2/2` with a sidecar, `1/1` without (the app containers plus the proxy).
    package var ready: String {
        let total = containers.count + (hasSidecar ? 1 : 0)
        return "\(total)/\(total)"
    }
    package var status: String { "Running" }
    package var restarts: Int { 0 }
}

/// Whether OSM's injector adds a sidecar to a pod, and why. The reason is kept as a cause and
/// put into words only when shown: deriving 10,000 pods should not build 10,000 sentences.
package struct SidecarDecision: Sendable, Hashable {
    package enum Cause: Sendable, Hashable {
        case namespaceMissing, notMonitored, podAnnotation, namespaceEnabled, namespaceDisabled, noAnnotation
    }
    package var injected: Bool
    var cause: Cause
    var namespace: String

    package var reason: String {
        switch cause {
        case .namespaceMissing: return "namespace \(namespace) does not exist"
        case .notMonitored:
            return "namespace \(namespace) is not in the mesh (no label \(MeshLabels.monitoredBy): \(MeshLabels.meshName))"
        case .podAnnotation: return "pod annotation \(MeshLabels.sidecarInjection): \(injected ? "enabled" : "disabled")"
        case .namespaceEnabled: return "namespace \(namespace) is in the mesh with sidecar injection enabled"
        case .namespaceDisabled: return "namespace \(namespace) is in the mesh but sidecar injection is disabled"
        case .noAnnotation: return "namespace \(namespace) is monitored but has no \(MeshLabels.sidecarInjection) annotation"
        }
    }
}

extension Cluster {
    /// OSM's injector: only namespaces labelled `openservicemesh.io/monitored-by: osm` are seen;
    /// there the pod's `openservicemesh.io/sidecar-injection` annotation wins over the namespace's.
    package func sidecarDecision(namespace: String, podAnnotations: [String: String]) -> SidecarDecision {
        func decision(_ injected: Bool, _ cause: SidecarDecision.Cause) -> SidecarDecision {
            SidecarDecision(injected: injected, cause: cause, namespace: namespace)
        }
        guard let ns = namespaces[namespace] else { return decision(false, .namespaceMissing) }
        guard ns.isMonitored else { return decision(false, .notMonitored) }
        if let pod = parseInjection(podAnnotations[MeshLabels.sidecarInjection]) { return decision(pod, .podAnnotation) }
        switch ns.injectionAnnotation {
        case true?: return decision(true, .namespaceEnabled)
        case false?: return decision(false, .namespaceDisabled)
        case nil: return decision(false, .noAnnotation)
        }
    }

    /// The running pods of one Deployment, with kubectl-like names that are stable for a given
    /// input: `<deployment>-<template hash>-<suffix>`.
    func pods(of deployment: Deployment) -> [Pod] {
        guard let namespace = deployment.meta.namespace else { return [] }
        let (templateHash, names) = podNames(of: deployment)
        guard !names.isEmpty else { return [] }
        let sidecar = sidecarDecision(namespace: namespace, podAnnotations: deployment.templateAnnotations)
        var labels = deployment.templateLabels
        labels["pod-template-hash"] = templateHash
        return names.map { name in
            Pod(
                name: name, namespace: namespace, deployment: deployment.meta.name, labels: labels,
                serviceAccount: deployment.serviceAccountName, containers: deployment.containers,
                sidecar: sidecar, createdAt: deployment.meta.creationTimestamp)
        }
    }

    /// The pod-template-hash and the names of a Deployment's running pods, without building
    /// the pods (what compiling a large mesh needs).
    package func podNames(of deployment: Deployment) -> (templateHash: String, names: [String]) {
        let templateHash = Self.templateHash(deployment)
        guard deployment.replicas > 0, let namespace = deployment.meta.namespace else { return (templateHash, []) }
        // A plain loop: the same code as a `map` closure crashed Swift 6.3's optimiser
        // ("Found ownership error") in release builds.
        var used: Set<String> = []
        var names: [String] = []
        names.reserveCapacity(deployment.replicas)
        for index in 0..<deployment.replicas {
            var salt = 0
            var name: String
            repeat {
                let suffix = StableHash.safeEncode(
                    StableHash.of(namespace, deployment.meta.name, templateHash, "\(index)", "\(salt)"), count: 5)
                name = "\(deployment.meta.name)-\(templateHash)-\(suffix)"
                salt += 1
            } while !used.insert(name).inserted
            names.append(name)
        }
        return (templateHash, names)
    }

    /// Every running pod, sorted by namespace and name (or those of one namespace).
    package func pods(in namespace: String? = nil) -> [Pod] {
        deployments.keys
            .filter { namespace == nil || $0.namespace == namespace }
            .sorted()
            .flatMap { pods(of: deployments[$0]!) }
            .sorted { $0.key < $1.key }
    }

    /// Like Kubernetes' pod-template-hash: changes when the template changes, not with replicas.
    static func templateHash(_ d: Deployment) -> String {
        var h = StableHash()
        h.combine(d.meta.namespace ?? "")
        h.combine(d.meta.name)
        for (k, v) in d.templateLabels.sorted(by: { $0.key < $1.key }) { h.combine(k); h.combine(v) }
        for (k, v) in d.templateAnnotations.sorted(by: { $0.key < $1.key }) { h.combine(k); h.combine(v) }
        h.combine(d.serviceAccountName)
        for c in d.containers {
            h.combine(c.name); h.combine(c.image)
            for word in c.command { h.combine(word) }
            for word in c.args { h.combine(word) }
            for port in c.ports { h.combine("\(port.containerPort)") }
        }
        return StableHash.safeEncode(h.value, count: 10)
    }
}
