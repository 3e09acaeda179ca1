import ArgumentParser
import ConnectionEngine
import DataPlaneInterface
import Foundation
import MeshModel
import PolicyEngine
import Presentation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the data plane until interrupted, so real clients (nc, curl) can use it.",
        usage: """
            meshdeck serve [-f FILE ...] [--expose FROM=HOST:PORT[@LOCALPORT] ...]
                           [-o json] [--verbose] [options]
            """,
        discussion: """
            Starts the engine on the walkthrough (or the -f files) and prints every pod's app, inbound and outbound addresses on 127.0.0.1 (pods start on first use; a cold pod is marked so). Each --expose opens a loopback port that behaves like 'nc HOST PORT' run inside FROM (NS/WORKLOAD or NS/POD): the connection enters FROM's outbound sidecar as iptables would redirect it. A meshed app's own port and the outbound sidecars accept only what the engine dialed; other local clients are refused, with a line on stderr.

            The -f files are watched: an edit is applied all or nothing (errors are printed with file:line and change nothing). SIGINT or SIGTERM stops it (exit 0).

            Examples:
              meshdeck serve --expose curl/curl=tcp-echo.tcp-demo:9000@9100
              echo hello | nc -N 127.0.0.1 9100
              meshdeck serve -f policy.yaml --permissive off \\
                  --expose curl/curl=tcp-echo.tcp-demo:9000
            """)

    @Option(
        name: .customLong("expose"),
        help: ArgumentHelp(
            "A loopback port that behaves like 'nc HOST PORT' run in FROM; @LOCALPORT fixes the port. Repeatable.",
            valueName: "FROM=HOST:PORT[@LOCALPORT]"))
    var exposeText: [String] = []

    @OptionGroup var output: OutputOptions<JSONOnly>

    @Flag(name: .shortAndLong, help: "Print every connection's events on stderr (refusals are always printed).")
    var verbose = false

    @OptionGroup var common: CommonOptions

    /// Checked by `validate()`.
    var exposes: [ExposeOption] { exposeText.compactMap { try? ExposeOption($0) } }

    func validate() throws {
        try output.check(command: "serve")
        // Each change is loaded again from every -f: stdin can be read only once.
        if common.files.contains("-") {
            throw ValidationError("-f -: serve watches its files and reads them again on each change; save stdin to a file")
        }
        for text in exposeText { _ = try ExposeOption(text) }
    }

    func run() async throws {
        let console = Console.current
        let loaded = try ClusterLoader.load(common)
        let verbose = self.verbose
        let printer: EngineEventSink = { event in
            switch event.kind {
            // Refusals always: a trainer running an attack wants to see why it failed.
            case .bypassRefused, .limitReached, .tunnelProtocolError, .tlsRefused: break
            default: guard verbose else { return }
            }
            if let line = EventPrinter.line(event) { console.err(line.terminalSafe) }
        }
        let engine = try await MeshEngine.start(loaded.cluster, events: printer)
        var portals: [(ExposeOption, Portal)] = []
        do {
            for expose in exposes {
                let portal = try await engine.openPortal(from: expose.from, to: expose.to, localPort: expose.localPort)
                portals.append((expose, portal))
                // A portal enters the pod's outbound sidecar; a pod without one has none to enter.
                if let pod = loaded.cluster.pods().first(where: { $0.key == portal.pod }), !pod.hasSidecar {
                    throw ValidationError("--expose \(expose.from): pod \(pod.key) has no sidecar to enter")
                }
                try await engine.startPods([portal.pod])
            }
        } catch {
            for (_, portal) in portals { await portal.close() }
            try? await engine.shutdown()
            // A QueryError's hint is on a line of its own; each line is escaped.
            let lines = "\(error)".split(separator: "\n").map { String($0).terminalSafe }
            console.err("error: " + lines.joined(separator: "\n"))
            throw ExitCode(2)
        }
        var cluster = loaded.cluster
        print(ServeTable(cluster: cluster, running: engine.pods, portals: portals), console: console)
        console.err("serving; Ctrl-C stops")
        let stop = StopSignal()
        var watch = FileWatch(common.files)
        while !stop.received {
            try? await Task.sleep(for: .milliseconds(300))
            guard watch.changed() else { continue }
            switch ClusterLoader.attempt(common) {
            case .success(let next):
                for warning in next.warnings { console.err(warning.description.terminalSafe) }
                do {
                    try await engine.update(next.cluster)
                    cluster = next.cluster
                    console.err("applied: the -f files changed; the next connection sees the new state")
                    print(ServeTable(cluster: cluster, running: engine.pods, portals: portals), console: console)
                } catch {
                    console.err("error: \(String(describing: error).terminalSafe); the previous state stays")
                }
            case .failure(let problems):
                for e in problems.errors { console.err(e.description.terminalSafe) }
                console.err(
                    "error: \(problems.errors.count) problem\(problems.errors.count == 1 ? "" : "s") found; nothing was applied, the previous state stays"
                )
            }
        }
        for (_, portal) in portals { await portal.close() }
        try await engine.shutdown()
    }

    private func print(_ table: ServeTable, console: Console) {
        if output.format == .json {
            console.out(StructuredOutput.render(table, as: .json, compactJSON: true))
        } else {
            console.out(table.text)
        }
    }
}

/// SIGINT and SIGTERM, seen by the serve loop (which polls every 300 ms anyway).
final class StopSignal {
    private let sources: [DispatchSourceSignal]
    private let flag = Flag()

    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    init() {
        let flag = self.flag
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { flag.set() }
            source.resume()
            return source
        }
    }

    var received: Bool { flag.isSet }
}
