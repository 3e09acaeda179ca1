import ArgumentParser
import MeshModel

/// `on` or `off`, as the switches take them.
package enum Switch: String, CaseIterable, Sendable {
    case on, off
    var isOn: Bool { self == .on }
}

/// How the cluster is built: the embedded walkthrough (or nothing), then manifests, then bundles,
/// then the switches. Shared by every command.
package struct CommonOptions: ParsableArguments {
    @Option(
        name: [.customShort("f"), .customLong("filename")],
        help: ArgumentHelp(
            "A manifest file, a directory of *.yaml|*.yml|*.json, or - for stdin. Repeatable; applied in order.",
            valueName: "FILE|DIR|-"),
        completion: .file(extensions: ManifestLoader.extensions.sorted()))
    var files: [String] = []

    @Flag(help: "Start from an empty cluster instead of the embedded walkthrough scenario.")
    var empty = false

    @Option(
        name: [.customShort("n"), .customLong("namespace")],
        help: ArgumentHelp(
            "Namespace for documents that name none (default: default); for get, the namespace to list.", valueName: "NS"),
        completion: .custom(ClusterCompletions.namespaces))
    var namespace: String?

    @Option(
        help: ArgumentHelp("Apply a bundle shipped with MeshDeck (see 'meshdeck bundle'). Repeatable.", valueName: "NAME"),
        completion: .list(Scenario.bundles.map(\.name)))
    var bundle: [String] = []

    @Option(
        name: .customLong("permissive"),
        help: ArgumentHelp("Override the MeshConfig's enablePermissiveTrafficPolicyMode.", valueName: "on|off"),
        completion: .list(Switch.allCases.map(\.rawValue)))
    var permissiveText: String?

    @Option(
        name: .customLong("egress"), help: ArgumentHelp("Override the MeshConfig's enableEgress.", valueName: "on|off"),
        completion: .list(Switch.allCases.map(\.rawValue)))
    var egressText: String?

    package init() {}

    /// Checked by `validate()`.
    var permissive: Switch? { permissiveText.flatMap(Switch.init(rawValue:)) }
    var egress: Switch? { egressText.flatMap(Switch.init(rawValue:)) }

    package func validate() throws {
        if let permissiveText { _ = try OptionValue.choice(permissiveText, option: "--permissive", of: Switch.self) }
        if let egressText { _ = try OptionValue.choice(egressText, option: "--egress", of: Switch.self) }
        for name in bundle where Scenario.bundle(named: name) == nil {
            throw ValidationError(
                "--bundle: unknown bundle '\(name.terminalSafe)'; bundles: \(Scenario.bundles.map(\.name).joined(separator: ", "))"
            )
        }
    }
}
