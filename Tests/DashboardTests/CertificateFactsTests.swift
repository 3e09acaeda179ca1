import Foundation
import MeshCertificates
import MeshDeckTestSupport
import MeshModel
import PolicyEngine
import Synchronization
import Testing

@testable import Dashboard

/// The validity an explanation shows is the certificate's as held now: an expired one says so
/// (looking renews nothing), and one never issued is issued as its sidecar would be.
@Suite struct CertificateFactsTests {
    @Test func anExpiredCertificateIsShownExpired() throws {
        let issued = Date(timeIntervalSince1970: 1_800_000_000)
        let now = Mutex(issued)
        let ca = try MeshCertificateAuthority(clock: { now.withLock { $0 } })
        var cluster = Scenario.walkthrough()
        var config = try #require(cluster.meshConfig)
        config.serviceCertValidityDuration = "1m"
        _ = try cluster.apply([.meshConfig(config)])
        let index = PolicyIndex(cluster)
        let explanation = index.explain(from: try index.workload(named: "curl/curl"), host: "tcp-echo.tcp-demo", port: 9000)
        let later = CertificateFacts.adding(to: explanation, from: ca, cluster: cluster, now: issued + 45)
        // Time passes for the CA too: asking it for a certificate now would issue a new one.
        now.withLock { $0 = issued + 61 }
        #expect(
            later.facts.contains("the certificate of curl.curl.cluster.local is valid for 15s more (renewed before it expires)"))
        let expired = CertificateFacts.adding(to: explanation, from: ca, cluster: cluster, now: issued + 61)
        let text = expired.facts.joined(separator: "\n")
        #expect(text.contains("the certificate of curl.curl.cluster.local has expired"), "\(text)")
        #expect(text.contains("the certificate of tcp-echo.tcp-demo.cluster.local has expired"), "\(text)")
        // Looking did not renew it.
        #expect(ca.issuedCount == 2)
    }
}
