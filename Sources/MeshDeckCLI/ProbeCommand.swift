import ArgumentParser
import ConnectionEngine
import DataPlaneInterface
import Foundation
import MeshModel
import PolicyEngine
import Presentation

struct Probe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send a real message over TCP, through the sidecars, and print what comes back.",
        usage: """
            meshdeck probe --from NS/NAME --to HOST:PORT [--message TEXT]
                           [--timeout S] [-o json|yaml] [--verbose] [options]
            """,
        discussion: """
            Does what 'echo MESSAGE | nc HOST PORT' does inside a pod of SOURCE: sends MESSAGE and a newline, half-closes, and reads until the other side closes or the timeout. The data plane (echo apps and sidecars) runs on 127.0.0.1 for the duration of the command. Exit 0 when the connection went through (the reply is on stdout), 1 when it did not (what nc would print is on stderr), 2 for bad input.

            Examples:
              meshdeck probe --from curl/curl --to tcp-echo.tcp-demo:9000
              meshdeck probe --from curl/curl --to tcp-echo.tcp-demo:9000 \\
                  --permissive off --verbose
            """)

    @OptionGroup var probe: ProbeOptions

    @OptionGroup var output: OutputOptions<JSONOrYAML>

    @Flag(name: .shortAndLong, help: "Print what happened on the way (resolution, each sidecar's verdict, timings) on stderr.")
    var verbose = false

    @OptionGroup var language: LanguageOption

    @OptionGroup var common: CommonOptions

    func validate() throws { try output.check(command: "probe") }

    func run() async throws {
        let console = Console.current
        let loaded = try ClusterLoader.load(common)
        let verbose = self.verbose && output.format == nil
        let printer: EngineEventSink = { event in
            if let line = EventPrinter.line(event) { console.err(line.terminalSafe) }
        }
        let engine = try await MeshEngine.start(loaded.cluster, events: verbose ? printer : nil)
        let result: ProbeResult
        do throws(QueryError) {
            result = try await engine.probe(from: probe.from, to: probe.to, message: probe.message, timeout: probe.timeout)
        } catch {
            try await engine.shutdown()
            console.err("error: \(error.description)")
            throw ExitCode(2)
        }
        try await engine.shutdown()
        if let format = output.format {
            console.out(StructuredOutput.render(ProbeJSON(result), as: format))
        } else {
            Self.printResult(
                result, verbose: verbose, words: language.explanationWords(console: console),
                console: console)
        }
        if result.outcome != .allowed { throw ExitCode(1) }
    }

    /// The reply, or what `nc` prints, as a real pod shows it (never translated); with
    /// `--verbose` (or on an error) where and why, in `words`.
    static func printResult(_ result: ProbeResult, verbose: Bool, words: any ExplanationWords, console: Console) {
        if result.outcome == .allowed {
            var reply = result.reply
            if reply.hasSuffix("\n") { reply.removeLast() }
            console.out(reply.terminalSafe)
        } else if let error = result.clientError {
            console.err(error.terminalSafe)
        }
        if verbose || result.outcome == .error {
            let outcome = result.outcome.rawValue.uppercased()
            let head = result.verdict.map { words.verdict(outcome, at: $0.point) } ?? outcome
            console.err(words.labelled(head, ProbeWords.reason(result, in: words)).terminalSafe)
        }
    }
}

/// The JSON contract of `probe --json` (and the fields of `-o yaml`).
struct ProbeJSON: Encodable {
    struct Millis: Encodable {
        var connect: Double?
        var firstByte: Double?
        var total: Double
    }
    var verdict: String
    var from: String
    var to: String
    var reply: String
    var `where`: String?
    var reason: String
    var clientError: String?
    var endpointPod: String?
    var latencyMs: Millis

    init(_ r: ProbeResult) {
        verdict = r.outcome.rawValue
        from = r.from
        to = r.to
        reply = r.reply
        self.where = r.verdict?.point.rawValue
        reason = r.reason
        clientError = r.clientError
        endpointPod = r.endpointPod?.description
        func ms(_ s: Double) -> Double { (s * 1e6).rounded() / 1e3 }
        latencyMs = Millis(
            connect: r.latencies.connect.map(ms), firstByte: r.latencies.firstByte.map(ms), total: ms(r.latencies.total))
    }
}
