import ArgumentParser
import ConnectionEngine
import DataPlaneInterface
import Foundation
import MeshModel
import PolicyEngine

struct Load: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run many probes at once and report how many went through, how fast, and the latency spread.",
        discussion: """
            Every probe is a real connection through the sidecars, as 'meshdeck probe' makes. 'lost' counts probes that neither finished nor failed, and must be 0. Progress is shown on a terminal, not when the output is piped.

            Examples:
              meshdeck load --from curl/curl --to tcp-echo.tcp-demo:9000 --count 10000 --concurrency 64
              meshdeck load --from curl/curl --to tcp-echo.tcp-demo:9000 --count 1000 --concurrency 16 --json
            """)

    @OptionGroup var probe: ProbeOptions

    @Option(help: "How many probes.")
    var count = 1000

    @Option(help: "How many at a time.")
    var concurrency = 16

    @Flag(help: "Print one JSON object.")
    var json = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard (1...10_000_000).contains(count) else { throw ValidationError("--count must be between 1 and 10000000") }
        guard (1...4096).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 4096") }
    }

    func run() async throws {
        let console = Console.current
        let loaded = try ClusterLoader.load(common)
        let engine = try await MeshEngine.start(loaded.cluster)
        let total = count
        let showProgress = !json && isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1 && console.isStandard
        let bar: @Sendable (Int) -> Void = { done in
            FileHandle.standardError.write(Data("\r\(done)/\(total) probes".utf8))
        }
        let report: LoadReport
        do throws(QueryError) {
            report = try await engine.load(
                from: probe.from, to: probe.to, message: probe.message, count: count,
                concurrency: concurrency, timeout: probe.timeout, progress: showProgress ? bar : nil)
        } catch {
            try await engine.shutdown()
            console.err("error: \(error.description)")
            throw ExitCode(2)
        }
        try await engine.shutdown()
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if json {
            console.out(encodeJSON(LoadJSON(report), pretty: false))
        } else {
            console.out(Self.text(report, from: probe.from, to: probe.to, concurrency: concurrency))
        }
        if report.lost > 0 { throw ExitCode(1) }
    }

    static func text(_ r: LoadReport, from: String, to: String, concurrency: Int) -> String {
        func ms(_ s: Double) -> String { String(format: "%.2f ms", s * 1000) }
        return """
            \(r.requested) probes \(from) -> \(to), concurrency \(concurrency), in \(String(format: "%.2f", r.seconds)) s
              allowed \(r.allowed)   denied \(r.denied)   errors \(r.errors)   lost \(r.lost)
              \(String(format: "%.0f", r.probesPerSecond)) probes/s
              latency p50 \(ms(r.quantile(0.5)))   p90 \(ms(r.quantile(0.9)))   p99 \(ms(r.quantile(0.99)))   max \(ms(r.latencies.max))
            """.terminalSafe.replacingOccurrences(of: "\\n", with: "\n")
    }
}

/// The JSON contract of `load --json`.
struct LoadJSON: Encodable {
    struct Quantiles: Encodable {
        var p50: Double
        var p90: Double
        var p99: Double
        var max: Double
    }
    var requested: Int
    var allowed: Int
    var denied: Int
    var errors: Int
    var lost: Int
    var probesPerSecond: Double
    var seconds: Double
    var latencyMs: Quantiles

    init(_ r: LoadReport) {
        func ms(_ s: Double) -> Double { (s * 1e6).rounded() / 1e3 }
        requested = r.requested
        allowed = r.allowed
        denied = r.denied
        errors = r.errors
        lost = r.lost
        probesPerSecond = (r.probesPerSecond * 10).rounded() / 10
        seconds = (r.seconds * 1000).rounded() / 1000
        latencyMs = Quantiles(
            p50: ms(r.quantile(0.5)), p90: ms(r.quantile(0.9)), p99: ms(r.quantile(0.99)), max: ms(r.latencies.max))
    }
}
