import ArgumentParser
import Foundation
import MeshModel

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the scenario as manifests that kubectl apply accepts on a real cluster.",
        usage: "meshdeck export [--output-dir DIR [--force]] [options]",
        discussion: """
            With --output-dir DIR, one file per kind, numbered so that 'kubectl apply -f DIR' (which reads a folder in name order) applies them in order: namespaces, ServiceAccounts, Services, Deployments, the MeshConfig, SMI routes, TrafficTargets; and a README.md with the commands (install the mesh, apply, probe). Without it, the same manifests as one multi-document YAML on stdout. (-o DIR still works, with a note: kubectl users type -o for a format, so export's -o yaml prints the YAML.)

            What the API server sets is left out (ClusterIPs, uids, status), and so is what the cluster or the mesh install owns (kube-system, 'default' ServiceAccounts, the kubernetes Service, the control plane in osm-system). A DIR holding files export did not write is refused unless --force.

            Examples:
              meshdeck export --output-dir tcp-demo   # then, with the mesh installed:
              kubectl apply -f tcp-demo
              meshdeck export --permissive off --bundle smi-policy \\
                  --output-dir smi-mode
              meshdeck -f state.yaml --empty export   # a dumped cluster, re-exported
            """)

    @Option(
        help: ArgumentHelp("The folder to write (created if missing). Without it, print the YAML.", valueName: "DIR"),
        completion: .directory)
    var outputDir: String?

    /// The folder's old spelling, before `-o` meant a format everywhere else.
    @Option(name: [.customShort("o"), .customLong("output")], help: .hidden)
    var legacyOutput: String?

    @Flag(help: "Write into DIR even when it holds files export did not write (those are left as they are).")
    var force = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if outputDir != nil, legacyOutput != nil {
            throw ValidationError("use --output-dir DIR alone (-o DIR is its old spelling)")
        }
        if let legacyOutput, let format = OutputFormat(rawValue: legacyOutput), format != .yaml {
            throw ValidationError(
                "export does not support -o \(format.rawValue): it prints YAML manifests (-o yaml, the default) or writes them with --output-dir DIR"
            )
        }
    }

    /// The folder to write, if any. `-o yaml` asks for the YAML, as kubectl users mean it; any
    /// other `-o` value is a folder, as it was before --output-dir.
    private func folder(console: Console) -> String? {
        if let outputDir { return outputDir }
        guard let legacyOutput, legacyOutput != OutputFormat.yaml.rawValue else { return nil }
        console.err("warning: -o DIR is deprecated for export; use --output-dir DIR")
        return legacyOutput
    }

    func run() throws {
        let console = Console.current
        let output = folder(console: console)
        let loaded = try ClusterLoader.load(common)
        let export = ManifestExport(loaded.cluster)
        for (reason, items) in Dictionary(grouping: export.leftOut, by: \.reason).sorted(by: { $0.key < $1.key }) {
            let names = items.map { "\($0.kind.rawValue) \($0.key)" }
            console.err("note: not exported (\(reason)): \(names.joined(separator: ", "))".terminalSafe)
        }
        guard !export.files.isEmpty else {
            console.err("error: nothing to export: the cluster holds only what every cluster has")
            throw ExitCode(2)
        }
        guard let output else {
            console.out(export.combined.hasSuffix("\n") ? String(export.combined.dropLast()) : export.combined)
            return
        }
        let folder = ExportFolder(path: output, console: console)
        let files =
            export.files.map { ($0.name, $0.text) } + [(ExportReadme.name, ExportReadme.render(export, cluster: loaded.cluster))]
        try folder.write(files, force: force)
        for file in export.files {
            let what = file.resources.map { "\($0.kind.rawValue.lowercased())/\($0.meta.name)" }.joined(separator: ", ")
            console.out("wrote \(folder.file(file.name)) (\(what))".terminalSafe)
        }
        console.out("wrote \(folder.file(ExportReadme.name)) (the steps)".terminalSafe)
        console.out("next: install the mesh, then: kubectl apply -f \(output)".terminalSafe)
    }
}
