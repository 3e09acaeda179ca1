import ArgumentParser
import Foundation
import MeshModel
import PolicyEngine

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Would SOURCE reach HOST:PORT? The verdict, where it is decided, why, and the facts behind it.",
        usage: """
            meshdeck explain --from NS/NAME --to HOST:PORT
                             [-o json|yaml] [options]
            """,
        discussion: """
            Answers what 'echo hello | nc HOST PORT' run inside a pod of SOURCE would meet, as Open Service Mesh v1.2 decides it. Exit 0 allowed, 1 denied, 2 bad input.

            Examples:
              meshdeck explain --from curl/curl --to tcp-echo.tcp-demo:9000
              meshdeck explain --from curl/curl --to tcp-echo.tcp-demo:9000 \\
                  --permissive off --bundle smi-policy -o yaml
            """)

    @OptionGroup var route: RouteOptions

    @OptionGroup var output: OutputOptions<JSONOrYAML>

    @OptionGroup var common: CommonOptions

    func validate() throws { try output.check(command: "explain") }

    func run() throws {
        let console = Console.current
        let loaded = try ClusterLoader.load(common)
        let index = PolicyIndex(loaded.cluster)
        let source: Int
        do {
            source = try index.workload(named: route.from)
        } catch {
            console.err("error: \(error.description)")
            throw ExitCode(2)
        }
        let (host, port) = try PolicyIndex.splitHostPort(route.to)
        let e = index.explain(from: source, host: host, port: port)
        console.out(output.format.map { StructuredOutput.render(ExplanationJSON(e), as: $0) } ?? Self.text(e, console: console))
        if !e.verdict.allowed { throw ExitCode(1) }
    }

    static func text(_ e: Explanation, console: Console) -> String {
        let glyph = e.verdict.allowed ? (console.unicode ? "✔" : "+") : (console.unicode ? "✘" : "x")
        var lines = [
            "\(glyph) \(e.verdict.word)  \(e.from) \(console.arrow) \(e.to)",
            "  where:  \(e.verdict.point.rawValue)",
            "  reason: \(e.reason)",
            "  facts:",
        ]
        lines += e.facts.map { "    - \($0)" }
        if let fix = e.fix { lines.append("  fix:    \(fix)") }
        if let error = e.clientError { lines.append("  nc in the pod prints: \(error)") }
        return lines.map(\.terminalSafe).joined(separator: "\n")
    }
}

/// The JSON contract of `explain --json` (and the fields of `-o yaml`).
struct ExplanationJSON: Encodable {
    var verdict: String
    var allowed: Bool
    var from: String
    var to: String
    var `where`: String
    var reason: String
    var facts: [String]
    var fix: String?
    var clientError: String?
    var httpPort: Bool

    init(_ e: Explanation) {
        verdict = e.verdict.allowed ? "allowed" : "denied"
        allowed = e.verdict.allowed
        from = e.from
        to = e.to
        self.where = e.verdict.point.rawValue
        reason = e.reason
        facts = e.facts
        fix = e.fix
        clientError = e.clientError
        httpPort = e.verdict.httpPort
    }
}
