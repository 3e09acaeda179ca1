import Foundation
import Testing

@testable import MeshCertificates

/// pkg/certificate/manager.go (shouldRotate) and pkg/certificate/certificate.go: a certificate
/// is handed out again until 30 s (plus 0–4 s of noise) before it expires, then issued anew.
@Suite struct RenewalTests {
    final class Clock: @unchecked Sendable {
        let lock = NSLock()
        var value: Date
        init(_ value: Date) { self.value = value }
        var now: Date { lock.withLock { value } }
        func advance(_ seconds: Double) { lock.withLock { value = value.addingTimeInterval(seconds) } }
    }

    let identity = ServiceIdentity(serviceAccount: "tcp-echo", namespace: "tcp-demo")

    @Test func theSameCertificateUntilThirtySecondsAndNoiseBeforeItExpires() throws {
        let clock = Clock(Date(timeIntervalSince1970: 1_800_000_000))
        let ca = try MeshCertificateAuthority(validity: CertificateValidity(seconds: 120), clock: { clock.now })
        let first = try ca.certificate(for: identity)
        clock.advance(120 - 35)  // 35 s left: more than 30 + the most noise (4)
        #expect(try ca.certificate(for: identity).serial == first.serial)
        clock.advance(6)  // 29 s left: due whatever the noise
        let renewed = try ca.certificate(for: identity)
        #expect(renewed.serial != first.serial)
        #expect(renewed.notValidAfter == clock.now.addingTimeInterval(120))
        #expect(ca.issuedCount == 2)
    }

    @Test func theNoiseMovesTheRenewalByWholeSeconds() throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let ca = try MeshCertificateAuthority(validity: CertificateValidity(seconds: 120), clock: { start })
        let issued = try ca.certificate(for: identity)
        let policy = RenewalPolicy()
        let root = ca.currentRoot
        let left32 = issued.notValidAfter.addingTimeInterval(-32)
        #expect(!policy.shouldRenew(issued, currentRoot: root, now: left32, noise: 0))
        #expect(!policy.shouldRenew(issued, currentRoot: root, now: left32, noise: 1))
        #expect(policy.shouldRenew(issued, currentRoot: root, now: left32, noise: 2))
        #expect(policy.shouldRenew(issued, currentRoot: root, now: left32, noise: 4))
    }

    @Test func aRotatedRootMakesEveryEarlierCertificateDue() throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let ca = try MeshCertificateAuthority(clock: { start })
        let issued = try ca.certificate(for: identity)
        let old = ca.currentRoot
        #expect(!RenewalPolicy().shouldRenew(issued, currentRoot: old, now: start, noise: 0))
        try ca.rotateRoot()
        #expect(RenewalPolicy().shouldRenew(issued, currentRoot: ca.currentRoot, now: start, noise: 0))
    }
}
