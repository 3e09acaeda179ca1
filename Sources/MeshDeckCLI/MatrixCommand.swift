import ArgumentParser
import Foundation
import MeshModel
import PolicyEngine
import Presentation

struct Matrix: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The reachability matrix: every source workload against every service port.",
        usage: "meshdeck matrix [-o json|yaml] [--no-headers] [options]",
        discussion: """
            '.' allowed, 'X' denied; sources are rows. With -o json (or --json), a list of {from, to, port, verdict, reason}; -o yaml, the same as YAML.

            Examples:
              meshdeck matrix
              meshdeck matrix --permissive off --bundle smi-policy -o yaml
            """)

    @OptionGroup var output: OutputOptions<JSONOrYAML>

    @Flag(help: "Print the table without its header row and legend.")
    var noHeaders = false

    @OptionGroup var common: CommonOptions

    func validate() throws { try output.check(command: "matrix") }

    func run() throws {
        let console = Console.current
        let loaded = try ClusterLoader.load(common)
        let index = PolicyIndex(loaded.cluster)
        let m = index.matrix()
        if let format = output.format {
            console.out(StructuredOutput.render(Self.cells(m, index: index), as: format, compactJSON: true))
            return
        }
        guard !m.sources.isEmpty, !m.destinations.isEmpty else {
            console.err("nothing to show: \(m.sources.isEmpty ? "no running workloads" : "no service ports")")
            return
        }
        var table = Table(headers: ["FROM \\ TO"] + m.destinations.map { $0.label.terminalSafe })
        for (r, source) in m.sources.enumerated() {
            table.rows.append(
                [source.description.terminalSafe]
                    + m.destinations.indices.map {
                        m.verdict(row: r, column: $0).allowed ? "." : "X"
                    })
        }
        if noHeaders {
            console.out(TableText.withoutHeaders(table))
            return
        }
        console.out(table.render())
        console.out(
            "\n. allowed   X denied   (mode: \(loaded.cluster.isPermissive ? "permissive" : "SMI"), egress: \(loaded.cluster.isEgressEnabled ? "on" : "off")); "
                + "'meshdeck explain --from ROW --to COLUMN' says why)")
    }

    /// The JSON contract of `matrix --json`: one cell per source and service port.
    static func cells(_ m: ReachabilityMatrix, index: PolicyIndex) -> [Cell] {
        var cells: [Cell] = []
        cells.reserveCapacity(m.verdicts.count)
        for (r, source) in m.sources.enumerated() {
            for (c, destination) in m.destinations.enumerated() {
                let v = m.verdict(row: r, column: c)
                cells.append(
                    Cell(
                        from: source.description,
                        to: "\(destination.service.name).\(destination.service.namespace)",
                        port: destination.port, verdict: v.allowed ? "allowed" : "denied",
                        reason: index.summary(v)))
            }
        }
        return cells
    }

    struct Cell: Encodable {
        var from: String
        var to: String
        var port: Int
        var verdict: String
        var reason: String
    }
}
