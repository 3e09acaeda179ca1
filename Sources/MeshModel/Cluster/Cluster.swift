import Foundation

/// The in-memory cluster: every resource MeshDeck models, keyed by namespace and name.
/// A value type, so an apply works on a copy and replaces the original only when every
/// document passed: all-or-nothing falls out of the representation.
package struct Cluster: Sendable, Equatable {
    package internal(set) var namespaces: [String: Namespace] = [:]
    package internal(set) var serviceAccounts: [ObjectKey: ServiceAccount] = [:]
    package internal(set) var services: [ObjectKey: Service] = [:]
    package internal(set) var deployments: [ObjectKey: Deployment] = [:]
    /// StatefulSets, DaemonSets, ReplicaSets, Jobs and bare Pods, per kind.
    package internal(set) var otherWorkloads: [ResourceKind: [ObjectKey: Deployment]] = [:]
    package internal(set) var meshConfigs: [ObjectKey: MeshConfig] = [:]
    package internal(set) var tcpRoutes: [ObjectKey: TCPRoute] = [:]
    package internal(set) var httpRouteGroups: [ObjectKey: HTTPRouteGroup] = [:]
    package internal(set) var trafficTargets: [ObjectKey: TrafficTarget] = [:]
    package internal(set) var trafficSplits: [ObjectKey: TrafficSplit] = [:]
    package internal(set) var egresses: [ObjectKey: Egress] = [:]
    /// The kinds MeshDeck shows but does not act on, per kind.
    package internal(set) var shown: [ResourceKind: [ObjectKey: ShownResource]] = [:]
    /// Bumped by every change, so views and compiled policy know when to refresh.
    package internal(set) var revision = 0
    /// Which policy keys recent changes touched (`Cluster+PolicyDelta.swift`).
    var policyJournal = PolicyJournal()

    /// The namespaces every Kubernetes cluster starts with.
    package static let builtinNamespaces = ["default", "kube-node-lease", "kube-public", "kube-system"]

    /// A cluster with only the built-in namespaces: what `--empty` starts from.
    package static func empty(now: Date = Date()) -> Cluster {
        var c = Cluster()
        for name in builtinNamespaces {
            c.namespaces[name] = Namespace(meta: ObjectMeta(name: name, creationTimestamp: now))
        }
        return c
    }

    /// The MeshConfig the OSM controller reads (`osm-mesh-config` in `osm-system`), if any.
    package var meshConfig: MeshConfig? {
        meshConfigs[ObjectKey(namespace: MeshConfig.namespace, name: MeshConfig.name)]
    }

    /// Permissive mode as the mesh runs it: the MeshConfig's flag, or the CRD default (off).
    package var isPermissive: Bool { meshConfig?.permissiveTrafficPolicyMode ?? false }
    /// Egress as the mesh runs it: the MeshConfig's flag, or the CRD default (off).
    package var isEgressEnabled: Bool { meshConfig?.egress ?? false }
    /// Egress policies as the mesh reads them: the feature flag (or `osm install`'s value, on);
    /// with no MeshConfig at all, the CRD defaults: off.
    package var isEgressPolicyEnabled: Bool { meshConfig?.isEgressPolicyEnabled ?? false }

    /// All resources of one kind, sorted by namespace and name.
    package func resources(of kind: ResourceKind) -> [Resource] {
        switch kind {
        case .namespace: return namespaces.values.sorted { $0.name < $1.name }.map(Resource.namespace)
        case .serviceAccount: return sortedValues(serviceAccounts).map(Resource.serviceAccount)
        case .service: return sortedValues(services).map(Resource.service)
        case .deployment: return sortedValues(deployments).map(Resource.deployment)
        case .statefulSet, .daemonSet, .replicaSet, .job, .pod:
            return sortedValues(otherWorkloads[kind] ?? [:]).map(Resource.deployment)
        case .meshConfig: return sortedValues(meshConfigs).map(Resource.meshConfig)
        case .tcpRoute: return sortedValues(tcpRoutes).map(Resource.tcpRoute)
        case .httpRouteGroup: return sortedValues(httpRouteGroups).map(Resource.httpRouteGroup)
        case .trafficTarget: return sortedValues(trafficTargets).map(Resource.trafficTarget)
        case .trafficSplit: return sortedValues(trafficSplits).map(Resource.trafficSplit)
        case .egress: return sortedValues(egresses).map(Resource.egress)
        case .ingressBackend, .retry, .upstreamTrafficSetting, .meshRootCertificate:
            return sortedValues(shown[kind] ?? [:]).map(Resource.shown)
        }
    }

    /// Every workload, Deployments first, then by kind in `ResourceKind.workloadKinds` order,
    /// each kind by namespace and name.
    package var allWorkloads: [Deployment] {
        sortedValues(deployments)
            + ResourceKind.workloadKinds.dropFirst().flatMap { sortedValues(otherWorkloads[$0] ?? [:]) }
    }

    /// The workload that runs `pod` (its owner's kind and name, as the pod records them).
    package func owner(of pod: Pod) -> Deployment? {
        let key = ObjectKey(namespace: pod.namespace, name: pod.deployment)
        return pod.ownerKind == .deployment ? deployments[key] : otherWorkloads[pod.ownerKind]?[key]
    }

    private func sortedValues<T>(_ d: [ObjectKey: T]) -> [T] {
        d.keys.sorted().map { d[$0]! }
    }

    /// Looks up one resource by kind and key.
    package func resource(_ kind: ResourceKind, _ key: ObjectKey) -> Resource? {
        switch kind {
        case .namespace: return namespaces[key.name].map(Resource.namespace)
        case .serviceAccount: return serviceAccounts[key].map(Resource.serviceAccount)
        case .service: return services[key].map(Resource.service)
        case .deployment: return deployments[key].map(Resource.deployment)
        case .statefulSet, .daemonSet, .replicaSet, .job, .pod: return otherWorkloads[kind]?[key].map(Resource.deployment)
        case .meshConfig: return meshConfigs[key].map(Resource.meshConfig)
        case .tcpRoute: return tcpRoutes[key].map(Resource.tcpRoute)
        case .httpRouteGroup: return httpRouteGroups[key].map(Resource.httpRouteGroup)
        case .trafficTarget: return trafficTargets[key].map(Resource.trafficTarget)
        case .trafficSplit: return trafficSplits[key].map(Resource.trafficSplit)
        case .egress: return egresses[key].map(Resource.egress)
        case .ingressBackend, .retry, .upstreamTrafficSetting, .meshRootCertificate:
            return shown[kind]?[key].map(Resource.shown)
        }
    }

    mutating func store(_ resource: Resource) {
        let key = resource.meta.key
        switch resource {
        case .namespace(let r): namespaces[r.name] = r
        case .serviceAccount(let r): serviceAccounts[key] = r
        case .service(let r): services[key] = r
        case .deployment(let r):
            if r.kind == .deployment { deployments[key] = r } else { otherWorkloads[r.kind, default: [:]][key] = r }
        case .meshConfig(let r): meshConfigs[key] = r
        case .tcpRoute(let r):
            tcpRoutes[key] = r
            policyJournal.note(.tcpRoute, key)
        case .httpRouteGroup(let r):
            httpRouteGroups[key] = r
            policyJournal.note(.httpRouteGroup, key)
        case .trafficTarget(let r):
            trafficTargets[key] = r
            policyJournal.note(.trafficTarget, key)
        case .trafficSplit(let r): trafficSplits[key] = r
        case .egress(let r): egresses[key] = r
        case .shown(let r): shown[r.kind, default: [:]][key] = r
        }
    }

    mutating func remove(_ kind: ResourceKind, _ key: ObjectKey) {
        switch kind {
        case .namespace: namespaces[key.name] = nil
        case .serviceAccount: serviceAccounts[key] = nil
        case .service: services[key] = nil
        case .deployment: deployments[key] = nil
        case .statefulSet, .daemonSet, .replicaSet, .job, .pod: otherWorkloads[kind]?[key] = nil
        case .meshConfig: meshConfigs[key] = nil
        case .tcpRoute:
            tcpRoutes[key] = nil
            policyJournal.note(kind, key)
        case .httpRouteGroup:
            httpRouteGroups[key] = nil
            policyJournal.note(kind, key)
        case .trafficTarget:
            trafficTargets[key] = nil
            policyJournal.note(kind, key)
        case .trafficSplit: trafficSplits[key] = nil
        case .egress: egresses[key] = nil
        case .ingressBackend, .retry, .upstreamTrafficSetting, .meshRootCertificate: shown[kind]?[key] = nil
        }
    }
}
