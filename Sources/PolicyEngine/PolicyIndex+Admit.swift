import MeshModel

/// A ServiceAccount as this index knows it, for the server side's question. Every identity a
/// peer can present has one: those no workload and no TrafficTarget names are `unknown`, and
/// are decided by the same rules as the rest.
package struct MeshIdentity: Sendable, Hashable {
    let id: Int32

    /// No workload and no TrafficTarget names it. Never a key of a TrafficTarget rule, so in
    /// SMI mode it matches none.
    package static let unknown = MeshIdentity(id: -1)
}

/// The server side's question, asked in one place: the inbound sidecar, for every connection
/// or tunnel stream, with the identity the peer proved (its certificate in OSM, the preamble
/// here) or none (plaintext).
extension PolicyIndex {
    /// The interned form of a ServiceAccount, looked up once per policy by a sidecar that asks
    /// about it often (a tunnel asks for every stream).
    package func meshIdentity(of serviceAccount: ObjectKey) -> MeshIdentity {
        identityIndex[serviceAccount].map(MeshIdentity.init(id:)) ?? .unknown
    }

    /// May `peer` reach `targetPort` of a pod whose ServiceAccount is `destination`?
    /// `peer` nil: the connection carries no mesh identity (plaintext).
    package func admit(peer: ObjectKey?, to destination: ObjectKey, targetPort: Int) -> Verdict {
        admit(peer: peer.map(meshIdentity(of:)), to: meshIdentity(of: destination), targetPort: targetPort)
    }

    /// The same with identities already interned by `meshIdentity(of:)`.
    package func admit(peer: MeshIdentity?, to destination: MeshIdentity, targetPort: Int) -> Verdict {
        // OSM's inbound filter chains match only TLS with the mesh's ALPN (pkg/envoy/lds/inmesh.go):
        // plaintext matches none, whatever the port and the mode.
        guard let peer else { return Verdict(allowed: false, point: .serverSidecar, reason: .plaintextToMeshed) }
        return decideInbound(source: peer.id, destination: destination.id, targetPort: targetPort, rawTCP: true)
    }

    /// The server sidecar's rule, shared by `admit` and the client side's `route`, so what the
    /// client is told and what the server does cannot differ. Unknown identities (-1) need no
    /// case of their own: permissive mode allows any peer, and SMI mode finds no rule for them.
    func decideInbound(source: Int32, destination: Int32, targetPort: Int, rawTCP: Bool) -> Verdict {
        // pkg/envoy/lds/inmesh.go: the RBAC filter is added only when permissive mode is off,
        // so in permissive mode any peer with a mesh certificate gets through.
        if permissive {
            return Verdict(allowed: true, point: .serverSidecar, reason: .permissive, httpPort: !rawTCP)
        }
        // pkg/envoy/lds/rbac.go: ALLOW only the principals of the destination's TrafficTargets,
        // on their TCPRoutes' ports (none listed: any port); everything else is denied.
        guard let rule = smiRules[Self.ruleKey(destination, source)] else {
            return Verdict(allowed: false, point: .serverSidecar, reason: .smiNoTrafficTarget)
        }
        guard rule.allows(targetPort) else {
            return Verdict(allowed: false, point: .serverSidecar, reason: .smiPortNotAllowed(rule: rule.targets[0]))
        }
        let allowing = rule.target(allowing: targetPort, in: activeTargets) ?? rule.targets[0]
        return Verdict(allowed: true, point: .serverSidecar, reason: .smiAllowed(rule: allowing), httpPort: !rawTCP)
    }
}
