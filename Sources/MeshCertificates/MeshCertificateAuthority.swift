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
    let lock = NSLock()
    private var root: RootCertificate
    /// Subject key identifiers of the roots rotated away, so a certificate one of them signed is
    /// refused by name ("signed by a root that was rotated away") rather than as a stranger's.
    private(set) var retiredRootKeys: [[UInt8]] = []
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

    /// The root, read under `lock` by the peer check.
    var rootForChecks: RootCertificate { root }

    /// The authority's clock (for the peer check, under `lock`).
    func now() -> Date { clock() }

    /// A fault for training and tests: `identity`'s certificate is replaced by one that expired
    /// a second ago (issued by the current root, valid for the configured duration before
    /// that). Handed out until renewal replaces it: `certificate(for:)` renews it at once, so a
    /// proxy that holds it keeps presenting it until its next renewal check.
    @discardableResult
    package func expire(_ identity: ServiceIdentity) throws -> ServiceCertificate {
        try lock.withLock {
            let validity = validityValue.seconds
            let expired = try ServiceCertificate(
                identity: identity, root: root, trustDomain: trustDomain, validity: validity,
                now: clock().addingTimeInterval(-validity - 1))
            certificates[identity] = expired
            issuedTotal += 1
            return expired
        }
    }

    /// How many certificates this authority has signed, renewals included.
    package var issuedCount: Int { lock.withLock { issuedTotal } }

    /// A new root replaces the current one. Certificates signed by the old root no longer
    /// verify against the mesh's trust, so a peer still presenting one is refused until its
    /// proxy asks again and gets one from the new root.
    package func rotateRoot() throws {
        let fresh = try RootCertificate(now: clock())
        lock.withLock {
            if let key = try? root.certificate.extensions.subjectKeyIdentifier?.keyIdentifier {
                retiredRootKeys.append(Array(key))
            }
            root = fresh
        }
    }
}
