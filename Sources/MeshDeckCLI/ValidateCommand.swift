import ArgumentParser
import MeshModel
import PolicyEngine

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check manifests without applying them; print what kubectl apply would do, or every error.",
        usage: "meshdeck validate -f FILE|DIR|- [-o json|yaml|name] [options]",
        discussion: """
            The manifests are checked against the walkthrough scenario (or an empty cluster with --empty), so references to existing namespaces count. Exit 0 when valid, 2 otherwise.

            -o name prints what 'kubectl apply -o name' would; -o json one object {valid, resources, warnings, errors}, with the errors in it rather than on stderr (-o yaml: the same as YAML).

            Examples:
              meshdeck validate -f policy.yaml
              meshdeck bundle smi-policy | meshdeck validate -f - -o json
            """)

    @OptionGroup var output: OutputOptions<JSONYAMLOrName>

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if common.files.isEmpty, common.bundle.isEmpty {
            throw ValidationError("nothing to validate: pass -f FILE|DIR|- or --bundle NAME")
        }
        try output.check(command: "validate")
    }

    func run() throws {
        let console = Console.current
        if let format = output.format, format != .name {
            let report = ValidationReport(ClusterLoader.attempt(common, console: console))
            console.out(StructuredOutput.render(report, as: format))
            if !report.valid { throw ExitCode(2) }
            return
        }
        let loaded = try ClusterLoader.load(common)
        for result in loaded.results {
            console.out(
                (output.format == .name ? "\(result.kind.kubectlName)/\(result.key.name)" : result.description).terminalSafe)
        }
        for warning in Self.ignoredTargets(loaded) { console.err(warning.description) }
    }

    /// Valid manifests the mesh would still ignore: the classic "my policy does nothing".
    static func ignoredTargets(_ loaded: ClusterLoader.Loaded) -> [Diagnostic] {
        let keys = Set(loaded.results.filter { $0.kind == .trafficTarget }.map(\.key))
        return PolicyIndex(loaded.cluster).targetStatus.compactMap { target, ignored in
            guard keys.contains(target.meta.key), let ignored else { return nil }
            return Diagnostic(
                .warning, at: target.source,
                "TrafficTarget \(target.meta.key) is valid but the mesh will ignore it: \(ignored)")
        }
    }
}
