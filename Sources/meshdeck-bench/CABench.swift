import Foundation
import MeshCertificates

/// `meshdeck-bench ca [N]`: how fast the mesh's CA issues service certificates (a P-256 key
/// and an ECDSA signature each, swift-crypto), N distinct identities, and how fast it hands one
/// back that it already holds (what a sidecar's handshake asks for).
enum CABench {
    static func run(_ arguments: [String]) throws {
        let count = arguments.first.flatMap(Int.init) ?? 2_000
        let ca = try MeshCertificateAuthority()
        let identities = (0..<count).map { ServiceIdentity(serviceAccount: "app-\($0 % 10)", namespace: "ns-\($0 / 10)") }
        let issue = seconds(try clock.measure { for identity in identities { _ = try ca.certificate(for: identity) } })
        let held = seconds(try clock.measure { for identity in identities { _ = try ca.certificate(for: identity) } })
        print(
            String(
                format:
                    "meshdeck-bench ca: %d certificates issued in %.0f ms, %.0f/s (%.0f µs each); held ones handed back %.0f/s",
                count, issue * 1e3, Double(count) / issue, issue / Double(count) * 1e6, Double(count) / held))
    }
}
