/// One decoded manifest document.
package enum Resource: Sendable, Hashable {
    case namespace(Namespace)
    case serviceAccount(ServiceAccount)
    case service(Service)
    case deployment(Deployment)
    case meshConfig(MeshConfig)
    case tcpRoute(TCPRoute)
    case httpRouteGroup(HTTPRouteGroup)
    case trafficTarget(TrafficTarget)
    case trafficSplit(TrafficSplit)
    case egress(Egress)
    /// IngressBackend, Retry, UpstreamTrafficSetting, MeshRootCertificate: loaded and shown.
    case shown(ShownResource)

    package var kind: ResourceKind {
        switch self {
        case .namespace: return .namespace
        case .serviceAccount: return .serviceAccount
        case .service: return .service
        case .deployment(let d): return d.kind
        case .meshConfig: return .meshConfig
        case .tcpRoute: return .tcpRoute
        case .httpRouteGroup: return .httpRouteGroup
        case .trafficTarget: return .trafficTarget
        case .trafficSplit: return .trafficSplit
        case .egress: return .egress
        case .shown(let r): return r.kind
        }
    }

    package var meta: ObjectMeta {
        switch self {
        case .namespace(let r): return r.meta
        case .serviceAccount(let r): return r.meta
        case .service(let r): return r.meta
        case .deployment(let r): return r.meta
        case .meshConfig(let r): return r.meta
        case .tcpRoute(let r): return r.meta
        case .httpRouteGroup(let r): return r.meta
        case .trafficTarget(let r): return r.meta
        case .trafficSplit(let r): return r.meta
        case .egress(let r): return r.meta
        case .shown(let r): return r.meta
        }
    }

    var source: SourceLocation? {
        switch self {
        case .namespace(let r): return r.source
        case .serviceAccount(let r): return r.source
        case .service(let r): return r.source
        case .deployment(let r): return r.source
        case .meshConfig(let r): return r.source
        case .tcpRoute(let r): return r.source
        case .httpRouteGroup(let r): return r.source
        case .trafficTarget(let r): return r.source
        case .trafficSplit(let r): return r.source
        case .egress(let r): return r.source
        case .shown(let r): return r.source
        }
    }

}

extension Resource {
    /// The same resource with its source location dropped: content equality for "unchanged".
    var withoutSource: Resource {
        switch self {
        case .namespace(var r): r.source = nil; return .namespace(r)
        case .serviceAccount(var r): r.source = nil; return .serviceAccount(r)
        case .service(var r): r.source = nil; return .service(r)
        case .deployment(var r): r.source = nil; return .deployment(r)
        case .meshConfig(var r): r.source = nil; return .meshConfig(r)
        case .tcpRoute(var r): r.source = nil; return .tcpRoute(r)
        case .httpRouteGroup(var r): r.source = nil; return .httpRouteGroup(r)
        case .trafficTarget(var r):
            r.source = nil
            r.destinationNamespaceSource = nil
            return .trafficTarget(r)
        case .trafficSplit(var r): r.source = nil; return .trafficSplit(r)
        case .egress(var r): r.source = nil; return .egress(r)
        case .shown(var r): r.source = nil; return .shown(r)
        }
    }
}
