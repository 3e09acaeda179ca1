import DataPlaneInterface
import MeshCertificates
import MeshModel
import NIOCore
import PolicyEngine

/// The mesh CA's faults, for training and tests, and its periodic renewal check.
extension MeshEngine {
    /// The CA this engine's sidecars get their certificates from (the dashboard shows it).
    package var certificates: MeshCertificateAuthority { state.tls.authority }

    /// Fault: `workload`'s ServiceAccount certificate is replaced by one that expired a second
    /// ago, and the tunnels its pods keep (both ways) are closed, so its next connection
    /// handshakes again and is refused with "certificate has expired" (a TLS session already up
    /// would outlive its certificate, as in Envoy). The next renewal check
    /// (`certificateCheckSeconds`) issues a fresh one, with a `certificateChanged` event.
    /// Returns the identity expired.
    @discardableResult
    package func expireCertificate(of workload: String) async throws(QueryError) -> String {
        let policy = state.current.policy
        let (account, meshed) = policy.serviceAccount(ofWorkload: try policy.workload(named: workload))
        guard meshed else {
            throw QueryError(message: "\(workload) has no sidecar, so no mesh certificate", hint: "pick a meshed workload")
        }
        let identity = MeshTLS.identity(account)
        do {
            try state.tls.install(state.tls.authority.expire(identity))
        } catch {
            throw QueryError(message: "could not expire the certificate of \(identity): \(error)", hint: nil)
        }
        let name = identity.commonName(trustDomain: state.tls.authority.trustDomain)
        state.emit(nil, .certificateChanged(identity: name, change: "expired (fault); renewed at the next check"))
        let pods = state.current.pods
        for tunnel in state.openTunnels where pods[tunnel.from]?.identity == account || pods[tunnel.to]?.identity == account {
            try? await tunnel.channel.close()
        }
        return name
    }

    /// Fault: the mesh's root is replaced. Every certificate the old root signed is refused
    /// from now on (by name: "signed by a root that was rotated away"); every open tunnel is
    /// closed, and the next connection dials it again with certificates the new root issues.
    /// Returns how many tunnels were closed.
    @discardableResult
    package func rotateRoot() async throws -> Int {
        try state.tls.authority.rotateRoot()
        state.tls.forgetAll()
        let open = state.openTunnels
        for tunnel in open { try? await tunnel.channel.close() }
        state.emit(nil, .rootRotated(closedTunnels: open.count))
        return open.count
    }

    /// The renewal check, run every `certificateCheckSeconds` (OSM's certificate manager).
    static func checkCertificates(_ state: EngineState) {
        let name = state.tls.authority.trustDomain
        for renewed in state.tls.renewDue() {
            let event = EngineEvent.Kind.certificateChanged(
                identity: renewed.identity.commonName(trustDomain: name),
                change: "renewed, valid until \(MeshCertificateAuthority.stamp(renewed.notValidAfter))")
            state.emit(nil, event)
            // The dashboard's log hears it too, as it hears pods stopped for room.
            state.lifecycle.report(event)
        }
    }
}
