import Foundation
import MeshCertificates
import MeshModel
import PolicyEngine

/// The part of an explanation only the mesh's CA knows: after each mTLS fact, how long the
/// certificates of its two identities stay valid. The policy index cannot say it (it holds no
/// certificates), so the dashboard and `explain`, which hold a CA, add it.
package enum CertificateFacts {
    /// `explanation` with a `certificateValidity` fact after its `mutualTLS` fact, for the
    /// client and the server, read from `ca` as the identities hold them now (an expired one
    /// shows expired: nothing is renewed by looking). An identity with no certificate yet gets
    /// one, as its sidecar would on its first connection.
    package static func adding(
        to explanation: Explanation, from ca: MeshCertificateAuthority?, cluster: Cluster, now: Date = Date()
    )
        -> Explanation
    {
        guard let ca, let at = explanation.factCodes.firstIndex(where: { $0.kind == .mutualTLS }),
            case .mutualTLS(let client, let server) = explanation.factCodes[at]
        else { return explanation }
        ca.validity = CertificateValidity(serviceCertValidityDuration: cluster.meshConfig?.serviceCertValidityDuration)
        var facts: [ExplanationFact] = []
        for account in client == server ? [client] : [client, server] {
            let identity = ServiceIdentity(serviceAccount: account.name, namespace: account.namespace)
            guard let held = ca.held(by: identity) ?? (try? ca.certificate(for: identity)) else { continue }
            let left = Int(held.notValidAfter.timeIntervalSince(now).rounded(.down))
            facts.append(.certificateValidity(identity: account, secondsLeft: left))
        }
        var out = explanation
        out.factCodes.insert(contentsOf: facts, at: at + 1)
        return out
    }
}

extension AppState {
    /// What `meshdeck explain` says of this connection, with its certificates' validity.
    func explain(from source: Int, host: String, port: Int) -> Explanation {
        CertificateFacts.adding(to: policy.explain(from: source, host: host, port: port), from: certificates, cluster: cluster)
    }
}
