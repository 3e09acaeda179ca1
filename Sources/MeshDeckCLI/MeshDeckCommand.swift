import ArgumentParser
import Foundation

/// The `meshdeck` command line.
package struct MeshDeckCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "meshdeck",
        abstract: "Open Service Mesh's TCP traffic routing walkthrough, reproduced on one machine.",
        discussion: """
            Every command starts from the embedded walkthrough scenario (namespaces osm-system, tcp-demo and curl; the tcp-echo service on port 9000; the curl client; permissive mode on), then applies -f manifests and --bundle bundles in order, all or nothing. With no command, the dashboard opens ('meshdeck get' prints an overview).

            The common options (-f, --empty, -n, --bundle, --permissive, --egress) may also come before the command, as in kubectl:
              meshdeck -f state.yaml --empty explain \\
                  --from curl/curl --to tcp-echo.tcp-demo:9000

            The commands that print resources or verdicts take -o json or -o yaml (get also -o wide and -o name, validate -o name); 'meshdeck completion bash' prints a completion script.

            Exit codes: 0 allowed or success, 1 denied, 2 bad input or usage.
            """,
        version: "0.1.0",
        subcommands: [
            DashboardCommand.self, Get.self, Explain.self, Probe.self, Load.self, Matrix.self, Validate.self,
            Certs.self, Serve.self, BundleCommand.self, WalkthroughCommand.self, Export.self, CompletionCommand.self,
            CleanupCheck.self,
        ],
        defaultSubcommand: DashboardCommand.self)

    package init() {}

    /// Runs the command line and returns the process exit code (0, 1 or 2), never exiting itself.
    package static func run(_ arguments: [String], console: Console = .standard) async -> Int32 {
        await Console.$current.withValue(console) {
            let subcommands = configuration.subcommands
            if let unknown = UnknownCommand.find(
                in: arguments, known: Set(subcommands.map { $0._commandName } + ["help"]),
                visible: subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName })
            {
                console.err(unknown.message)
                return 2
            }
            let reordered = LeadingOptions.reorder(arguments, commands: Set(subcommands.map { $0._commandName }))
            let commandName = reordered.first.flatMap { name in subcommands.contains { $0._commandName == name } ? name : nil }
            var command: ParsableCommand
            do {
                command = try parseAsRoot(reordered)
            } catch {
                return report(error, usageOf: commandName ?? DashboardCommand._commandName, console: console)
            }
            do {
                if var asyncCommand = command as? AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
                return 0
            } catch let code as ExitCode {
                return code.rawValue
            } catch {
                return report(error, usageOf: error is ValidationError ? commandName : nil, console: console)
            }
        }
    }

    /// Help, versions and completion scripts arrive as errors that mean success: they go to
    /// stdout. Everything else is an `error:` line on stderr and exit 2; a usage error also
    /// says where the command's usage is.
    private static func report(_ error: any Error, usageOf command: String?, console: Console) -> Int32 {
        if exitCode(for: error) == .success {
            console.out(fullMessage(for: error))
            return 0
        }
        let text = message(for: error)
        if let command {
            console.err(UsageErrorText.render(text, command: command))
        } else {
            console.err("error: \(UsageErrorText.lowercasedFirstWord(text))")
        }
        return 2
    }
}
