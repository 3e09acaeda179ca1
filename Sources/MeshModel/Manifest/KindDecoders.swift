/// The `spec` of each kind. Core kinds are read leniently (a real cluster prints many fields
/// MeshDeck does not model); SMI kinds strictly, as their CRD schemas are small and a typo there
/// silently changes the policy.
enum KindDecoders {
    static let metadataFields: Set<String> = ["name", "namespace", "labels", "annotations"]

    static func specFields(_ kind: ResourceKind) -> Set<String> {
        switch kind {
        case .service: return ["ports", "selector", "type", "clusterIP"]
        case .deployment, .statefulSet, .replicaSet: return ["replicas", "selector", "template"]
        case .daemonSet: return ["selector", "template"]
        case .job: return ["parallelism", "completions", "selector", "template"]
        case .pod: return ["containers", "serviceAccountName", "hostNetwork"]
        case .meshConfig: return ["traffic", "sidecar", "certificate", "observability", "featureFlags"]
        case .tcpRoute, .httpRouteGroup: return ["matches"]
        case .trafficTarget: return ["destination", "sources", "rules"]
        case .trafficSplit: return ["service", "backends", "matches"]
        case .egress: return ["sources", "hosts", "ipAddresses", "ports", "matches"]
        case .ingressBackend: return ["backends", "sources", "matches"]
        case .retry: return ["source", "destinations", "retryPolicy"]
        case .upstreamTrafficSetting: return ["host", "connectionSettings", "rateLimit", "httpRoutes"]
        case .meshRootCertificate: return ["provider", "trustDomain", "intent", "role"]
        case .namespace, .serviceAccount: return []
        }
    }

    static func service(_ spec: Field?, top: MappingField, meta: ObjectMeta?, source: SourceLocation) -> Service? {
        guard let spec = top.required("spec", hint: "a Service needs 'spec:' with 'ports:'"),
            let map = spec.mapping()
        else { return nil }
        let type = map["type"]?.string() ?? "ClusterIP"
        let clusterIP = map["clusterIP"].flatMap { $0.isNull ? nil : $0.string() }
        var ports: [ServicePort] = []
        if let items = map.required("ports", hint: "add 'ports:' with at least one '- port: N'")?.sequence() {
            if items.isEmpty { map["ports"]!.report("a Service needs at least one port") }
            for item in items {
                guard let p = item.mapping() else { continue }
                let port = p.required("port")?.int(range: 1...65535)
                let name = p["name"].flatMap { $0.isNull ? nil : $0.string() }
                if let name, let problem = NameRule.dns1123Label.problem(with: name) {
                    p["name"]!.report("invalid port name '\(name)': \(problem)")
                }
                if name == nil, items.count > 1 {
                    item.report(
                        "every port needs a name when a Service has more than one",
                        hint: "add 'name:' (for example 'name: tcp-\(port ?? 0)')")
                }
                let transport = p["protocol"]?.string() ?? "TCP"
                if !["TCP", "UDP", "SCTP"].contains(transport) {
                    p["protocol"]!.report("protocol must be TCP, UDP or SCTP, got '\(transport)'")
                }
                let targetPort = p["targetPort"]?.intOrString()
                let appProtocol = p["appProtocol"].flatMap { $0.isNull ? nil : $0.string() }
                if let port {
                    if let previous = ports.first(where: { $0.port == port && $0.transport == transport }) {
                        item.report("duplicate port \(port)/\(transport) (also '\(previous.name ?? "unnamed")')")
                    }
                    if let name, ports.contains(where: { $0.name == name }) {
                        p["name"]!.report("duplicate port name '\(name)'")
                    }
                    ports.append(
                        ServicePort(
                            name: name, port: port, targetPort: targetPort,
                            transport: transport, appProtocol: appProtocol))
                }
            }
        }
        let selector = map["selector"]?.stringMap() ?? [:]
        guard let meta else { return nil }
        return Service(
            meta: meta, source: source, type: type, clusterIP: clusterIP, ports: ports,
            selector: LabelSelector(selector))
    }

    /// A Deployment, StatefulSet, DaemonSet, ReplicaSet or Job (a pod template with a count), or
    /// a bare Pod (its own metadata and spec are the template).
    static func workload(
        _ kind: ResourceKind, _ spec: Field?, top: MappingField, meta: ObjectMeta?, source: SourceLocation
    ) -> Deployment? {
        guard let spec = top.required("spec"), let map = spec.mapping() else { return nil }
        if kind == .pod {
            guard let pod = podSpec(map), let meta else { return nil }
            var d = Deployment(
                meta: meta, source: source, replicas: 1, selector: LabelSelector(meta.labels), templateLabels: meta.labels,
                templateAnnotations: meta.annotations, serviceAccountName: pod.account, containers: pod.containers)
            d.kind = .pod
            d.hostNetwork = pod.hostNetwork
            return d
        }
        // A DaemonSet runs one pod per node (one node here); a Job runs `parallelism` at once.
        let countKey = kind == .job ? "parallelism" : "replicas"
        let replicas =
            kind == .daemonSet ? 1 : map[countKey].flatMap { $0.isNull ? nil : $0.int(range: 0...10_000) } ?? 1
        var selector = LabelSelector()
        // A Job's selector is generated by the API server unless the manifest sets one.
        let selectorField =
            kind == .job
            ? map["selector"]
            : map.required("selector", hint: "add 'selector: {matchLabels: ...}' matching the template's labels")
        if let sel = selectorField?.mapping() {
            selector = LabelSelector(sel["matchLabels"]?.stringMap() ?? [:])
            if sel["matchExpressions"] != nil {
                sel["matchExpressions"]!.report(
                    "matchExpressions are not checked by MeshDeck; only matchLabels are",
                    severity: .warning)
            }
        }
        guard let template = map.required("template")?.mapping() else { return nil }
        let templateMeta = template["metadata"]?.mapping()
        let labels = templateMeta?["labels"]?.stringMap() ?? [:]
        let annotations = templateMeta?["annotations"]?.stringMap() ?? [:]
        if !selector.matchLabels.isEmpty, !selector.matches(labels) {
            (map["selector"] ?? spec).report(
                "selector does not match template labels (selector \(selector.description), labels "
                    + "\(LabelSelector(labels).description.isEmpty ? "none" : LabelSelector(labels).description))",
                hint: "every matchLabels entry must also be under spec.template.metadata.labels")
        } else if selector.matchLabels.isEmpty, map["selector"] != nil, kind != .job {
            map["selector"]!.report("empty selector", hint: "add matchLabels matching the template's labels")
        }
        let serviceName = map["serviceName"].flatMap { $0.isNull ? nil : $0.string() }
        guard let templateSpec = template.required("spec")?.mapping(), let pod = podSpec(templateSpec) else { return nil }
        guard let meta else { return nil }
        var d = Deployment(
            meta: meta, source: source, replicas: replicas, selector: selector,
            templateLabels: labels, templateAnnotations: annotations,
            serviceAccountName: pod.account, containers: pod.containers)
        d.kind = kind
        d.hostNetwork = pod.hostNetwork
        d.serviceName = serviceName
        return d
    }

    /// A pod spec: its ServiceAccount, containers, and whether it runs on the host's network.
    private static func podSpec(_ podSpec: MappingField) -> (account: String, containers: [Container], hostNetwork: Bool)? {
        let account =
            podSpec["serviceAccountName"].flatMap { $0.isNull ? nil : $0.string() }
            ?? podSpec["serviceAccount"].flatMap { $0.isNull ? nil : $0.string() }
            ?? "default"
        let hostNetwork = podSpec["hostNetwork"].flatMap { $0.isNull ? nil : $0.bool() } ?? false
        var containers: [Container] = []
        if let items = podSpec.required("containers")?.sequence() {
            if items.isEmpty { podSpec["containers"]!.report("a pod needs at least one container") }
            for item in items {
                guard let c = item.mapping() else { continue }
                let name = c.required("name")?.string()
                let image = c.required("image")?.string()
                let command = c["command"]?.stringList() ?? []
                let args = c["args"]?.stringList() ?? []
                var ports: [Container.Port] = []
                for portItem in c["ports"]?.sequence() ?? [] {
                    guard let pm = portItem.mapping(),
                        let number = pm.required("containerPort")?.int(range: 1...65535)
                    else { continue }
                    let transport = pm["protocol"].flatMap { $0.isNull ? nil : $0.string() } ?? "TCP"
                    if !["TCP", "UDP", "SCTP"].contains(transport) {
                        pm["protocol"]!.report("protocol must be TCP, UDP or SCTP, got '\(transport)'")
                    }
                    ports.append(.init(name: pm["name"]?.string(), containerPort: number, transport: transport))
                }
                if let name, let image {
                    containers.append(Container(name: name, image: image, command: command, args: args, ports: ports))
                }
            }
        }
        return (account, containers, hostNetwork)
    }

    static func meshConfig(_ spec: Field?, meta: ObjectMeta?, source: SourceLocation) -> MeshConfig? {
        var config = MeshConfig(meta: meta ?? ObjectMeta(name: ""), source: source)
        if let spec, let map = spec.mapping() {
            if let traffic = map["traffic"]?.mapping() {
                config.permissiveTrafficPolicyMode = traffic["enablePermissiveTrafficPolicyMode"]?.bool() ?? false
                config.egress = traffic["enableEgress"]?.bool() ?? false
                config.outboundPortExclusions = ports(traffic["outboundPortExclusionList"])
                config.inboundPortExclusions = ports(traffic["inboundPortExclusionList"])
                let ranges = traffic["outboundIPRangeExclusionList"]
                config.outboundIPRangeExclusions = ranges?.stringList() ?? []
                for (text, item) in zip(config.outboundIPRangeExclusions, ranges?.sequence() ?? []) where IPv4Range(text) == nil {
                    item.report("'\(text)' is not an IPv4 CIDR range", hint: "for example 10.0.0.0/8")
                }
            }
            if let flags = map["featureFlags"]?.mapping(), let flag = flags["enableEgressPolicy"] {
                config.egressPolicy = flag.bool()
            }
            // Read as Go's ParseDuration reads it later (MeshCertificates.CertificateValidity),
            // where a bad value means OSM's default: the CRD types it only as a string.
            config.serviceCertValidityDuration = map["certificate"]?.mapping()?["serviceCertValidityDuration"]?.string()
            config.certKeyBitSize = map["certificate"]?.mapping()?["certKeyBitSize"]?.int()
        }
        guard meta != nil else { return nil }
        return config
    }

    /// A MeshConfig port list: whole numbers in 1...65535.
    private static func ports(_ field: Field?) -> [Int] {
        (field?.sequence() ?? []).compactMap { $0.int(range: 1...65535) }
    }

    /// cmd/osm-bootstrap/crds/smi_tcp_route.yaml (v1alpha4): `spec.matches` and
    /// `spec.matches.ports` are required (an empty list is allowed: every port).
    static func tcpRoute(_ spec: Field?, top: MappingField, meta: ObjectMeta?, source: SourceLocation) -> TCPRoute? {
        var ports: [Int] = []
        if let spec = top.required("spec", hint: "a TCPRoute needs 'spec:' with 'matches: {ports: [N]}'"),
            let map = spec.mapping(known: ["matches"], context: "a TCPRoute spec"),
            let matches = map.required("matches", hint: "add 'matches:' with 'ports: [N]'")?.mapping(
                known: ["ports", "name"], context: "TCPRoute matches")
        {
            for item in matches.required("ports", hint: "add 'ports: [N]' (an empty list means every port)")?.sequence() ?? [] {
                if let port = item.int(range: 1...65535) { ports.append(port) }
            }
        }
        guard let meta else { return nil }
        return TCPRoute(meta: meta, source: source, ports: ports)
    }

    static func httpRouteGroup(_ spec: Field?, meta: ObjectMeta?, source: SourceLocation) -> HTTPRouteGroup? {
        var matches: [HTTPRouteMatch] = []
        if let spec, let map = spec.mapping(known: ["matches"], context: "an HTTPRouteGroup spec") {
            for item in map["matches"]?.sequence() ?? [] {
                guard
                    let m = item.mapping(
                        known: ["name", "pathRegex", "methods", "headers"],
                        context: "an HTTPRouteGroup match"),
                    let name = m.required("name")?.string()
                else { continue }
                let pathRegex = m["pathRegex"].flatMap { $0.isNull ? nil : $0.string() }
                let methods = m["methods"]?.stringList() ?? []
                matches.append(
                    HTTPRouteMatch(
                        name: name, pathRegex: pathRegex, methods: methods,
                        headers: m["headers"].map(headerConditions) ?? []))
            }
        }
        guard let meta else { return nil }
        return HTTPRouteGroup(meta: meta, source: source, matches: matches)
    }

    /// The CRD's list of header maps; a single map (as smi-sdk-go's v1alpha4 type has it) is
    /// read as a list of one.
    private static func headerConditions(_ field: Field) -> [[String: String]] {
        if case .mapping = field.node { return field.stringMap().map { [$0] } ?? [] }
        return field.sequence()?.compactMap { $0.stringMap() } ?? []
    }

    static func trafficTarget(_ spec: Field?, top: MappingField, meta: ObjectMeta?, source: SourceLocation) -> TrafficTarget? {
        guard let spec = top.required("spec", hint: "a TrafficTarget needs 'spec:' with destination, sources and rules"),
            let map = spec.mapping(known: ["destination", "sources", "rules"], context: "a TrafficTarget spec")
        else { return nil }
        let destination = map.required("destination").flatMap { identity($0, allowPort: true) }
        var sources: [IdentityRef] = []
        // cmd/osm-bootstrap/crds/smi_traffic_access.yaml (v1alpha3): destination, sources and
        // rules are required (sources may be empty); a rule's kind is one of three.
        if map["sources"]?.isNull == false || map["sources"] == nil {
            if let items = map.required("sources", hint: "add 'sources:' with '- kind: ServiceAccount'")?.sequence() {
                sources = items.compactMap { identity($0, allowPort: false) }
            }
        }
        var rules: [TrafficTargetRule] = []
        for item in map.required("rules", hint: "add 'rules:' with '- kind: TCPRoute' and 'name:'")?.sequence() ?? [] {
            guard let r = item.mapping(known: ["kind", "name", "matches"], context: "a TrafficTarget rule") else { continue }
            let kind = r.required("kind")?.string()
            if let kind, !["HTTPRouteGroup", "TCPRoute", "UDPRoute"].contains(kind) {
                r["kind"]!.report(
                    "Unsupported value: \"\(kind)\": supported values: \"HTTPRouteGroup\", \"TCPRoute\", \"UDPRoute\"")
                continue
            }
            let name = r.required("name")?.string()
            let matches = r["matches"]?.stringList() ?? []
            if let kind, let name { rules.append(TrafficTargetRule(kind: kind, name: name, matches: matches)) }
        }
        guard let meta, let destination else { return nil }
        // OSM's validating webhook refuses a TrafficTarget outside its destination's namespace,
        // but only in namespaces of the mesh, the only ones it watches: Cluster.apply decides.
        let field = map["destination"]?.mapping()?["namespace"] ?? spec
        var target = TrafficTarget(meta: meta, source: source, destination: destination, sources: sources, rules: rules)
        target.destinationNamespaceSource = field.reader.location(field.mark)
        return target
    }

    private static func identity(_ field: Field, allowPort: Bool) -> IdentityRef? {
        let known: Set<String> = allowPort ? ["kind", "name", "namespace", "port"] : ["kind", "name", "namespace"]
        guard let m = field.mapping(known: known, context: "a ServiceAccount reference") else { return nil }
        let kind = m.required("kind", hint: "'kind: ServiceAccount'")?.string()
        if let kind, kind != "ServiceAccount" {
            m["kind"]!.report(
                "kind must be ServiceAccount, got '\(kind)'",
                hint: "SMI access control identifies workloads by ServiceAccount")
        }
        let name = m.required("name")?.string()
        // The CRD does not require a namespace; one left out names no ServiceAccount OSM knows.
        let namespace = m["namespace"].flatMap { $0.isNull ? nil : $0.string() } ?? ""
        if m["port"] != nil { _ = m["port"]!.int(range: 1...65535) }
        guard kind == "ServiceAccount", let name else { return nil }
        return IdentityRef(kind: kind!, name: name, namespace: namespace)
    }
}
