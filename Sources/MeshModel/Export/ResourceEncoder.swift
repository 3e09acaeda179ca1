import Yams

/// A resource as the manifest `kubectl apply` takes: what MeshDeck models, in the apiVersion
/// OSM v1.2 serves, and nothing the API server sets (uid, resourceVersion, status, the
/// ClusterIP it allocates). Or, for `get -o yaml`, as the cluster holds it: the same document
/// plus what the API server set or defaulted that MeshDeck knows.
enum ResourceEncoder {
    /// Who reads the document.
    enum Audience {
        /// `kubectl apply` (export): only what a manifest sets.
        case apply
        /// Someone asking what the cluster holds (`get -o yaml`): also the creation time, every
        /// label and annotation, the ClusterIP and the defaults the API server fills in.
        case clusterState
    }

    /// Labels and annotations the API server or kubectl set themselves; applying them back is
    /// noise at best (`last-applied-configuration` would describe a different object).
    static let serverLabels: Set<String> = ["kubernetes.io/metadata.name"]
    static let serverAnnotations: Set<String> = [
        "kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision",
    ]

    static func document(_ resource: Resource, for audience: Audience = .apply) -> Node {
        let kind = resource.kind
        let spec: Node?
        switch resource {
        case .namespace, .serviceAccount: spec = nil
        case .service(let s): spec = service(s, for: audience)
        case .deployment(let d): spec = deployment(d, for: audience)
        case .meshConfig(let m): spec = meshConfig(m)
        case .tcpRoute(let r): spec = tcpRoute(r)
        case .httpRouteGroup(let g): spec = httpRouteGroup(g)
        case .trafficTarget(let t): spec = trafficTarget(t)
        case .trafficSplit(let t): spec = trafficSplit(t)
        case .egress(let e): spec = egress(e)
        case .shown(let r): spec = (try? Yams.compose(yaml: r.specYAML)) ?? nil
        }
        return YAMLNodes.map([
            "apiVersion": YAMLNodes.text(kind.apiVersions[0]),
            "kind": YAMLNodes.text(kind.rawValue),
            "metadata": metadata(resource.meta, namespaced: kind.isNamespaced, for: audience),
            "spec": spec,
        ])
    }

    static func metadata(_ meta: ObjectMeta, namespaced: Bool, for audience: Audience = .apply) -> Node {
        let state = audience == .clusterState
        return YAMLNodes.map([
            "name": YAMLNodes.text(meta.name),
            "namespace": namespaced ? meta.namespace.map(YAMLNodes.text) : nil,
            "labels": YAMLNodes.map(state ? meta.labels : meta.labels.filter { !serverLabels.contains($0.key) }),
            "annotations": YAMLNodes.map(
                state ? meta.annotations : meta.annotations.filter { !serverAnnotations.contains($0.key) }),
            "creationTimestamp": state ? meta.creationTimestamp.map(YAMLNodes.timestamp) : nil,
        ])
    }

    static func service(_ s: Service, for audience: Audience = .apply) -> Node {
        let state = audience == .clusterState
        let ports = s.ports.map { p in
            YAMLNodes.map([
                "name": p.name.map(YAMLNodes.text),
                "port": YAMLNodes.int(p.port),
                // The API server defaults an absent targetPort to the port.
                "targetPort": p.targetPort.map(intOrString) ?? (state ? YAMLNodes.int(p.port) : nil),
                "protocol": YAMLNodes.text(p.transport),
                "appProtocol": p.appProtocol.map(YAMLNodes.text),
            ])
        }
        return YAMLNodes.map([
            "type": s.type == "ClusterIP" && !state ? nil : YAMLNodes.text(s.type),
            // A headless Service asks for no ClusterIP: that is intent, not an allocation.
            "clusterIP": s.clusterIP == "None" || state ? s.clusterIP.map(YAMLNodes.text) : nil,
            "ports": YAMLNodes.list(ports),
            "selector": YAMLNodes.map(s.selector.matchLabels),
        ])
    }

    static func container(_ c: Container, for audience: Audience = .apply) -> Node {
        YAMLNodes.map([
            "name": YAMLNodes.text(c.name),
            "image": YAMLNodes.text(c.image),
            "command": YAMLNodes.nonEmptyList(c.command.map(YAMLNodes.text)),
            "args": YAMLNodes.nonEmptyList(c.args.map(YAMLNodes.text)),
            "ports": YAMLNodes.nonEmptyList(
                c.ports.map { p in
                    YAMLNodes.map([
                        "name": p.name.map(YAMLNodes.text),
                        "containerPort": YAMLNodes.int(p.containerPort),
                        // The API server defaults the protocol to TCP.
                        "protocol": p.transport == "TCP" && audience == .apply ? nil : YAMLNodes.text(p.transport),
                    ])
                }),
        ])
    }

    static func deployment(_ d: Deployment, for audience: Audience = .apply) -> Node {
        let containers = d.containers.map { container($0, for: audience) }
        let podSpec = YAMLNodes.map([
            "serviceAccountName": d.serviceAccountName == "default" ? nil : YAMLNodes.text(d.serviceAccountName),
            "hostNetwork": d.hostNetwork ? YAMLNodes.bool(true) : nil,
            "containers": YAMLNodes.list(containers),
        ])
        switch d.kind {
        case .pod: return podSpec
        case .deployment, .statefulSet, .replicaSet: break
        default:
            // A DaemonSet has no count; a Job's is `parallelism`, and its selector is generated.
            return YAMLNodes.map([
                "parallelism": d.kind == .job ? YAMLNodes.int(d.replicas) : nil,
                "selector": d.kind == .job ? nil : YAMLNodes.map(["matchLabels": YAMLNodes.map(d.selector.matchLabels)]),
                "template": YAMLNodes.map([
                    "metadata": YAMLNodes.map([
                        "labels": YAMLNodes.map(d.templateLabels),
                        "annotations": YAMLNodes.map(d.templateAnnotations),
                    ]),
                    "spec": podSpec,
                ]),
            ])
        }
        return YAMLNodes.map([
            "replicas": YAMLNodes.int(d.replicas),
            "serviceName": d.serviceName.map(YAMLNodes.text),
            "selector": YAMLNodes.map(["matchLabels": YAMLNodes.map(d.selector.matchLabels)]),
            "template": YAMLNodes.map([
                "metadata": YAMLNodes.map([
                    "labels": YAMLNodes.map(d.templateLabels),
                    "annotations": YAMLNodes.map(d.templateAnnotations),
                ]),
                "spec": podSpec,
            ]),
        ])
    }

    /// Only the fields MeshDeck models, the lists, the flag and the certificate validity only
    /// when set: applied to the MeshConfig `osm install` created, they change those and leave the
    /// rest of its spec alone.
    static func meshConfig(_ m: MeshConfig) -> Node {
        YAMLNodes.map([
            "traffic": YAMLNodes.map([
                "enablePermissiveTrafficPolicyMode": YAMLNodes.bool(m.permissiveTrafficPolicyMode),
                "enableEgress": YAMLNodes.bool(m.egress),
                "outboundPortExclusionList": YAMLNodes.nonEmptyList(m.outboundPortExclusions.map(YAMLNodes.int)),
                "outboundIPRangeExclusionList": YAMLNodes.nonEmptyList(m.outboundIPRangeExclusions.map(YAMLNodes.text)),
                "inboundPortExclusionList": YAMLNodes.nonEmptyList(m.inboundPortExclusions.map(YAMLNodes.int)),
            ]),
            "featureFlags": m.egressPolicy.map { YAMLNodes.map(["enableEgressPolicy": YAMLNodes.bool($0)]) },
            "certificate": m.serviceCertValidityDuration.map {
                YAMLNodes.map([
                    "serviceCertValidityDuration": YAMLNodes.text($0), "certKeyBitSize": YAMLNodes.int(m.certKeyBitSize ?? 2048),
                ])
            },
        ])
    }

    /// `ports` is required by the CRD; an empty list means every port.
    static func tcpRoute(_ r: TCPRoute) -> Node {
        YAMLNodes.map(["matches": YAMLNodes.map(["ports": YAMLNodes.list(r.ports.map(YAMLNodes.int))])])
    }

    static func httpRouteGroup(_ g: HTTPRouteGroup) -> Node {
        let matches = g.matches.map { m in
            YAMLNodes.map([
                "name": YAMLNodes.text(m.name),
                "pathRegex": m.pathRegex.map(YAMLNodes.text),
                "methods": YAMLNodes.nonEmptyList(m.methods.map(YAMLNodes.text)),
                "headers": YAMLNodes.nonEmptyList(m.headers.compactMap(YAMLNodes.map)),
            ])
        }
        return YAMLNodes.map(["matches": YAMLNodes.list(matches)])
    }

    static func trafficTarget(_ t: TrafficTarget) -> Node {
        func identity(_ ref: IdentityRef) -> Node {
            YAMLNodes.map([
                "kind": YAMLNodes.text(ref.kind),
                "name": YAMLNodes.text(ref.name),
                "namespace": YAMLNodes.text(ref.namespace),
            ])
        }
        let rules = t.rules.map { r in
            YAMLNodes.map([
                "kind": YAMLNodes.text(r.kind),
                "name": YAMLNodes.text(r.name),
                "matches": YAMLNodes.nonEmptyList(r.matches.map(YAMLNodes.text)),
            ])
        }
        return YAMLNodes.map([
            "destination": identity(t.destination),
            "sources": YAMLNodes.list(t.sources.map(identity)),
            "rules": YAMLNodes.list(rules),
        ])
    }

    static func trafficSplit(_ t: TrafficSplit) -> Node {
        YAMLNodes.map([
            "service": YAMLNodes.text(t.service),
            "backends": YAMLNodes.list(
                t.backends.map {
                    YAMLNodes.map(["service": YAMLNodes.text($0.service), "weight": YAMLNodes.int($0.weight)])
                }),
        ])
    }

    static func egress(_ e: Egress) -> Node {
        YAMLNodes.map([
            "sources": YAMLNodes.list(
                e.sources.map {
                    YAMLNodes.map([
                        "kind": YAMLNodes.text($0.kind), "name": YAMLNodes.text($0.name),
                        "namespace": YAMLNodes.text($0.namespace),
                    ])
                }),
            "hosts": YAMLNodes.nonEmptyList(e.hosts.map(YAMLNodes.text)),
            "ipAddresses": YAMLNodes.nonEmptyList(e.ipAddresses.map(YAMLNodes.text)),
            "ports": YAMLNodes.list(
                e.ports.map { YAMLNodes.map(["number": YAMLNodes.int($0.number), "protocol": YAMLNodes.text($0.proto)]) }),
            "matches": YAMLNodes.nonEmptyList(
                e.matches.map {
                    YAMLNodes.map([
                        "apiGroup": $0.matches.first.map(YAMLNodes.text), "kind": YAMLNodes.text($0.kind),
                        "name": YAMLNodes.text($0.name),
                    ])
                }),
        ])
    }

    private static func intOrString(_ value: IntOrString) -> Node {
        switch value {
        case .int(let n): return YAMLNodes.int(n)
        case .string(let s): return YAMLNodes.text(s)
        }
    }
}
