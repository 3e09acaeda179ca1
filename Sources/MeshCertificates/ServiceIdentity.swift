/// A workload's identity in the mesh: its ServiceAccount, which is what a service certificate
/// names and what the server side's policy decides on.
///
/// OSM v1.2.4 writes it `<serviceaccount>.<namespace>` (pkg/identity/types.go, ServiceIdentity)
/// and issues the certificate for that prefix plus the trust domain (pkg/certificate/options.go,
/// formatCN; pkg/envoy/sds/response.go asks for `serviceIdentity.String()`), so the common name
/// and the one DNS SAN are `<serviceaccount>.<namespace>.cluster.local`.
package struct ServiceIdentity: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var serviceAccount: String
    package var namespace: String

    /// MeshRootCertificate's `spec.trustDomain` default, the one OSM v1.2 installs.
    package static let defaultTrustDomain = "cluster.local"

    package init(serviceAccount: String, namespace: String) {
        self.serviceAccount = serviceAccount
        self.namespace = namespace
    }

    /// `curl.curl.cluster.local`.
    package func commonName(trustDomain: String = defaultTrustDomain) -> String {
        "\(serviceAccount).\(namespace).\(trustDomain)"
    }

    /// The identity a certificate's common name claims, if it has the mesh's shape. A namespace
    /// is a DNS label (no dots) but a ServiceAccount name may hold dots, so the namespace is the
    /// last label before the trust domain. (OSM splits on every dot and takes the first two
    /// pieces, ToK8sServiceAccount in pkg/identity/types.go, which misreads dotted names.)
    package init?(commonName: String, trustDomain: String = defaultTrustDomain) {
        let suffix = "." + trustDomain
        guard commonName.hasSuffix(suffix) else { return nil }
        let prefix = commonName.dropLast(suffix.count)
        guard let dot = prefix.lastIndex(of: ".") else { return nil }
        let account = prefix[..<dot], namespace = prefix[prefix.index(after: dot)...]
        guard !account.isEmpty, !namespace.isEmpty else { return nil }
        self.init(serviceAccount: String(account), namespace: String(namespace))
    }

    /// `namespace/serviceaccount`, as the rest of MeshDeck names a ServiceAccount.
    package var description: String { "\(namespace)/\(serviceAccount)" }

    package static func < (a: Self, b: Self) -> Bool {
        (a.namespace, a.serviceAccount) < (b.namespace, b.serviceAccount)
    }
}
