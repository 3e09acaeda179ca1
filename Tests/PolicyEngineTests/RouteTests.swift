import MeshDeckTestSupport
import MeshModel
import Testing

@testable import PolicyEngine

let curlKey = ObjectKey(namespace: "curl", name: "curl")
let echoDeployment = ObjectKey(namespace: "tcp-demo", name: "tcp-echo")

/// The client side's question (`PolicyIndex.route`): what the outbound sidecar, the probe of a
/// pod without a sidecar and the re-decision of open connections all ask, and everything they
/// act on besides the verdict.
@Suite struct RouteTests {
    func route(_ mesh: TestMesh, from: ObjectKey = curlKey, to: String = "tcp-echo.tcp-demo:9000") throws -> Route {
        let (host, port) = try PolicyIndex.splitHostPort(to)
        return mesh.index.route(from: from, host: host, port: port) { _ in 0 }
    }

    @Test func walkthroughRouteGoesOverTheMeshToTheEchoPod() throws {
        let mesh = try TestMesh()
        let index = mesh.index
        let r = try route(mesh)
        #expect(r.verdict == Verdict(allowed: true, point: .serverSidecar, reason: .permissive))
        #expect(r.path == .mesh)
        #expect(index.serviceKey(Int(r.service)) == echoDeployment)
        #expect(index.services[Int(r.service)].ports[Int(r.portIndex)].port.port == 9000)
        #expect(index.endpointPod(of: r) == mesh.cluster.pods(in: "tcp-demo")[0].key)
        #expect(r.targetPort == 9000)
        #expect(index.sourceIdentity(of: r) == curlKey)
        #expect(index.clusterAddress(of: r) == mesh.cluster.services[echoDeployment]?.clusterIP)
    }

    @Test func unknownHostStopsAtNameResolutionWithNothingChosen() throws {
        let r = try route(TestMesh(), to: "tcp-echo.nowhere:9000")
        #expect(r.verdict == Verdict(allowed: false, point: .nameResolution, reason: .unknownHost))
        #expect(r.path == .stopped && r.service == -1 && r.endpoint == -1)
    }

    @Test func missingPortStopsAtTheServiceEndpoints() throws {
        let mesh = try TestMesh()
        let r = try route(mesh, to: "tcp-echo.tcp-demo:9001")
        #expect(r.verdict == Verdict(allowed: false, point: .serviceEndpoints, reason: .noSuchPort))
        #expect(r.path == .stopped && r.portIndex == -1)
        #expect(mesh.index.serviceKey(Int(r.service)) == echoDeployment)  // the name did resolve
    }

    @Test func scaledToZeroHasNoEndpointToChoose() throws {
        var mesh = try TestMesh()
        try mesh.cluster.scale(echoDeployment, replicas: 0)
        let r = try route(mesh)
        #expect(r.verdict == Verdict(allowed: false, point: .serviceEndpoints, reason: .noEndpoints))
        #expect(r.path == .stopped && r.endpoint == -1)
    }

    /// A sidecar outlives its workload for a moment, and an open connection longer: its question
    /// is answered as a vanished source, at the client sidecar, not as "no endpoints".
    @Test(arguments: [false, true])
    func sourceThatNoLongerExistsIsNamedAsSuch(deleted: Bool) throws {
        var mesh = try TestMesh()
        if deleted { try mesh.cluster.delete(.deployment, curlKey) } else { try mesh.cluster.scale(curlKey, replicas: 0) }
        let r = try route(mesh)
        #expect(r.verdict == Verdict(allowed: false, point: .clientSidecar, reason: .unknownSource))
        #expect(r.path == .stopped)
        #expect(mesh.index.summary(r.verdict) == "source workload no longer exists")
    }

    @Test func theCallersCounterPicksTheEndpointRoundRobin() throws {
        var mesh = try TestMesh()
        try mesh.cluster.scale(echoDeployment, replicas: 3)
        let index = mesh.index
        let pods = mesh.cluster.pods(in: "tcp-demo").map(\.key)
        var asked: [Int] = []
        let chosen = (0..<6).map { n in
            index.endpointPod(
                of: index.route(from: curlKey, host: "tcp-echo.tcp-demo", port: 9000) { service in
                    asked.append(service)
                    return n
                })
        }
        #expect(Set(chosen.compactMap { $0 }) == Set(pods))
        #expect(chosen[0] == chosen[3] && chosen[1] == chosen[4] && chosen[0] != chosen[1])
        #expect(Set(asked).count == 1 && index.serviceKey(asked[0]) == echoDeployment)
    }

    /// An open connection is re-decided for the pod it already goes to; once that pod is no
    /// longer behind the Service, there is no endpoint for it.
    @Test func anEndpointNoLongerBehindTheServiceIsNoEndpoints() throws {
        var mesh = try TestMesh()
        try mesh.cluster.scale(echoDeployment, replicas: 2)
        let two = mesh.cluster.pods(in: "tcp-demo").map(\.key)
        try mesh.cluster.scale(echoDeployment, replicas: 1)
        let stays = try #require(mesh.cluster.pods(in: "tcp-demo").first?.key)
        let gone = try #require(two.first { $0 != stays })
        let index = mesh.index
        func pinned(to pod: ObjectKey) -> Route {
            index.route(from: curlKey, host: "tcp-echo.tcp-demo", port: 9000) { index.endpoint(pod, ofService: $0) }
        }
        #expect(pinned(to: gone).verdict == Verdict(allowed: false, point: .serviceEndpoints, reason: .noEndpoints))
        #expect(pinned(to: stays).verdict.allowed)
        #expect(index.endpointPod(of: pinned(to: stays)) == stays)
    }

    /// pkg/envoy/lds/listener.go: with egress on, a destination the client has no mesh route to
    /// goes through the passthrough filter chain, in plaintext (the server sidecar refuses it);
    /// with egress off it is stopped at the client sidecar.
    @Test func noMeshRouteIsPassedThroughInPlaintextOnlyWithEgress() throws {
        let on = try route(TestMesh(permissive: false, egress: true))
        #expect(on.verdict == Verdict(allowed: false, point: .serverSidecar, reason: .smiNoTrafficTarget))
        #expect(on.path == .plaintext && on.targetPort == 9000)
        let off = try route(TestMesh(permissive: false, egress: false))
        #expect(off.verdict.point == .clientSidecar && off.path == .stopped)
    }

    @Test func aDenialByTheServerSidecarStillTravelsTheMeshPath() throws {
        let mesh = try TestMesh(
            permissive: false, TestManifests.tcpRoute(ports: [8080]) + "\n---\n" + TestManifests.trafficTarget())
        let r = try route(mesh)
        #expect(r.verdict.reason == .smiPortNotAllowed(rule: 0))
        #expect(r.path == .mesh)
    }

    @Test func egressAndSourcesWithoutSidecarGoInPlaintext() throws {
        let mesh = try TestMesh(TestManifests.outside)
        #expect(try route(mesh, to: "echo.outside:9000").path == .plaintext)
        let client = ObjectKey(namespace: "outside", name: "client")
        let toMeshed = try route(mesh, from: client)
        #expect(toMeshed.verdict.reason == .plaintextToMeshed && toMeshed.path == .plaintext)
        #expect(try route(mesh, from: client, to: "echo.outside:9000").path == .plaintext)
        let noEgress = try TestMesh(egress: false, TestManifests.outside)
        #expect(try route(noEgress, to: "echo.outside:9000").path == .stopped)
    }

    /// A source whose namespace just left the mesh may still run its old sidecar for a moment:
    /// the policy no longer gives it the mesh path, so the destination's sidecar refuses it
    /// (the data plane used to send it with its identity, and the server allowed it).
    @Test func aSourceThatLeftTheMeshGetsNoMeshPath() throws {
        var mesh = try TestMesh()
        try mesh.cluster.removeFromMesh("curl")
        let r = try route(mesh)
        #expect(r.verdict.reason == .plaintextToMeshed && r.path == .plaintext)
    }

    /// The port's transport is checked before an endpoint is chosen, so nothing is dialed for it.
    @Test func udpPortIsStoppedBeforeAnyEndpointIsChosen() throws {
        let mesh = try TestMesh(
            "apiVersion: v1\nkind: Service\nmetadata: {name: tcp-echo, namespace: tcp-demo}\nspec:\n  ports: [{name: tcp, port: 9000, protocol: UDP}]\n  selector: {app: tcp-echo}\n"
        )
        let r = try route(mesh)
        #expect(r.verdict.reason == .notTCP && r.path == .stopped && r.endpoint == -1)
    }

    /// `decide` is the verdict of `route`: one rule set, asked two ways.
    @Test func decideIsTheRoutesVerdict() throws {
        let mesh = try TestMesh(permissive: false, egress: false, TestManifests.outside)
        let index = mesh.index
        for source in index.workloads.indices {
            for host in ["tcp-echo.tcp-demo", "echo.outside", "nowhere.x"] {
                for port in [9000, 9001] {
                    #expect(
                        index.decide(from: source, host: host, port: port)
                            == index.route(from: source, host: host, port: port).verdict)
                }
            }
        }
    }
}
