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

    /// The API group, as in `apiVersion: GROUP/VERSION` ("" is the core group, `v1`).
    package var group: String {
        switch self {
        case .namespace, .serviceAccount, .service: return ""
        case .deployment: return "apps"
        case .meshConfig: return "config.openservicemesh.io"
        case .tcpRoute, .httpRouteGroup: return "specs.smi-spec.io"
        case .trafficTarget: return "access.smi-spec.io"
        }
    }

    /// API versions accepted, preferred first. OSM v1.2 serves SMI specs v1alpha4 and
    /// access v1alpha3, and MeshConfig v1alpha2 (v1alpha1 still converts).
    var apiVersions: [String] {
        switch self {
        case .namespace, .serviceAccount, .service: return ["v1"]
        case .deployment: return ["apps/v1"]
        case .meshConfig: return ["config.openservicemesh.io/v1alpha2", "config.openservicemesh.io/v1alpha1"]
        case .tcpRoute, .httpRouteGroup: return ["specs.smi-spec.io/v1alpha4"]
        case .trafficTarget: return ["access.smi-spec.io/v1alpha3"]
        }
    }

    package var isNamespaced: Bool { self != .namespace }

    /// kubectl's `resource.group` form, as in `tcproute.specs.smi-spec.io/tcp-echo-route created`.
    package var kubectlName: String {
        let lower = rawValue.lowercased()
        return group.isEmpty ? lower : "\(lower).\(group)"
    }

    /// Names `get` accepts for this kind (singular, plural, short).
    package var aliases: [String] {
        let lower = rawValue.lowercased()
        var names = [lower, lower + "s", kubectlName]
        switch self {
        case .namespace: names.append("ns")
        case .serviceAccount: names.append("sa")
        case .service: names.append("svc")
        case .deployment: names.append("deploy")
        case .meshConfig: names.append("meshconfig")
        case .tcpRoute, .httpRouteGroup, .trafficTarget: break
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
