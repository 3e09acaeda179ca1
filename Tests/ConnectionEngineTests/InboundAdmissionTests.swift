import DataPlaneInterface
import MeshDeckTestSupport
import MeshModel
import PolicyEngine
import Testing

@testable import ConnectionEngine

/// The inbound sidecar asks the policy about every identity a peer presents, including ones
/// the policy has never heard of, and acts on the answer as it would for any other.
@Suite struct InboundAdmissionTests {
    /// A connection straight to tcp-echo's inbound sidecar with a mesh certificate of an identity
    /// no workload and no TrafficTarget names; returns what came back and the verdict reported.
    func probeAsUnknownIdentity(permissive: Bool) async throws -> (reply: String, verdict: Verdict?) {
        var cluster = Scenario.walkthrough()
        cluster.setPermissive(permissive)
        let log = EventLog()
        return try await withEngine(cluster, events: log) { engine in
            let inbound = try #require(engine.pods[echoPods(engine)[0]]?.inbound)
            let relay = try await meshRelay(engine, to: inbound, identity: "nowhere/ghost")
            let socket = try RawSocket(relay.address)
            await socket.send("MDK-MESH 777001 9000\nhello\n")
            socket.shutdownWrite()
            let (reply, _) = await socket.readAll()
            let verdict = log.kinds(777001).lazy.compactMap { kind -> Verdict? in
                if case .verdict(let v, .serverSidecar, _, _) = kind { v } else { nil }
            }.first
            return (reply, verdict)
        }
    }

    /// pkg/envoy/lds/inmesh.go: permissive mode has no RBAC filter, so any mesh identity gets in.
    @Test func permissiveModeLetsAnUnknownIdentityIn() async throws {
        let (reply, verdict) = try await probeAsUnknownIdentity(permissive: true)
        #expect(reply == "echo response: hello\n")
        #expect(verdict == Verdict(allowed: true, point: .serverSidecar, reason: .permissive))
    }

    /// pkg/envoy/lds/rbac.go: an identity no TrafficTarget lists matches no policy: denied.
    @Test func smiModeRefusesAnUnknownIdentityForWantOfATrafficTarget() async throws {
        let (reply, verdict) = try await probeAsUnknownIdentity(permissive: false)
        #expect(reply == "")
        #expect(verdict == Verdict(allowed: false, point: .serverSidecar, reason: .smiNoTrafficTarget))
    }
}
