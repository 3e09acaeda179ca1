import Foundation

/// A pod a workload runs. MeshDeck derives pods from their owner (a bare Pod owns itself);
/// pods a cluster dump lists with an owner are derived, not read.
package struct Pod: Sendable, Hashable {
    package var name: String
    package var namespace: String
    /// The owning workload's name (a bare Pod: its own).
    package var deployment: String
    /// The owning workload's kind.
    package var ownerKind: ResourceKind = .deployment
    package var labels: [String: String]
    package var serviceAccount: String
    package var containers: [Container]
    package var sidecar: SidecarDecision
    package var createdAt: Date?

    package var key: ObjectKey { ObjectKey(namespace: namespace, name: name) }
    package var hasSidecar: Bool { sidecar.injected }
    /// Why OSM's injector did or did not add a sidecar.
    package var sidecarReason: String { sidecar.reason }
    /// `2/2` with a sidecar, `1/1` without (the app containers plus the proxy).
    package var ready: String {
        let total = containers.count + (hasSidecar ? 1 : 0)
        return "\(total)/\(total)"
    }
    package var status: String { "Running" }
    /// Where the pod's echo servers listen, one port per tcp-echo-server container.
    package var listeningPorts: [Int] { Container.listeningPorts(containers) }
    package var restarts: Int { 0 }
}

/// Whether OSM's injector adds a sidecar to a pod, and why. The reason is kept as a cause and
/// put into words only when shown: deriving 10,000 pods should not build 10,000 sentences.
package struct SidecarDecision: Sendable, Hashable {
    package enum Cause: Sendable, Hashable, CaseIterable {
        case namespaceMissing, notMonitored, podAnnotation, namespaceEnabled, namespaceDisabled, noAnnotation
        /// The webhook's namespaceSelector leaves the namespace out (pkg/injector/webhook.go,
        /// createOrUpdateMutatingWebhook): label `openservicemesh.io/ignore`, a `name` label
        /// equal to the OSM namespace, or a `control-plane` label.
        case ignoreLabel, nameLabel, controlPlaneLabel
        /// mustInject: never on the host network, never in kube-system, kube-public or the
        /// OSM namespace (nonInjectNamespaces).
        case hostNetwork, controlPlaneNamespace
    }
    package var injected: Bool
    /// Read by the explanation catalogues, which say `reason` in each language.
    package var cause: Cause
    package var namespace: String

    package init(injected: Bool, cause: Cause, namespace: String) {
        self.injected = injected
        self.cause = cause
        self.namespace = namespace
    }

    package var reason: String {
        switch cause {
        case .namespaceMissing: return "namespace \(namespace) does not exist"
        case .notMonitored:
            return "namespace \(namespace) is not in the mesh (no label \(MeshLabels.monitoredBy): \(MeshLabels.meshName))"
        case .podAnnotation: return "pod annotation \(MeshLabels.sidecarInjection): \(injected ? "enabled" : "disabled")"
        case .namespaceEnabled: return "namespace \(namespace) is in the mesh with sidecar injection enabled"
        case .namespaceDisabled: return "namespace \(namespace) is in the mesh but sidecar injection is disabled"
        case .noAnnotation: return "namespace \(namespace) is monitored but has no \(MeshLabels.sidecarInjection) annotation"
        case .ignoreLabel:
            return "namespace \(namespace) carries label \(MeshLabels.ignore), so OSM's injector webhook never sees its pods"
        case .nameLabel:
            return "namespace \(namespace) is labelled name: \(MeshConfig.namespace), which OSM's injector webhook skips"
        case .controlPlaneLabel:
            return "namespace \(namespace) carries label control-plane, which OSM's injector webhook skips"
        case .hostNetwork: return "the pod runs with hostNetwork: true, and OSM never injects a sidecar there"
        case .controlPlaneNamespace: return "OSM never injects sidecars in namespace \(namespace)"
        }
    }
}

extension Cluster {
    /// OSM v1.2.4's injector (pkg/injector/webhook.go): the webhook sees only namespaces its
    /// namespaceSelector matches; then mustInject refuses hostNetwork pods and the control plane's
    /// namespaces, and the pod's `openservicemesh.io/sidecar-injection` annotation wins over the
    /// namespace's.
    package func sidecarDecision(
        namespace: String, podAnnotations: [String: String], hostNetwork: Bool = false
    ) -> SidecarDecision {
        func decision(_ injected: Bool, _ cause: SidecarDecision.Cause) -> SidecarDecision {
            SidecarDecision(injected: injected, cause: cause, namespace: namespace)
        }
        guard let ns = namespaces[namespace] else { return decision(false, .namespaceMissing) }
        guard ns.isMonitored else { return decision(false, .notMonitored) }
        if ns.meta.labels[MeshLabels.ignore] != nil { return decision(false, .ignoreLabel) }
        if ns.meta.labels["name"] == MeshConfig.namespace { return decision(false, .nameLabel) }
        if ns.meta.labels["control-plane"] != nil { return decision(false, .controlPlaneLabel) }
        if hostNetwork { return decision(false, .hostNetwork) }
        if ["kube-system", "kube-public", MeshConfig.namespace].contains(namespace) {
            return decision(false, .controlPlaneNamespace)
        }
        if let pod = parseInjection(podAnnotations[MeshLabels.sidecarInjection]) { return decision(pod, .podAnnotation) }
        switch ns.injectionAnnotation {
        case true?: return decision(true, .namespaceEnabled)
        case false?: return decision(false, .namespaceDisabled)
        case nil: return decision(false, .noAnnotation)
        }
    }

    /// Why OSM's injector webhook fails the creation of this workload's pods (its
    /// failurePolicy is Fail, so no pod is created), in the webhook's words; nil when it does not.
    /// mustInject fails on an injection annotation that is not enabled/yes/true or
    /// disabled/no/false, the pod's or the namespace's; a pod it injects also fails on a bad
    /// exclusion annotation (pkg/injector/exclusions.go).
    package func podRefusal(of workload: Deployment) -> String? {
        guard let namespace = workload.meta.namespace, let ns = namespaces[namespace] else { return nil }
        let decision = sidecarDecision(
            namespace: namespace, podAnnotations: workload.templateAnnotations, hostNetwork: workload.hostNetwork)
        switch decision.cause {
        case .namespaceMissing, .notMonitored, .ignoreLabel, .nameLabel, .controlPlaneLabel, .hostNetwork,
            .controlPlaneNamespace:
            return nil
        default: break
        }
        for annotations in [workload.templateAnnotations, ns.meta.annotations] {
            if let value = annotations[MeshLabels.sidecarInjection], parseInjection(value) == nil {
                return "admission webhook \"osm-inject.k8s.io\" denied the request: "
                    + "Invalid annotation value for key \"\(MeshLabels.sidecarInjection)\": \(value)"
            }
        }
        guard decision.injected else { return nil }
        return PodExclusions.refusal(workload.templateAnnotations)
    }

    /// The running pods of one Deployment, with kubectl-like names that are stable for a given
    /// input: `<deployment>-<template hash>-<suffix>`.
    func pods(of deployment: Deployment) -> [Pod] {
        guard let namespace = deployment.meta.namespace else { return [] }
        let (templateHash, names) = podNames(of: deployment)
        guard !names.isEmpty else { return [] }
        let sidecar = sidecarDecision(
            namespace: namespace, podAnnotations: deployment.templateAnnotations, hostNetwork: deployment.hostNetwork)
        let labels = Self.podLabels(deployment, templateHash: templateHash)
        return names.map { Self.pod($0, of: deployment, namespace: namespace, labels: labels, sidecar: sidecar) }
    }

    private static func pod(
        _ name: String, of workload: Deployment, namespace: String, labels: [String: String], sidecar: SidecarDecision
    ) -> Pod {
        Pod(
            name: name, namespace: namespace, deployment: workload.meta.name, ownerKind: workload.kind, labels: labels,
            serviceAccount: workload.serviceAccountName, containers: workload.containers, sidecar: sidecar,
            createdAt: workload.meta.creationTimestamp)
    }

    /// The labels the controller adds to a template's: a Deployment's ReplicaSet adds
    /// `pod-template-hash`, a Job adds `job-name`; the others add none MeshDeck's selectors read.
    static func podLabels(_ workload: Deployment, templateHash: String) -> [String: String] {
        var labels = workload.templateLabels
        switch workload.kind {
        case .deployment: labels["pod-template-hash"] = templateHash
        case .job: labels["job-name"] = workload.meta.name
        default: break
        }
        return labels
    }

    /// The pod-template-hash and the names of a Deployment's running pods, without building
    /// the pods (what compiling a large mesh needs).
    package func podNames(of deployment: Deployment) -> (templateHash: String, names: [String]) {
        let templateHash = Self.templateHash(deployment)
        guard deployment.replicas > 0, let namespace = deployment.meta.namespace else { return (templateHash, []) }
        // The injector webhook fails the pods' creation: the workload exists, its pods do not.
        guard podRefusal(of: deployment) == nil else { return (templateHash, []) }
        switch deployment.kind {
        case .pod: return (templateHash, [deployment.meta.name])
        // A StatefulSet's pods are its name and an ordinal: mysql-0, mysql-1, …
        case .statefulSet: return (templateHash, (0..<deployment.replicas).map { "\(deployment.meta.name)-\($0)" })
        // A ReplicaSet, DaemonSet (one node here) or Job names its pods NAME-<5 random characters>.
        case .replicaSet, .daemonSet, .job:
            return (
                templateHash,
                (0..<deployment.replicas).map { index in
                    let suffix = StableHash.safeEncode(
                        StableHash.of(namespace, deployment.meta.name, deployment.kind.rawValue, "\(index)"), count: 5)
                    return "\(deployment.meta.name)-\(suffix)"
                }
            )
        default: break
        }
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

    /// The running pod named `key`, found from its name alone: its owner's name is the pod's
    /// name less zero (a bare Pod), one (StatefulSet ordinal, ReplicaSet/DaemonSet/Job suffix) or
    /// two (a Deployment's template hash and suffix) dash-separated parts. Costs the owner's
    /// replicas, not the cluster's pods: the engine looks up the pod a connection needs without
    /// deriving all 10,000. Each kind names its pods with a fixed number of parts, so one owner
    /// per kind can match; when two kinds would name the same pod, the first in
    /// `ResourceKind.workloadKinds` owns it, as in `pods()` (Deployments first).
    package func pod(_ key: ObjectKey) -> Pod? {
        var owners: [String] = [key.name]
        var name = Substring(key.name)
        for _ in 0..<2 {
            guard let dash = name.lastIndex(of: "-") else { break }
            name = name[..<dash]
            owners.append(String(name))
        }
        for kind in ResourceKind.workloadKinds {
            for owner in owners {
                let ownerKey = ObjectKey(namespace: key.namespace, name: owner)
                guard let workload = kind == .deployment ? deployments[ownerKey] : otherWorkloads[kind]?[ownerKey]
                else { continue }
                let (templateHash, names) = podNames(of: workload)
                guard names.contains(key.name) else { continue }
                // Only this pod is built, not its 100 siblings.
                let sidecar = sidecarDecision(
                    namespace: key.namespace, podAnnotations: workload.templateAnnotations,
                    hostNetwork: workload.hostNetwork)
                return Self.pod(
                    key.name, of: workload, namespace: key.namespace,
                    labels: Self.podLabels(workload, templateHash: templateHash), sidecar: sidecar)
            }
        }
        return nil
    }

    /// Every running pod, sorted by namespace and name (or those of one namespace).
    package func pods(in namespace: String? = nil) -> [Pod] {
        guard let namespace else { return allWorkloads.flatMap { pods(of: $0) }.sorted { $0.key < $1.key } }
        // One namespace's workloads picked out before anything is sorted: the dashboard asks for
        // a namespace at every move of its selection, and sorting a 10,000-workload cluster
        // each time was most of that.
        let deployments = deployments.values.filter { $0.meta.namespace == namespace }
        let others = otherWorkloads.values.flatMap { $0.values.filter { $0.meta.namespace == namespace } }
        return (deployments + others).flatMap { pods(of: $0) }.sorted { $0.key < $1.key }
    }

    /// Like Kubernetes' pod-template-hash: changes when the template changes, not with replicas.
    static func templateHash(_ d: Deployment) -> String {
        var h = StableHash()
        h.combine(d.meta.namespace ?? "")
        h.combine(d.meta.name)
        for (k, v) in d.templateLabels.sorted(by: { $0.key < $1.key }) { h.combine(k); h.combine(v) }
        for (k, v) in d.templateAnnotations.sorted(by: { $0.key < $1.key }) { h.combine(k); h.combine(v) }
        h.combine(d.serviceAccountName)
        if d.hostNetwork { h.combine("hostNetwork") }
        for c in d.containers {
            h.combine(c.name); h.combine(c.image)
            for word in c.command { h.combine(word) }
            for word in c.args { h.combine(word) }
            for port in c.ports { h.combine("\(port.containerPort)") }
        }
        return StableHash.safeEncode(h.value, count: 10)
    }
}
