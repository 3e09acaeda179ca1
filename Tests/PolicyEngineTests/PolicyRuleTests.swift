import MeshDeckTestSupport
import MeshModel
import Testing

@testable import PolicyEngine

/// One test per OSM v1.2 rule, as the issue lists them.
@Suite struct WalkthroughVerdictTests {
    @Test func permissiveOnAllows() throws {
        let v = try TestMesh(permissive: true).verdict()
        #expect(v == Verdict(allowed: true, point: .serverSidecar, reason: .permissive))
    }

    @Test func permissiveOffWithoutPolicyDenies() throws {
        let e = try TestMesh(permissive: false).explain()
        #expect(!e.verdict.allowed)
        #expect(e.verdict.reason == .smiNoTrafficTarget)
        #expect(e.verdict.point == .serverSidecar)  // egress is on in the walkthrough
        #expect(e.clientError == "command terminated with exit code 1")
        #expect(
            e.reason
                == "SMI mode (permissive off) and no TrafficTarget lets ServiceAccount curl/curl reach ServiceAccount tcp-demo/tcp-echo"
        )
        #expect(e.facts.contains { $0.contains("enablePermissiveTrafficPolicyMode: false") })
    }

    @Test func policyBundleAllowsAgain() throws {
        var mesh = try TestMesh(permissive: false)
        try mesh.apply(Scenario.bundle(named: "smi-policy")!.yaml)
        let e = try mesh.explain()
        #expect(e.verdict.allowed)
        #expect(e.verdict.reason == .smiAllowed(rule: 0))
        #expect(e.reason == "TrafficTarget tcp-demo/tcp-access allows ServiceAccount curl/curl on port 9000")
        #expect(
            e.facts.contains {
                $0.contains(
                    "TrafficTarget tcp-demo/tcp-access: destination tcp-demo/tcp-echo, sources curl/curl (includes curl/curl), rules TCPRoute tcp-echo-route, ports 9000"
                )
            })
    }
}

@Suite struct NameResolutionTests {
    @Test func unknownHostIsDeniedAtNameResolution() throws {
        let e = try TestMesh().explain(to: "tcp-echo.tcp-dem:9000")
        #expect(e.verdict == Verdict(allowed: false, point: .nameResolution, reason: .unknownHost))
        #expect(e.clientError == "nc: bad address 'tcp-echo.tcp-dem'")
        #expect(e.facts.contains("destination: there is no namespace 'tcp-dem'"))
    }

    @Test(arguments: ["tcp-echo.tcp-demo", "tcp-echo.tcp-demo.svc", "tcp-echo.tcp-demo.svc.cluster.local", "TCP-ECHO.tcp-demo"])
    func serviceNameFormsResolve(host: String) throws {
        #expect(try TestMesh().verdict(to: "\(host):9000").allowed)
    }

    @Test func clusterIPResolves() throws {
        let mesh = try TestMesh()
        let ip = mesh.cluster.services[ObjectKey(namespace: "tcp-demo", name: "tcp-echo")]!.clusterIP!
        #expect(try mesh.verdict(to: "\(ip):9000").allowed)
    }

    @Test func bareNameResolvesOnlyInTheSourceNamespace() throws {
        var mesh = try TestMesh()
        try mesh.apply(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: local, namespace: tcp-demo}
            spec:
              selector: {matchLabels: {app: local}}
              template:
                metadata: {labels: {app: local}}
                spec: {serviceAccountName: tcp-echo, containers: [{name: c, image: curlimages/curl}]}
            """)
        #expect(try mesh.verdict(from: "tcp-demo/local", to: "tcp-echo:9000").allowed)
        #expect(try mesh.verdict(from: "curl/curl", to: "tcp-echo:9000").reason == .unknownHost)
    }

    @Test func missingPortIsNamed() throws {
        let e = try TestMesh().explain(to: "tcp-echo.tcp-demo:9001")
        #expect(e.verdict.reason == .noSuchPort)
        #expect(e.reason == "Service tcp-demo/tcp-echo has no port 9001 (it exposes 9000/TCP)")
    }
}

@Suite struct EndpointTests {
    @Test func scaledToZeroHasNoEndpoints() throws {
        var mesh = try TestMesh()
        try mesh.cluster.scale(ObjectKey(namespace: "tcp-demo", name: "tcp-echo"), replicas: 0)
        let e = try mesh.explain()
        #expect(e.verdict == Verdict(allowed: false, point: .serviceEndpoints, reason: .noEndpoints))
        #expect(e.reason == "Service tcp-demo/tcp-echo has no endpoints: no running pod matches selector app=tcp-echo")
    }

    @Test func selectorMatchingNothingHasNoEndpoints() throws {
        var mesh = try TestMesh()
        try mesh.apply(
            "apiVersion: v1\nkind: Service\nmetadata: {name: ghost, namespace: tcp-demo}\nspec:\n  ports: [{port: 1, appProtocol: tcp}]\n  selector: {app: ghost}\n"
        )
        #expect(try mesh.verdict(to: "ghost.tcp-demo:1").reason == .noEndpoints)
    }

    @Test func sourceWithoutPodsIsAnInputError() throws {
        var mesh = try TestMesh()
        try mesh.cluster.scale(ObjectKey(namespace: "curl", name: "curl"), replicas: 0)
        #expect(throws: QueryError.self) { try mesh.verdict() }
        #expect(throws: QueryError.self) { try mesh.verdict(from: "curl/nope") }
        #expect(throws: QueryError.self) { try mesh.verdict(from: "curl") }
    }
}

@Suite struct PortProtocolTests {
    func service(_ port: String) -> String {
        "apiVersion: v1\nkind: Service\nmetadata: {name: tcp-echo, namespace: tcp-demo}\nspec:\n  ports: [\(port)]\n  selector: {app: tcp-echo}\n"
    }

    @Test func appProtocolTCPIsRawTCP() throws {
        #expect(try TestMesh().verdict().httpPort == false)
    }

    @Test func portNamedTcpWithoutAppProtocolIsHTTP() throws {
        let mesh = try TestMesh(service("{name: tcp, port: 9000}"))
        let e = try mesh.explain()
        #expect(e.verdict.allowed)
        #expect(e.verdict.httpPort)
        #expect(e.facts.contains { $0.contains("HTTP/1.1 400 Bad Request") })
        #expect(e.fix?.contains("appProtocol: tcp") == true)
    }

    @Test(arguments: [
        ("{name: tcp-echo, port: 9000}", PortProtocol.Kind.tcp),
        ("{name: tcp-server-first-x, port: 9000}", .tcpServerFirst),
        ("{name: http-web, port: 9000}", .http),
        ("{name: grpc-api, port: 9000}", .grpc),
        ("{port: 9000}", .http),
        ("{name: web, port: 9000, appProtocol: TCP}", .tcp),
    ])
    func protocolFromAppProtocolOrNamePrefix(port: String, expected: PortProtocol.Kind) throws {
        let mesh = try TestMesh(service(port))
        #expect(mesh.index.services.first { $0.key.name == "tcp-echo" }!.ports[0].protocolInfo.kind == expected)
        #expect(try mesh.verdict().httpPort == !expected.isRawTCP)
    }

    @Test func udpPortIsNotReachableByNC() throws {
        let mesh = try TestMesh(service("{name: tcp, port: 9000, protocol: UDP}"))
        #expect(try mesh.verdict().reason == .notTCP)
    }
}

@Suite struct MeshMembershipTests {
    @Test(arguments: [true, false])
    func sourceWithoutSidecarCannotReachMeshedDestination(permissive: Bool) throws {
        let mesh = try TestMesh(permissive: permissive, TestManifests.outside)
        let e = try mesh.explain(from: "outside/client")
        #expect(e.verdict == Verdict(allowed: false, point: .serverSidecar, reason: .plaintextToMeshed))
        #expect(e.fix == "add namespace outside to the mesh (osm namespace add outside) and restart its pods")
    }

    @Test func meshedSourceToOutsideNeedsEgress() throws {
        let on = try TestMesh(egress: true, TestManifests.outside)
        #expect(try on.verdict(to: "echo.outside:9000") == Verdict(allowed: true, point: .clientSidecar, reason: .egressAllowed))
        let off = try TestMesh(egress: false, TestManifests.outside)
        #expect(
            try off.verdict(to: "echo.outside:9000") == Verdict(allowed: false, point: .clientSidecar, reason: .egressDisabled))
    }

    /// osm-docs content/docs/guides/traffic_management/egress.md ("Configuring Egress"): the
    /// internet is reached by enabling egress or by an Egress policy (with its feature flag);
    /// it has no namespace that could join the mesh, so explain does not offer that.
    @Test func anInternetDestinationWithEgressOffIsFixedByEgressNotByTheMesh() throws {
        let off = try TestMesh(egress: false)
        let e = try off.explain(to: "github.com:443")
        #expect(e.verdict.reason == .egressDisabled)
        #expect(e.fixCode?.kind == .enableEgressToInternet)
        #expect(e.fix?.contains("spec.traffic.enableEgress: true") == true, "\(e.fix ?? "")")
        #expect(e.fix?.contains("Egress policy with source ServiceAccount curl/curl") == true, "\(e.fix ?? "")")
        #expect(e.fix?.contains("namespace") == false, "\(e.fix ?? "")")
        // An in-cluster destination outside the mesh still has a namespace to add.
        let outside = try TestMesh(egress: false, TestManifests.outside)
        #expect(try outside.explain(to: "echo.outside:9000").fix?.contains("add the destination's namespace to the mesh") == true)
    }

    @Test func neitherSideMeshedIsPlainKubernetes() throws {
        let mesh = try TestMesh(permissive: false, egress: false, TestManifests.outside)
        #expect(
            try mesh.verdict(from: "outside/client", to: "echo.outside:9000")
                == Verdict(allowed: true, point: .network, reason: .noMesh))
    }

    @Test func podAnnotationDisablingInjectionWins() throws {
        let yaml = WalkthroughManifests.curl.replacingOccurrences(
            of: "      labels:\n        app: curl\n    spec:",
            with:
                "      labels:\n        app: curl\n      annotations:\n        openservicemesh.io/sidecar-injection: disabled\n    spec:"
        )
        let mesh = try TestMesh(yaml, namespace: "curl")
        let pod = mesh.cluster.pods(in: "curl")[0]
        #expect(pod.ready == "1/1")
        #expect(try mesh.verdict().reason == .plaintextToMeshed)
    }

    @Test func namespaceRemovedFromMeshLosesSidecars() throws {
        var mesh = try TestMesh()
        try mesh.cluster.removeFromMesh("curl")
        #expect(mesh.cluster.pods(in: "curl")[0].ready == "1/1")
        #expect(try mesh.verdict().reason == .plaintextToMeshed)
        try mesh.cluster.addToMesh("curl")
        #expect(try mesh.verdict().allowed)
    }
}

@Suite struct SMIRuleTests {
    @Test func egressOffAndNoPolicyIsStoppedByTheClientSidecar() throws {
        let mesh = try TestMesh(permissive: false, egress: false)
        #expect(try mesh.verdict() == Verdict(allowed: false, point: .clientSidecar, reason: .smiNoTrafficTarget))
    }

    @Test func trafficTargetForAnotherSourceDoesNotAllow() throws {
        let mesh = try TestMesh(
            permissive: false,
            TestManifests.tcpRoute(ports: [9000]) + "\n---\n" + TestManifests.trafficTarget(source: "bookbuyer/bookbuyer"))
        let e = try mesh.explain()
        #expect(e.verdict.reason == .smiNoTrafficTarget)
        #expect(e.facts.contains { $0.contains("sources bookbuyer/bookbuyer (does not include curl/curl)") })
    }

    @Test func portOutsideTheRoutesIsDeniedAtTheServerSidecar() throws {
        let mesh = try TestMesh(
            permissive: false, TestManifests.tcpRoute(ports: [8080]) + "\n---\n" + TestManifests.trafficTarget())
        let e = try mesh.explain()
        #expect(e.verdict == Verdict(allowed: false, point: .serverSidecar, reason: .smiPortNotAllowed(rule: 0)))
        #expect(
            e.reason
                == "TrafficTarget tcp-demo/tcp-access names ServiceAccount curl/curl, but its routes allow only port(s) 8080, not 9000"
        )
    }

    @Test func routeWithoutPortsAllowsEveryPort() throws {
        let mesh = try TestMesh(
            permissive: false,
            "apiVersion: specs.smi-spec.io/v1alpha4\nkind: TCPRoute\nmetadata: {name: tcp-echo-route, namespace: tcp-demo}\nspec: {matches: {ports: []}}\n---\n"
                + TestManifests.trafficTarget())
        #expect(try mesh.verdict().allowed)
    }

    @Test func onlyHTTPRouteGroupRulesAllowEveryPort() throws {
        let mesh = try TestMesh(
            permissive: false,
            """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: routes, namespace: tcp-demo}
            spec:
              matches: [{name: all, pathRegex: ".*", methods: ["*"]}]
            ---
            """ + "\n" + TestManifests.trafficTarget(rules: "[{kind: HTTPRouteGroup, name: routes, matches: [all]}]"))
        #expect(try mesh.verdict().allowed)
    }

    @Test func udpRouteRuleInvalidatesTheWholeTrafficTarget() throws {
        let mesh = try TestMesh(
            permissive: false,
            TestManifests.tcpRoute(ports: [9000]) + "\n---\n"
                + TestManifests.trafficTarget(rules: "[{kind: TCPRoute, name: tcp-echo-route}, {kind: UDPRoute, name: u}]"))
        let e = try mesh.explain()
        #expect(!e.verdict.allowed)
        #expect(e.facts.contains { $0.contains("is IGNORED: rule kind UDPRoute is not TCPRoute or HTTPRouteGroup") })
    }

    @Test func missingRouteMakesTheTrafficTargetIgnored() throws {
        let mesh = try TestMesh(permissive: false, TestManifests.trafficTarget())
        let e = try mesh.explain()
        #expect(!e.verdict.allowed)
        #expect(e.facts.contains { $0.contains("IGNORED: TCPRoute tcp-demo/tcp-echo-route does not exist") })
    }

    @Test func trafficTargetWithoutRulesIsIgnored() throws {
        let mesh = try TestMesh(permissive: false, TestManifests.trafficTarget(rules: "[]"))
        #expect(try mesh.verdict().reason == .smiNoTrafficTarget)
        #expect(mesh.index.targetStatus.first?.ignoredBecause == "it has no rules")
    }

    @Test func severalTrafficTargetsAreOred() throws {
        let mesh = try TestMesh(
            permissive: false,
            [
                TestManifests.tcpRoute("r1", ports: [8080]), TestManifests.tcpRoute("r2", ports: [9000]),
                TestManifests.trafficTarget("t1", rules: "[{kind: TCPRoute, name: r1}]"),
                TestManifests.trafficTarget("t2", rules: "[{kind: TCPRoute, name: r2}]"),
            ].joined(separator: "\n---\n"))
        let e = try mesh.explain()
        #expect(e.verdict.allowed)
        #expect(e.reason.hasPrefix("TrafficTarget tcp-demo/t2 allows"))
    }

    @Test func policiesInANamespaceOutsideTheMeshAreIgnored() throws {
        var mesh = try TestMesh(
            permissive: false, TestManifests.tcpRoute(ports: [9000]) + "\n---\n" + TestManifests.trafficTarget())
        #expect(try mesh.verdict().allowed)
        try mesh.cluster.removeFromMesh("tcp-demo")
        #expect(mesh.index.targetStatus.first?.ignoredBecause?.contains("not in the mesh") == true)
    }

    @Test func portsMatchTheTargetPortThePodListensOn() throws {
        var mesh = try TestMesh(
            permissive: false, TestManifests.tcpRoute(ports: [9000]) + "\n---\n" + TestManifests.trafficTarget())
        try mesh.apply(
            "apiVersion: v1\nkind: Service\nmetadata: {name: front, namespace: tcp-demo}\nspec:\n  ports: [{name: tcp-front, port: 80, targetPort: 9000}]\n  selector: {app: tcp-echo}\n"
        )
        #expect(try mesh.verdict(to: "front.tcp-demo:80").allowed)
    }

    @Test func namedTargetPortResolvesThroughTheContainerPort() throws {
        var mesh = try TestMesh(permissive: true)
        try mesh.apply(
            "apiVersion: v1\nkind: Service\nmetadata: {name: named, namespace: tcp-demo}\nspec:\n  ports: [{name: tcp-n, port: 80, targetPort: tcp-echo-server}]\n  selector: {app: tcp-echo}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: badname, namespace: tcp-demo}\nspec:\n  ports: [{name: tcp-n, port: 80, targetPort: nope}]\n  selector: {app: tcp-echo}\n"
        )
        #expect(try mesh.verdict(to: "named.tcp-demo:80").allowed)
        #expect(try mesh.explain(to: "badname.tcp-demo:80").reason.contains("declares no container port named 'nope'"))
    }
}

@Suite struct MatrixTests {
    @Test func walkthroughMatrixHasOneCellPerSourceAndServicePort() throws {
        var mesh = try TestMesh(permissive: false, TestManifests.outside)
        var m = mesh.index.matrix()
        #expect(m.sources.map(\.description) == ["curl/curl", "outside/client", "outside/echo", "tcp-demo/tcp-echo"])
        #expect(m.destinations.map(\.label) == ["echo.outside:9000", "tcp-echo.tcp-demo:9000"])
        #expect(m.verdict(row: 0, column: 1).reason == .smiNoTrafficTarget)
        #expect(m.verdict(row: 1, column: 0).allowed)  // plain Kubernetes
        try mesh.apply(Scenario.bundle(named: "smi-policy")!.yaml)
        m = mesh.index.matrix()
        #expect(m.verdict(row: 0, column: 1).allowed)
        #expect(!m.verdict(row: 1, column: 1).allowed)
    }
}
