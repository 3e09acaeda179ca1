/// The kinds MeshDeck models, with the API versions it accepts and how kubectl names them.
package enum ResourceKind: String, CaseIterable, Sendable, Hashable {
    case namespace = "Namespace"
    case serviceAccount = "ServiceAccount"
    case service = "Service"
    case deployment = "Deployment"
    case meshConfig = "MeshConfig"
    case tcpRoute = "TCPRoute"
    case httpRouteGroup = "HTTPRouteGroup"
    case trafficTarget = "TrafficTarget"
    case trafficSplit = "TrafficSplit"
    case egress = "Egress"
    case ingressBackend = "IngressBackend"
    case retry = "Retry"
    case upstreamTrafficSetting = "UpstreamTrafficSetting"
    case meshRootCertificate = "MeshRootCertificate"
    case statefulSet = "StatefulSet"
    case daemonSet = "DaemonSet"
    case replicaSet = "ReplicaSet"
    case job = "Job"
    case pod = "Pod"

    /// The API group, as in `apiVersion: GROUP/VERSION` ("" is the core group, `v1`).
    package var group: String {
        switch self {
        case .namespace, .serviceAccount, .service: return ""
        case .deployment, .statefulSet, .daemonSet, .replicaSet: return "apps"
        case .job: return "batch"
        case .pod: return ""
        case .meshConfig, .meshRootCertificate: return "config.openservicemesh.io"
        case .tcpRoute, .httpRouteGroup: return "specs.smi-spec.io"
        case .trafficTarget: return "access.smi-spec.io"
        case .trafficSplit: return "split.smi-spec.io"
        case .egress, .ingressBackend, .retry, .upstreamTrafficSetting: return "policy.openservicemesh.io"
        }
    }

    /// API versions accepted, preferred first. OSM v1.2 serves SMI specs v1alpha4, access
    /// v1alpha3 and split v1alpha2, MeshConfig v1alpha2 (v1alpha1 still converts), its policy
    /// kinds as v1alpha1 and MeshRootCertificate as v1alpha2 (`served: true` in
    /// cmd/osm-bootstrap/crds/*.yaml at v1.2.4).
    var apiVersions: [String] {
        switch self {
        case .namespace, .serviceAccount, .service: return ["v1"]
        case .deployment, .statefulSet, .daemonSet, .replicaSet: return ["apps/v1"]
        case .job: return ["batch/v1"]
        case .pod: return ["v1"]
        case .meshConfig: return ["config.openservicemesh.io/v1alpha2", "config.openservicemesh.io/v1alpha1"]
        case .tcpRoute, .httpRouteGroup: return ["specs.smi-spec.io/v1alpha4"]
        case .trafficTarget: return ["access.smi-spec.io/v1alpha3"]
        case .trafficSplit: return ["split.smi-spec.io/v1alpha2"]
        case .egress, .ingressBackend, .retry, .upstreamTrafficSetting: return ["policy.openservicemesh.io/v1alpha1"]
        case .meshRootCertificate: return ["config.openservicemesh.io/v1alpha2"]
        }
    }

    package var isNamespaced: Bool { self != .namespace }

    /// The kinds that run pods, in the order `--from NS/NAME` prefers when names collide.
    package static let workloadKinds: [ResourceKind] = [.deployment, .statefulSet, .daemonSet, .replicaSet, .job, .pod]
    package var isWorkload: Bool { Self.workloadKinds.contains(self) }

    /// Kinds MeshDeck loads, lists and exports but whose effect it does not model: what it
    /// says once per apply, and what explain says when one of them names the destination.
    package var notActedOn: String? {
        switch self {
        case .retry:
            return "MeshDeck shows Retry policies but does not retry: a TCP verdict does not depend on them"
        case .upstreamTrafficSetting:
            return
                "MeshDeck shows UpstreamTrafficSettings but does not apply their connection limits, rate limits or outlier detection"
        case .meshRootCertificate:
            return "MeshDeck shows MeshRootCertificates but runs its own mesh CA; rotation is not modelled"
        default: return nil
        }
    }

    /// kubectl's `resource.group` form, as in `tcproute.specs.smi-spec.io/tcp-echo-route created`.
    package var kubectlName: String {
        let lower = rawValue.lowercased()
        return group.isEmpty ? lower : "\(lower).\(group)"
    }

    /// The CRD's plural (`egresses`, `retries`), as kubectl spells it.
    package var plural: String {
        let lower = rawValue.lowercased()
        switch self {
        case .egress: return "egresses"
        case .retry: return "retries"
        default: return lower + "s"
        }
    }

    /// Names `get` accepts for this kind (singular, plural, short).
    package var aliases: [String] {
        let lower = rawValue.lowercased()
        var names = [lower, plural, kubectlName]
        switch self {
        case .namespace: names.append("ns")
        case .serviceAccount: names.append("sa")
        case .service: names.append("svc")
        case .deployment: names.append("deploy")
        case .meshConfig: names.append("meshconfig")
        case .trafficSplit: names.append("ts")
        case .statefulSet: names.append("sts")
        case .daemonSet: names.append("ds")
        case .replicaSet: names.append("rs")
        case .pod: names.append("po")
        case .job: break
        case .meshRootCertificate: names.append("mrc")
        case .tcpRoute, .httpRouteGroup, .trafficTarget, .egress, .ingressBackend, .retry, .upstreamTrafficSetting: break
        }
        return names
    }

    /// Kinds whose name is one or two typing mistakes away, for "did you mean".
    package static func closest(to kind: String) -> ResourceKind? {
        let lower = kind.lowercased()
        return
            allCases
            .map { ($0, editDistance(lower, $0.rawValue.lowercased())) }
            .filter { $0.1 <= 2 }
            .min { $0.1 < $1.1 }?.0
    }
}

/// Levenshtein distance, for suggestions; inputs are short names.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8), b = Array(b.utf8)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
