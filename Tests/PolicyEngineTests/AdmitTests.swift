import MeshDeckTestSupport
import MeshModel
import Testing

@testable import PolicyEngine

/// The server side's question (`PolicyIndex.admit`): what the inbound sidecar asks for every
/// connection and tunnel stream, with the identity the peer proved, or none.
@Suite struct AdmitTests {
    static let echoIdentity = ObjectKey(namespace: "tcp-demo", name: "tcp-echo")
    static let ghost = ObjectKey(namespace: "nowhere", name: "ghost")
    static let policy = TestManifests.tcpRoute(ports: [9000]) + "\n---\n" + TestManifests.trafficTarget()

    func admit(_ mesh: TestMesh, peer: ObjectKey?, port: Int = 9000) -> Verdict {
        mesh.index.admit(peer: peer, to: Self.echoIdentity, targetPort: port)
    }

    /// pkg/envoy/lds/inmesh.go: no RBAC filter in permissive mode, so any identity the mesh's CA
    /// signed gets in, whether or not a workload or policy names it.
    @Test func permissiveModeAdmitsAnIdentityTheIndexDoesNotKnow() throws {
        let mesh = try TestMesh(permissive: true)
        #expect(mesh.index.meshIdentity(of: Self.ghost) == .unknown)
        #expect(admit(mesh, peer: Self.ghost) == Verdict(allowed: true, point: .serverSidecar, reason: .permissive))
    }

    /// pkg/envoy/lds/rbac.go: ALLOW only the principals TrafficTargets list; an identity no
    /// TrafficTarget names matches none, like any other unlisted identity.
    @Test func smiModeDeniesAnUnknownIdentityAsNoTrafficTarget() throws {
        let mesh = try TestMesh(permissive: false, Self.policy)
        let denied = Verdict(allowed: false, point: .serverSidecar, reason: .smiNoTrafficTarget)
        #expect(admit(mesh, peer: Self.ghost) == denied)
        #expect(admit(mesh, peer: ObjectKey(namespace: "tcp-demo", name: "tcp-echo")) == denied)  // known, unlisted
        #expect(admit(mesh, peer: curlKey) == Verdict(allowed: true, point: .serverSidecar, reason: .smiAllowed(rule: 0)))
    }

    @Test func smiModeChecksTheTargetPort() throws {
        let mesh = try TestMesh(permissive: false, Self.policy)
        #expect(admit(mesh, peer: curlKey, port: 8080).reason == .smiPortNotAllowed(rule: 0))
    }

    /// A source listed by a TrafficTarget is known to the index even when no workload runs as it.
    @Test func aSourceOnlyATrafficTargetNamesIsAdmitted() throws {
        var mesh = try TestMesh(permissive: false, Self.policy)
        try mesh.cluster.delete(.deployment, curlKey)
        #expect(mesh.index.meshIdentity(of: curlKey) != .unknown)
        #expect(admit(mesh, peer: curlKey).allowed)
    }

    /// pkg/envoy/lds/inmesh.go: the inbound chains match only TLS with the mesh's ALPN, so a
    /// connection without an identity is refused in either mode, on any port.
    @Test(arguments: [true, false])
    func noIdentityIsPlaintextAndRefused(permissive: Bool) throws {
        let mesh = try TestMesh(permissive: permissive, Self.policy)
        #expect(admit(mesh, peer: nil) == Verdict(allowed: false, point: .serverSidecar, reason: .plaintextToMeshed))
        #expect(admit(mesh, peer: nil, port: 0) == admit(mesh, peer: nil))
    }

    /// What the client side is told about the mesh path is what the server side then does.
    @Test(arguments: [true, false])
    func theClientsRouteAndTheServersAdmissionAgree(permissive: Bool) throws {
        for yaml in ["", Self.policy, TestManifests.tcpRoute(ports: [1]) + "\n---\n" + TestManifests.trafficTarget()] {
            let mesh = try TestMesh(permissive: permissive, yaml)
            let r = mesh.index.route(from: curlKey, host: "tcp-echo.tcp-demo", port: 9000) { _ in 0 }
            guard r.path == .mesh else { continue }
            #expect(admit(mesh, peer: mesh.index.sourceIdentity(of: r), port: Int(r.targetPort)) == r.verdict)
        }
    }
}
