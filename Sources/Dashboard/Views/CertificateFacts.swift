import Foundation
import MeshCertificates
import MeshModel
import PolicyEngine

/// The part of an explanation only the mesh's CA knows: after each mTLS fact, how long the
/// certificates of its two identities stay valid. The policy index cannot say it (it holds no
/// certificates), so the dashboard and `explain`, which hold a CA, add it.
package enum CertificateFacts {
    /// `explanation` with a `certificateValidity` fact after its `mutualTLS` fact, for the
    /// client and the server, as `presented(by:)` finds their certificates.
    package static func adding(
        to explanation: Explanation, from ca: MeshCertificateAuthority?, cluster: Cluster, now: Date = Date()
    )
        -> Explanation
    {
        guard let at = explanation.factCodes.firstIndex(where: { $0.kind == .mutualTLS }),
            case .mutualTLS(let client, let server) = explanation.factCodes[at]
        else { return explanation }
        var facts: [ExplanationFact] = []
        for account in client == server ? [client] : [client, server] {
            guard let held = presented(by: account, ca: ca, cluster: cluster) else { continue }
            let left = Int(held.notValidAfter.timeIntervalSince(now).rounded(.down))
            facts.append(.certificateValidity(identity: account, secondsLeft: left))
        }
        var out = explanation
        out.factCodes.insert(contentsOf: facts, at: at + 1)
        return out
    }

    /// The certificate `serviceAccount`'s sidecars present now: the one the CA holds, as it is
    /// (an expired one stays expired: a view renews nothing, else the sidecars would present
    /// another certificate than the one shown), else the one it issues, with the MeshConfig's
    /// validity, as the first connection would get it.
    static func presented(
        by serviceAccount: ObjectKey, ca: MeshCertificateAuthority?, cluster: Cluster
    )
        -> ServiceCertificate?
    {
        guard let ca else { return nil }
        let identity = ServiceIdentity(serviceAccount: serviceAccount.name, namespace: serviceAccount.namespace)
        if let held = ca.held(by: identity) { return held }
        ca.validity = CertificateValidity(serviceCertValidityDuration: cluster.meshConfig?.serviceCertValidityDuration)
        return try? ca.certificate(for: identity)
    }
}

extension AppState {
    /// What `meshdeck explain` says of this connection, with its certificates' validity.
    func explain(from source: Int, host: String, port: Int) -> Explanation {
        CertificateFacts.adding(to: policy.explain(from: source, host: host, port: port), from: certificates, cluster: cluster)
    }
}
