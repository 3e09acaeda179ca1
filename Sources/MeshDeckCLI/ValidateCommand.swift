import ArgumentParser
import MeshModel
import PolicyEngine

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check manifests without applying them; print what kubectl apply would do, or every error.",
        discussion: """
            The manifests are checked against the walkthrough scenario (or an empty cluster with --empty), so references to existing namespaces count. Exit 0 when valid, 2 otherwise.

            Example:
              meshdeck validate -f policy.yaml
            """)

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if common.files.isEmpty, common.bundle.isEmpty {
            throw ValidationError("nothing to validate: pass -f FILE|DIR|- or --bundle NAME")
        }
    }

    func run() throws {
        let console = Console.current
        let loaded = try ClusterLoader.load(common)
        for result in loaded.results { console.out(result.description.terminalSafe) }
        // Valid manifests the mesh would still ignore: the classic "my policy does nothing".
        let keys = Set(loaded.results.filter { $0.kind == .trafficTarget }.map(\.key))
        for (target, ignored) in PolicyIndex(loaded.cluster).targetStatus where keys.contains(target.meta.key) {
            if let ignored {
                let at = target.source.map { "\($0): " } ?? ""
                console.err(
                    "\(at)warning: TrafficTarget \(target.meta.key) is valid but the mesh will ignore it: \(ignored)".terminalSafe
                )
            }
        }
    }
}
