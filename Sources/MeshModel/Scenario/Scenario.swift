import Foundation

/// A named set of manifests shipped in the binary, applied with `--bundle NAME`.
package struct ManifestBundle: Sendable {
    package var name: String
    package var summary: String
    package var yaml: String
    /// The `-n` it is applied with (documents without a namespace land there).
    package var namespace: String?
}

/// The embedded walkthrough scenario: the cluster as the OSM guide has it just before the
/// first probe, and the bundles a user applies during the walkthrough.
package enum Scenario {
    package static let bundles: [ManifestBundle] = [
        ManifestBundle(
            name: "smi-policy",
            summary: "TCPRoute tcp-echo-route (port 9000) + TrafficTarget tcp-access (curl/curl -> tcp-demo/tcp-echo)",
            yaml: WalkthroughManifests.smiPolicy, namespace: nil)
    ]

    package static func bundle(named name: String) -> ManifestBundle? {
        bundles.first { $0.name == name }
    }

    /// The walkthrough's pieces in apply order, with the `-n` each is applied with.
    static let pieces: [(file: String, namespace: String?, yaml: String)] = [
        ("scenario/namespaces.yaml", nil, WalkthroughManifests.namespaces),
        ("scenario/mesh-config.yaml", nil, WalkthroughManifests.meshConfig),
        ("scenario/tcp-echo.yaml", "tcp-demo", WalkthroughManifests.tcpEcho),
        ("scenario/curl.yaml", "curl", WalkthroughManifests.curl),
    ]

    /// The walkthrough cluster: namespaces osm-system, tcp-demo and curl (both app namespaces
    /// in the mesh), tcp-echo and curl deployed, permissive mode and egress on.
    package static func walkthrough(now: Date = Date()) -> Cluster {
        var cluster = Cluster.empty(now: now)
        for piece in pieces {
            let decoded = ManifestDecoder(defaultNamespace: piece.namespace).decode(piece.yaml, file: piece.file)
            precondition(decoded.errors.isEmpty, "embedded scenario is broken: \(decoded.errors)")
            do {
                try cluster.apply(decoded.resources, now: now)
            } catch {
                preconditionFailure("embedded scenario does not apply: \(error)")
            }
        }
        return cluster
    }
}
