import MeshModel

extension PolicyIndex {
    /// A short reason for one verdict, cheap enough for every cell of a large matrix.
    package func summary(_ verdict: Verdict) -> String {
        switch verdict.reason {
        case .unknownSource: return "source workload no longer exists"
        case .unknownHost: return "name does not resolve"
        case .noSuchPort: return "service has no such port"
        case .notTCP: return "port is not TCP"
        case .noEndpoints: return "no endpoints"
        case .plaintextToMeshed: return "source has no sidecar; destination accepts only mTLS"
        case .egressDisabled: return "destination outside the mesh, egress disabled"
        case .egressAllowed: return "destination outside the mesh, egress enabled"
        case .egressPolicy, .sidecarBypassed, .bypassedToMeshed, .inboundBypassedMTLS, .nothingListens, .unsupportedProtocol:
            return fidelitySummary(verdict)
        case .noMesh: return "no sidecars: plain Kubernetes"
        case .permissive: return verdict.httpPort ? "permissive mode (HTTP port: raw TCP gets 400)" : "permissive mode"
        case .smiAllowed(let r):
            return "TrafficTarget \(activeTargets[Int(r)].key)" + (verdict.httpPort ? " (HTTP port: raw TCP gets 400)" : "")
        case .smiNoTrafficTarget: return "no TrafficTarget allows it"
        case .smiPortNotAllowed(let r): return "TrafficTarget \(activeTargets[Int(r)].key) does not allow this port"
        }
    }
}
