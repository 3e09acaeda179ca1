import Foundation

/// The mesh's certificate authority for one run, as OSM's certificate manager with its default
/// provider, Tresor (pkg/certificate/manager.go): one root, and for each ServiceAccount whose
/// proxies ask, a service certificate kept and handed out again until it is due for renewal
/// (RenewalPolicy), then issued anew. Rotating the root makes every earlier certificate stale:
/// peers that trust only the new root refuse them, and each is issued again when next asked for.
///
/// Thread-safe: sidecars on every event loop ask for certificates.
package final class MeshCertificateAuthority: @unchecked Sendable {
    package let trustDomain: String
    private let renewal = RenewalPolicy()
    private let clock: @Sendable () -> Date
    private let lock = NSLock()
    private var root: RootCertificate
    private var validityValue: CertificateValidity
    private var certificates: [ServiceIdentity: ServiceCertificate] = [:]
    private var issuedTotal = 0

    /// - Parameters:
    ///   - validity: from MeshConfig `spec.certificate.serviceCertValidityDuration`.
    ///   - clock: the time certificates are issued and renewed at (a parameter for tests).
    package init(
        trustDomain: String = ServiceIdentity.defaultTrustDomain,
        validity: CertificateValidity = CertificateValidity(seconds: CertificateValidity.defaultSeconds),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.trustDomain = trustDomain
        self.clock = clock
        self.validityValue = validity
        self.root = try RootCertificate(now: clock())
    }

    /// The root every proxy trusts now.
    package var currentRoot: RootCertificate { lock.withLock { root } }

    /// How long new service certificates are valid; a MeshConfig change applies to those issued
    /// after it, as in OSM.
    package var validity: CertificateValidity {
        get { lock.withLock { validityValue } }
        set { lock.withLock { validityValue = newValue } }
    }

    /// `identity`'s certificate: the one issued before unless it is due for renewal (30 s, plus
    /// noise, before it expires) or was signed by an earlier root.
    package func certificate(for identity: ServiceIdentity) throws -> ServiceCertificate {
        try lock.withLock {
            let now = clock()
            if let held = certificates[identity],
                !renewal.shouldRenew(held, currentRoot: root, now: now, noise: Int.random(in: 0..<renewal.noiseSeconds))
            {
                return held
            }
            let fresh = try ServiceCertificate(
                identity: identity, root: root, trustDomain: trustDomain, validity: validityValue.seconds, now: now)
            certificates[identity] = fresh
            issuedTotal += 1
            return fresh
        }
    }

    /// The certificate `identity` holds now, as it is (expired, or signed by an old root),
    /// without renewing or issuing one: what a view shows, where `certificate(for:)` is what
    /// a proxy asks.
    package func held(by identity: ServiceIdentity) -> ServiceCertificate? {
        lock.withLock { certificates[identity] }
    }

    /// The certificates handed out so far (the latest for each identity), by identity.
    package var issued: [ServiceCertificate] {
        lock.withLock { certificates.values.sorted { $0.identity < $1.identity } }
    }

    /// How many certificates this authority has signed, renewals included.
    package var issuedCount: Int { lock.withLock { issuedTotal } }

    /// A new root replaces the current one. Certificates signed by the old root no longer
    /// verify against the mesh's trust, so a peer still presenting one is refused until its
    /// proxy asks again and gets one from the new root.
    package func rotateRoot() throws {
        let fresh = try RootCertificate(now: clock())
        lock.withLock { root = fresh }
    }
}
