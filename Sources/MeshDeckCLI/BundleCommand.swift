import ArgumentParser
import MeshModel
import Presentation

struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "List the manifest bundles shipped with MeshDeck, or print one as YAML.",
        usage: "meshdeck bundle [NAME]",
        discussion: """
            Examples:
              meshdeck bundle
              meshdeck bundle smi-policy | kubectl apply -f -
              meshdeck explain --from curl/curl --to tcp-echo.tcp-demo:9000 \\
                  --permissive off --bundle smi-policy
            """)

    @Argument(help: "The bundle to print.", completion: .list(Scenario.bundles.map(\.name)))
    var name: String?

    func run() throws {
        let console = Console.current
        guard let name else {
            let table = Table(headers: ["NAME", "CONTENTS"], rows: Scenario.bundles.map { [$0.name, $0.summary] })
            console.out(table.render())
            return
        }
        guard let bundle = Scenario.bundle(named: name) else {
            throw ValidationError(
                "unknown bundle '\(name.terminalSafe)'; bundles: \(Scenario.bundles.map(\.name).joined(separator: ", "))")
        }
        console.out(bundle.yaml)
    }
}
