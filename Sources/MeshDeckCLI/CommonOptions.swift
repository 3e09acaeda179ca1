import ArgumentParser
import MeshModel

/// `on` or `off`, as the switches take them.
public enum Switch: String, ExpressibleByArgument, Sendable {
    case on, off
    var isOn: Bool { self == .on }
}

/// How the cluster is built: the embedded walkthrough (or nothing), then manifests, then bundles,
/// then the switches. Shared by every command.
public struct CommonOptions: ParsableArguments {
    @Option(
        name: [.customShort("f"), .customLong("filename")],
        help: ArgumentHelp(
            "A manifest file, a directory of *.yaml|*.yml|*.json, or - for stdin. Repeatable; applied in order.",
            valueName: "FILE|DIR|-"))
    public var files: [String] = []

    @Flag(help: "Start from an empty cluster instead of the embedded walkthrough scenario.")
    public var empty = false

    @Option(
        name: [.customShort("n"), .customLong("namespace")],
        help: "Namespace for documents that name none (default: default); for get, the namespace to list.")
    public var namespace: String?

    @Option(help: ArgumentHelp("Apply a bundle shipped with MeshDeck (see 'meshdeck bundle'). Repeatable.", valueName: "NAME"))
    public var bundle: [String] = []

    @Option(help: ArgumentHelp("Override the MeshConfig's enablePermissiveTrafficPolicyMode.", valueName: "on|off"))
    public var permissive: Switch?

    @Option(help: ArgumentHelp("Override the MeshConfig's enableEgress.", valueName: "on|off"))
    public var egress: Switch?

    public init() {}

    public func validate() throws {
        for name in bundle where Scenario.bundle(named: name) == nil {
            throw ValidationError(
                "unknown bundle '\(name.terminalSafe)'; bundles: \(Scenario.bundles.map(\.name).joined(separator: ", "))")
        }
    }
}
