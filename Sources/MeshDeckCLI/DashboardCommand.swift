import ArgumentParser
import ConnectionEngine
import Dashboard
import DataPlaneInterface
import Foundation
import MeshModel
import NCursesTerminal
import PolicyEngine
import Presentation
import TerminalUI

struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "The live dashboard (the default): the walkthrough in a terminal, with the data plane running.",
        usage: """
            meshdeck [dashboard] [--theme NAME|PATH] [--lang en|zh] [--no-mouse]
                                 [--record FILE.cast [--record-size WxH]] [options]
            """,
        discussion: """
            Keys: \(KeyBindings.summary)

            Needs a terminal with cursor addressing; otherwise it says so and exits 2 (use get, explain, probe instead).

            Examples:
              meshdeck
              meshdeck -f my-manifests/ --empty
              meshdeck --theme high-contrast
              meshdeck --lang zh --record demo.cast     (then: asciinema play demo.cast)
              meshdeck --record demo.cast --record-size 100x30
            """)

    @Option(
        help: ArgumentHelp(
            "A shipped theme (default, light, high-contrast, deuteranopia, monochrome), one in ~/.config/meshdeck/themes, a k9s skin in ~/.config/k9s/skins, or a skin file; also MESHDECK_THEME, else theme: in ~/.config/meshdeck/config.yaml.",
            valueName: "NAME|PATH"),
        completion: .list(BuiltinThemes.all.map(\.name)))
    var theme: String?

    @OptionGroup var language: LanguageOption

    @Option(
        help: ArgumentHelp(
            "Record the session as an asciicast v2 file (asciinema play FILE), with a marker at each walkthrough step, mode flip and policy change.",
            valueName: "FILE.cast"),
        completion: .file(extensions: ["cast"]))
    var record: String?

    @Option(
        help: ArgumentHelp(
            "With --record: record at this size (at least 80x24), whatever the terminal's size or resizes. asciinema play does not follow a cast's resizes; a cast at one size plays back as recorded.",
            valueName: "WxH"))
    var recordSize: String?

    @Flag(
        help: ArgumentHelp(
            "Leave the mouse to the terminal (its own selection and paste). By default a click focuses a pane and selects a row, and the wheel scrolls the log, the guide and popups."
        ))
    var noMouse = false

    @OptionGroup var common: CommonOptions

    /// `--record-size 100x30` as columns and rows.
    static func parseSize(_ text: String) -> (width: Int, height: Int)? {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w >= 80, h >= 24, w <= 1000, h <= 1000 else {
            return nil
        }
        return (w, h)
    }

    func validate() throws {
        if let recordSize {
            guard record != nil else { throw ValidationError("--record-size needs --record FILE.cast") }
            guard Self.parseSize(recordSize) != nil else {
                throw ValidationError(
                    "--record-size: '\(recordSize.terminalSafe)' is not WxH of at least 80x24 (for example 100x30)")
            }
        }
    }

    func run() async throws {
        let console = Console.current
        let env = ProcessInfo.processInfo.environment
        // --theme, MESHDECK_THEME or config.yaml's theme: a broken one stops here, before the
        // terminal is touched.
        let chosen: Theme?
        do throws(ThemeError) {
            chosen = try StartTheme.resolve(option: theme, environment: env)
        } catch {
            console.err("error: \(error.description)")
            throw ExitCode(2)
        }
        // Refuse at once, before starting anything, when there is no terminal to draw on.
        if case .refused(let message) = TerminalSupport.check(
            environment: env, stdinIsTTY: isatty(STDIN_FILENO) == 1,
            stdoutIsTTY: isatty(STDOUT_FILENO) == 1)
        {
            console.err(message)
            throw ExitCode(2)
        }
        // Before anything starts: the Swift runtime's crash reporter must never wait for a key in
        // the dashboard, and it reads its settings only at process start (see the type).
        CrashReportSettings.reexecIfNeeded()
        // A recording that cannot be written fails now, not after the session.
        if let record {
            let fd = open(record, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                console.err("error: --record: cannot write \(record.terminalSafe): \(String(cString: strerror(errno)))")
                throw ExitCode(2)
            }
            close(fd)
        }
        let lang = language.language(env)
        // English too, for a terminal that turns out not to show Chinese.
        let english = lang == .en ? nil : try? WalkthroughLoader.builtin(.en)
        let walkthrough: Walkthrough?
        do throws(WalkthroughLoadError) {
            walkthrough = try WalkthroughLoader.builtin(lang)
        } catch {
            // The dashboard still works; `w` says the guide is missing.
            console.err("warning: the guided walkthrough is not available: \(error.description)")
            walkthrough = nil
        }
        let loaded = try ClusterLoader.load(common)
        // The engine starts before the dashboard that logs its pod events: they wait here.
        let podEvents = PodEventRelay()
        // One compile of the policy, shared by the engine and the dashboard.
        let policy = PolicyIndex(loaded.cluster)
        let engine = try await MeshEngine.start(loaded.cluster, policy: policy, podEvents: podEvents.sink)
        let cluster = loaded.cluster
        let startTheme = chosen
        let recordPath = record
        let fixedSize = recordSize.flatMap(Self.parseSize)
        let mouse = !noMouse
        // ncurses is not thread-safe: one thread opens the terminal, runs the loop (which
        // blocks in the key read) and restores the terminal.
        let outcome: Result<Int32, TerminalUnavailable> = await withCheckedContinuation { continuation in
            let thread = Thread {
                let terminal: NCursesTerminal
                do throws(TerminalUnavailable) {
                    terminal = try NCursesTerminal.open(environment: env, mouse: mouse)
                } catch {
                    continuation.resume(returning: .failure(error))
                    return
                }
                var backend: TerminalBackend = terminal
                var writer: AsciicastWriter?
                var recordError: String?
                if let recordPath {
                    let size = fixedSize ?? terminal.size
                    do throws(AsciicastWriter.FileError) {
                        let opened = try AsciicastWriter.file(
                            recordPath,
                            header: .init(
                                width: size.width, height: size.height,
                                title: "MeshDeck: \(walkthrough?.title ?? "TCP traffic routing")"))
                        let noColor = env["NO_COLOR"].map { !$0.isEmpty } ?? false
                        backend = RecordingBackend(recording: terminal, into: opened, colors: !noColor, size: fixedSize)
                        writer = opened
                    } catch {
                        recordError = error.description
                    }
                }
                let app = DashboardApp(
                    backend: backend, cluster: cluster, policy: policy, engine: engine, theme: startTheme,
                    walkthrough: walkthrough, language: lang, englishWalkthrough: english,
                    certificates: engine.certificates)
                podEvents.target = app.podEvents
                let status = app.run()
                podEvents.target = nil
                terminal.close()
                let recorded: Result<Void, any Error> = Result { try writer?.close() }
                if case .failure(let error) = recorded { recordError = "\(error)" }
                if let recordError { console.err("error: --record: \(recordError) (the session was not recorded in full)") }
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

/// Hands the engine's pod events to the dashboard once it exists (the engine starts first);
/// until then, and after it quits, they are dropped.
final class PodEventRelay: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var current: EngineEventSink?

    var target: EngineEventSink? {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }

    var sink: EngineEventSink { { [self] event in target?(event) } }
}
