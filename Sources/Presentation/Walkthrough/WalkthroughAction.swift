import DataPlaneInterface
import Foundation
import MeshModel

/// A probe a walkthrough step asks the data plane for: `echo MESSAGE | nc HOST PORT` in the
/// first pod of `from`.
package struct ProbeRequest: Sendable, Equatable {
    package var from: String
    package var to: String
    package var message: String
    init(from: String, to: String, message: String) {
        self.from = from
        self.to = to
        self.message = message
    }
}

/// What MeshDeck performs for a step: the machine-readable side of the command a person types.
/// In a walkthrough file it is `action: {type: TYPE, ...}`:
///
/// | type | fields | the command it stands for |
/// |---|---|---|
/// | `create-namespace` | `namespace` | `kubectl create namespace NS` |
/// | `add-to-mesh` | `namespace` | `osm namespace add NS` |
/// | `apply` | `manifest` (`tcp-echo`, `curl`, `smi-policy`), `namespace` (optional `-n`) | `kubectl apply -f …` |
/// | `get` | `resources` (`svc,po`), `namespace` | `kubectl get RESOURCES -n NS` |
/// | `set-permissive` | `enabled` (true/false) | `kubectl patch meshconfig osm-mesh-config …` |
/// | `probe` | `from` (NS/DEPLOYMENT), `to` (HOST:PORT), `message` | `kubectl exec … -- sh -c 'echo MESSAGE \| nc HOST PORT'` |
package enum WalkthroughAction: Sendable, Equatable {
    case createNamespace(String)
    case addToMesh(String)
    case apply(manifest: String, namespace: String?)
    case get(resources: String, namespace: String)
    case setPermissive(Bool)
    case probe(ProbeRequest)

    /// What performing the cluster side of an action gives: the command's output, or a probe
    /// the data plane must send (the output is then the probe's, see `probeOutput`).
    /// The namespace the step is about (the dashboard shows its workloads): the one created,
    /// added, applied to or listed, or a probe's destination.
    package var namespace: String? {
        switch self {
        case .createNamespace(let ns), .addToMesh(let ns): return ns
        case .apply(_, let ns): return ns
        case .get(_, let ns): return ns
        case .setPermissive: return nil
        case .probe(let p):
            let host = p.to.split(separator: ":").first.map(String.init) ?? p.to
            let parts = host.split(separator: ".")
            return parts.count > 1 ? String(parts[1]) : nil
        }
    }

    package enum Result: Sendable, Equatable {
        case output([String])
        case probe(ProbeRequest)
    }

    /// A manifest an `apply` step names: the file the command mentions and the YAML MeshDeck
    /// applies for it. These are the embedded walkthrough manifests, never a download.
    package struct Manifest: Sendable {
        /// What the command line mentions for it: the URL's file name, or `-` for a heredoc.
        var file: String
        var yaml: String
        /// Typed after the command (`kubectl apply -f - <<EOF`) rather than fetched.
        var isHeredoc: Bool
    }

    static let manifests: [String: Manifest] = [
        "tcp-echo": Manifest(file: "tcp-echo.yaml", yaml: WalkthroughManifests.tcpEcho, isHeredoc: false),
        "curl": Manifest(file: "curl.yaml", yaml: WalkthroughManifests.curl, isHeredoc: false),
        "smi-policy": Manifest(file: "-", yaml: WalkthroughManifests.smiPolicy, isHeredoc: true),
    ]

    /// Words the typed command must contain for this action, so that a walkthrough file cannot
    /// show one command and perform another (the loader checks it).
    var commandMustMention: [String] {
        switch self {
        case .createNamespace(let ns): return ["kubectl create namespace \(ns)"]
        case .addToMesh(let ns): return ["osm namespace add \(ns)"]
        case .apply(let manifest, let ns):
            let file = Self.manifests[manifest]?.file ?? manifest
            return ["kubectl apply -f", file] + (ns.map { ["-n \($0)"] } ?? [])
        case .get(let resources, let ns): return ["kubectl get \(resources)", "-n \(ns)"]
        case .setPermissive(let on):
            return [
                "kubectl patch meshconfig \(MeshConfig.name) -n \(MeshConfig.namespace)",
                "\"enablePermissiveTrafficPolicyMode\":\(on)",
            ]
        case .probe(let p):
            let namespace = p.from.split(separator: "/").first.map(String.init) ?? p.from
            let hostPort = p.to.split(separator: ":", maxSplits: 1).joined(separator: " ")
            return ["kubectl exec -n \(namespace)", "echo \(p.message) | nc \(hostPort)"]
        }
    }

    /// Performs the cluster side on `cluster` and returns what the real command prints, or the
    /// probe to send. A refused command leaves the cluster as it was and prints what kubectl or
    /// osm would, so a step that goes wrong shows why instead of stopping the walkthrough. The
    /// words are `ClusterCommand`'s, the same the dashboard logs for the same change.
    func perform(on cluster: inout Cluster, now: Date = Date()) -> Result {
        switch self {
        case .createNamespace(let ns): return .output(ClusterCommand.createNamespace(ns).perform(on: &cluster, now: now).output)
        case .addToMesh(let ns): return .output(ClusterCommand.addToMesh(ns).perform(on: &cluster, now: now).output)
        case .apply(let name, let ns):
            guard let manifest = Self.manifests[name] else { return .output(["error: no manifest named '\(name)'"]) }
            let decoded = ManifestDecoder(defaultNamespace: ns).decode(
                manifest.yaml, file: manifest.isHeredoc ? "STDIN" : manifest.file)
            let command = ClusterCommand.apply(source: manifest.isHeredoc ? "- <<EOF" : manifest.file, decoded)
            return .output(command.perform(on: &cluster, now: now).output)
        case .get(let resources, let ns):
            return .output(ClusterCommand.get(resources: resources, namespace: ns).perform(on: &cluster, now: now).output)
        case .setPermissive(let on):
            return .output(ClusterCommand.patchMeshConfig(.permissive, on).perform(on: &cluster, now: now).output)
        case .probe(let request):
            return .probe(request)
        }
    }

    /// What `kubectl exec … -- sh -c 'echo … | nc …'` prints for a probe: the reply when it went
    /// through, else what nc and kubectl print on failure. Raw: escape before showing.
    static func probeOutput(_ result: ProbeResult) -> [String] {
        if result.outcome == .allowed { return ClusterCommand.lines(result.reply) }
        return [result.clientError ?? "command terminated with exit code 1"]
    }
}
