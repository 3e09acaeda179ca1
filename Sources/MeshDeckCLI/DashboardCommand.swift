import ArgumentParser
import ConnectionEngine
import Dashboard
import Foundation
import MeshModel
import NCursesTerminal

struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "The live dashboard (the default): the walkthrough in a terminal, with the data plane running.",
        discussion: """
        Keys: Enter probe, p permissive, g egress, a apply the walkthrough's policy, d delete a policy, e explain, t theme, Tab move, ? help, q quit.

        Needs a terminal with cursor addressing; otherwise it says so and exits 2 (use get, explain, probe instead).

        Examples:
          meshdeck
          meshdeck -f my-manifests/ --empty
          meshdeck --theme high-contrast
        """)

    @Option(help: ArgumentHelp("A shipped theme (default, light, high-contrast, deuteranopia, monochrome) or a skin file; also MESHDECK_THEME.",
                               valueName: "NAME|PATH"))
    var theme: String?

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let console = Console.current
        let env = ProcessInfo.processInfo.environment
        var chosen: Theme?
        if let name = theme ?? env["MESHDECK_THEME"].flatMap({ $0.isEmpty ? nil : $0 }) {
            do throws(ThemeError) {
                chosen = try ThemeLoader.resolve(name)
            } catch {
                console.err("error: \(error.description)")
                throw ExitCode(2)
            }
        }
        // Refuse at once, before starting anything, when there is no terminal to draw on.
        if case .refused(let message) = TerminalSupport.check(environment: env, stdinIsTTY: isatty(STDIN_FILENO) == 1,
                                                               stdoutIsTTY: isatty(STDOUT_FILENO) == 1) {
            console.err(message)
            throw ExitCode(2)
        }
        let loaded = try ClusterLoader.load(common)
        let engine = try await MeshEngine.start(loaded.cluster)
        let cluster = loaded.cluster
        let startTheme = chosen
        // ncurses is not thread-safe: one thread opens the terminal, runs the loop (which
        // blocks in the key read) and restores the terminal.
        let outcome: Result<Int32, TerminalUnavailable> = await withCheckedContinuation { continuation in
            let thread = Thread {
                let terminal: NCursesTerminal
                do throws(TerminalUnavailable) {
                    terminal = try NCursesTerminal.open(environment: env)
                } catch {
                    continuation.resume(returning: .failure(error))
                    return
                }
                let status = DashboardApp(backend: terminal, cluster: cluster, engine: engine, theme: startTheme).run()
                terminal.close()
                continuation.resume(returning: .success(status))
            }
            thread.name = "meshdeck-ui"
            thread.start()
        }
        try? await engine.shutdown()
        switch outcome {
        case .failure(let refusal):
            console.err(refusal.description)
            throw ExitCode(2)
        case .success(let status):
            if status != 0 { throw ExitCode(status) }
        }
    }
}
