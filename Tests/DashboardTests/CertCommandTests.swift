import DataPlaneInterface
import Foundation
import MeshModel
import Testing

@testable import Dashboard

/// `:cert expire NS/WORKLOAD` and `:cert rotate-root`: the mesh CA's faults, for a trainer to
/// show what a dead certificate does and what a new root heals.
@Suite struct CertCommandTests {
    @Test func anExpiredCertificateFailsTheNextProbeAndTheLogSaysWhy() async throws {
        var d = try ScreenDriver(width: 200, height: 60)
        try await d.keys(":cert expire curl/curl")
        try await d.keys("E")
        #expect(d.plane.calls.contains(.expireCertificate(workload: "curl/curl")))
        let expired = "certificate of curl.curl.cluster.local expired: its sidecars' next connections fail the TLS handshake"
        #expect(PopupReading.squeezed(d.text).contains(PopupReading.squeezed(expired)), "\(d.text)")
        try await d.keys("E")
        #expect(d.text.contains("certificate has expired"), "\(d.text)")
        // A new root issues every certificate again: the probe goes through.
        try await d.keys(":cert rotate-root")
        try await d.keys("E")
        #expect(
            d.state.message?.hasPrefix("mesh root rotated: certificates of the old root are refused; 0 tunnels closed") == true)
        try await d.keys("E")
        #expect(d.state.allowed == 1, "\(d.text)")
    }

    @Test func mistakesAreNamed() async throws {
        var d = try ScreenDriver(width: 120, height: 40)
        try await d.keys(":cert expire nowhere/nothing")
        try await d.keys("E")
        #expect(
            d.state.message?.hasPrefix("cert: ") == true && d.state.message!.contains("nowhere/nothing"),
            "\(d.state.message ?? "")")
        #expect(d.plane.calls.allSatisfy { $0 != .rotateRoot })
        try await d.keys(":cert renew curl/curl")
        try await d.keys("E")
        #expect(d.state.message?.contains(":cert expire NS/WORKLOAD|rotate-root") == true, "\(d.state.message ?? "")")
        // Tab offers the two faults, then the workloads.
        try await d.keys(":cert T")
        #expect(d.state.completions.contains("expire") && d.state.completions.contains("rotate-root"), "\(d.state.completions)")
    }

    @Test func theWordsAreChineseInAChineseDashboard() async throws {
        var d = try ScreenDriver(width: 200, height: 60, language: .zh)
        try await d.keys(":cert expire curl/curl")
        try await d.keys("E")
        #expect(d.state.message == "curl.curl.cluster.local 的证书已过期：在 CA 续签之前，它的 sidecar 的新连接会在 TLS 握手时失败")
        try await d.keys(":cert rotate-root")
        try await d.keys("E")
        #expect(d.state.message?.hasPrefix("网格根证书已轮换") == true)
    }
}
