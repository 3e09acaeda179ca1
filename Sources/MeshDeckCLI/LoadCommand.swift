import ArgumentParser
import ConnectionEngine
import DataPlaneInterface
import Foundation
import MeshModel
import PolicyEngine

struct Load: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run many probes at once and report how many went through, how fast, and the latency spread.",
        usage: """
            meshdeck load --from NS/NAME --to HOST:PORT [--count N]
                          [--concurrency C] [--message TEXT] [--timeout S]
                          [--expect allowed|denied] [-o json|yaml] [options]
            """,
        discussion: """
            Every probe is a real connection through the sidecars, as 'meshdeck probe' makes. A probe is allowed when the answer came back: the echo of its message (or, on an HTTP port, the client sidecar's 400 Bad Request); denied when a sidecar, as the policy says, refused it; an error otherwise: refused by a stopped app or by one of the data plane's limits, no reply in time, a reply that is not the echo, or a connection closed before any sidecar decided (what overload looks like). 'lost' counts probes that neither finished nor failed, and must be 0. Progress is shown on a terminal, not when the output is piped.

            Exit 0 when every probe got the expected answer (--expect; by default what 'meshdeck explain' says the policy gives), 1 when some got the other verdict (denied where allowed was expected, or allowed where denied was), 3 when none did but some ended in errors or were lost, 2 for bad input. stderr then says how many and why the first error happened.

            Examples:
              meshdeck load --from curl/curl --to tcp-echo.tcp-demo:9000 \\
                  --count 10000 --concurrency 64
              meshdeck load --from curl/curl --to tcp-echo.tcp-demo:9000 \\
                  --count 1000 --concurrency 16 -o json
            """)

    @OptionGroup var probe: ProbeOptions

    @Option(
        name: .customLong("count"), parsing: .unconditional,
        help: ArgumentHelp("How many probes (1 to 10000000).", valueName: "N"))
    var countText = "1000"

    @Option(
        name: .customLong("concurrency"), parsing: .unconditional,
        help: ArgumentHelp("How many at a time (1 to 4096).", valueName: "C"))
    var concurrencyText = "16"

    @Option(
        name: .customLong("expect"), parsing: .unconditional,
        help: ArgumentHelp("The verdict every probe should get (default: what 'explain' says).", valueName: "allowed|denied"))
    var expectText: String?

    @OptionGroup var output: OutputOptions<JSONOrYAML>

    @OptionGroup var common: CommonOptions

    /// Checked by `validate()`.
    var count: Int { Int(countText) ?? 1000 }
    var concurrency: Int { Int(concurrencyText) ?? 16 }
    var expect: Expectation? { expectText.flatMap(Expectation.init(rawValue:)) }

    /// What `--expect` takes.
    enum Expectation: String, CaseIterable {
        case allowed, denied
    }

    func validate() throws {
        try output.check(command: "load")
        _ = try OptionValue.wholeNumber(countText, option: "--count", in: 1...10_000_000)
        _ = try OptionValue.wholeNumber(concurrencyText, option: "--concurrency", in: 1...4096)
        if let expectText { _ = try OptionValue.choice(expectText, option: "--expect", of: Expectation.self) }
    }

    func run() async throws {
        let console = Console.current
        let loaded = try ClusterLoader.load(common)
        let engine = try await MeshEngine.start(loaded.cluster)
        let total = count
        let showProgress = output.format == nil && isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1 && console.isStandard
        let bar: @Sendable (Int) -> Void = { done in
            FileHandle.standardError.write(Data("\r\(done)/\(total) probes".utf8))
        }
        let report: LoadReport
        let expected: Expectation
        do throws(QueryError) {
            if let expect {
                expected = expect
            } else {
                expected = try Self.explained(engine.policy, from: probe.from, to: probe.to)
            }
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
        let backends = Self.backends(report, policy: engine.policy, from: probe.from, to: probe.to)
        if let format = output.format {
            var json = LoadJSON(report, expected: expected)
            json.trafficSplit = backends?.split.description
            json.backends = backends?.rows
            console.out(StructuredOutput.render(json, as: format, compactJSON: true))
        } else {
            var text = Self.text(report, from: probe.from, to: probe.to, concurrency: concurrency)
            if let backends { text += "\n" + Self.backendTable(backends, allowed: report.allowed) }
            console.out(text)
        }
        let (code, complaint) = Self.verdict(report, expected: expected)
        if let complaint { console.err(complaint.terminalSafe) }
        if code != 0 { throw ExitCode(code) }
    }

    /// What the policy gives the probes, as `explain` says.
    static func explained(_ policy: PolicyIndex, from: String, to: String) throws(QueryError) -> Expectation {
        let source = try policy.workload(named: from)
        let (host, port) = try PolicyIndex.splitHostPort(to)
        return policy.explain(from: source, host: host, port: port).verdict.allowed ? .allowed : .denied
    }

    /// The exit code and, unless 0, the line for stderr: 1 when some probes got the other
    /// verdict, else 3 when some ended in errors or were lost.
    static func verdict(_ r: LoadReport, expected: Expectation) -> (code: Int32, complaint: String?) {
        let other = expected == .allowed ? r.denied : r.allowed
        let otherWord = expected == .allowed ? "denied" : "allowed"
        guard other > 0 || r.errors > 0 || r.lost > 0 else { return (0, nil) }
        var parts: [String] = []
        if other > 0 { parts.append("\(other) \(otherWord)") }
        if r.errors > 0 { parts.append("\(r.errors) error\(r.errors == 1 ? "" : "s")") }
        if r.lost > 0 { parts.append("\(r.lost) lost") }
        var line = "error: \(parts.joined(separator: ", ")) of \(r.requested) probes (expected \(expected.rawValue))"
        if let first = r.firstError { line += "; first error: \(first)" }
        return (other > 0 ? 1 : 3, line)
    }

    /// Allowed probes per backend of the TrafficSplit the route follows (nil when none does):
    /// a backend's count is what the pods behind it answered.
    static func backends(
        _ r: LoadReport, policy: PolicyIndex, from: String, to: String
    ) -> (split: ObjectKey, rows: [LoadJSON.Backend])? {
        guard let source = try? policy.workload(named: from), let (host, port) = try? PolicyIndex.splitHostPort(to),
            let split = policy.splitBackends(from: source, host: host, port: port)
        else { return nil }
        let rows = split.backends.map { b in
            LoadJSON.Backend(
                service: b.service.description, weight: b.weight, probes: b.pods.reduce(0) { $0 + (r.answeredBy[$1] ?? 0) })
        }
        return (split.split, rows)
    }

    /// `  BACKEND  WEIGHT  PROBES  SHARE` under the run's summary.
    static func backendTable(_ b: (split: ObjectKey, rows: [LoadJSON.Backend]), allowed: Int) -> String {
        let total = b.rows.reduce(0) { $0 + $1.weight }
        let width = max(7, b.rows.map(\.service.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        var lines = ["  TrafficSplit \(b.split): allowed probes per backend"]
        lines.append("    " + pad("BACKEND", width) + "  WEIGHT  PROBES  SHARE")
        for row in b.rows {
            let weight = total > 0 ? String(format: "%.0f%%", Double(row.weight) * 100 / Double(total)) : "-"
            let share = allowed > 0 ? String(format: "%.1f%%", Double(row.probes) * 100 / Double(allowed)) : "-"
            lines.append(
                "    " + pad(row.service, width) + "  " + pad(weight, 6) + "  " + pad("\(row.probes)", 6) + "  " + share)
        }
        return lines.map(\.terminalSafe).joined(separator: "\n")
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

/// The JSON contract of `load --json` (and the fields of `-o yaml`).
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
    /// `--expect`, or what `explain` said; and why the first error happened, if one did.
    var expected: String
    var firstError: String?
    /// The TrafficSplit the probes followed, and the allowed probes each backend answered.
    var trafficSplit: String?
    var backends: [Backend]?

    struct Backend: Encodable {
        var service: String
        var weight: Int
        var probes: Int
    }

    init(_ r: LoadReport, expected: Load.Expectation) {
        self.expected = expected.rawValue
        firstError = r.firstError
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
