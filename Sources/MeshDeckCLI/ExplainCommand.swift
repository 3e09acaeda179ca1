import ArgumentParser
import Dashboard
import Foundation
import MeshCertificates
import MeshModel
import PolicyEngine
import Presentation

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Would SOURCE reach HOST:PORT? The verdict, where it is decided, why, and the facts behind it.",
        usage: """
            meshdeck explain --from NS/NAME --to HOST:PORT
                             [--lang en|zh] [-o json|yaml] [options]
            """,
        discussion: """
            Answers what 'echo hello | nc HOST PORT' run inside a pod of SOURCE would meet, as Open Service Mesh v1.2 decides it. Exit 0 allowed, 1 denied, 2 bad input.

            Examples:
              meshdeck explain --from curl/curl --to tcp-echo.tcp-demo:9000
              meshdeck explain --from curl/curl --to tcp-echo.tcp-demo:9000 --lang zh
              meshdeck explain --from curl/curl --to tcp-echo.tcp-demo:9000 \\
                  --permissive off --bundle smi-policy -o yaml
            """)

    @OptionGroup var route: RouteOptions

    @OptionGroup var output: OutputOptions<JSONOrYAML>

    @OptionGroup var language: LanguageOption

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
        // A CA of its own, as a fresh mesh would issue: the validity says what MeshConfig sets.
        let e = CertificateFacts.adding(
            to: index.explain(from: source, host: host, port: port), from: try? MeshCertificateAuthority(),
            cluster: loaded.cluster)
        if let format = output.format {
            console.out(StructuredOutput.render(ExplanationJSON(e), as: format))
        } else {
            console.out(Self.text(e, words: language.explanationWords(console: console), console: console))
        }
        if !e.verdict.allowed { throw ExitCode(1) }
    }

    /// The explanation in `words`; the verdict (`DENIED`), names, commands and what `nc` prints
    /// stay as a cluster shows them. Every line is escaped: names come from manifests.
    static func text(_ e: Explanation, words: any ExplanationWords, console: Console) -> String {
        let glyph = e.verdict.allowed ? (console.unicode ? "✔" : "+") : (console.unicode ? "✘" : "x")
        func label(_ l: ExplanationLabel) -> String { "  " + words.label(l, aligned: true) }
        var lines = [
            "\(glyph) \(e.verdict.word)  \(e.from) \(console.arrow) \(e.to)",
            label(.where) + words.point(e.verdict.point),
            label(.reason) + e.reason(in: words),
            "  " + words.label(.facts, aligned: false).trimmingCharacters(in: .whitespaces),
        ]
        lines += e.facts(in: words).map { "    - \($0)" }
        if let fix = e.fix(in: words) { lines.append(label(.fix) + fix) }
        if let error = e.clientError { lines.append(label(.clientPrints) + error) }
        return lines.map(\.terminalSafe).joined(separator: "\n")
    }
}

/// The JSON contract of `explain --json` (and the fields of `-o yaml`): English values, as
/// they always were, plus language-neutral codes for scripts that match on the kind of reason,
/// fact or fix rather than on its words (`reasonCode: smiNoTrafficTarget`).
struct ExplanationJSON: Encodable {
    var verdict: String
    var allowed: Bool
    var from: String
    var to: String
    var `where`: String
    var reason: String
    var reasonCode: String
    var facts: [String]
    /// One per fact, in the same order.
    var factCodes: [String]
    var fix: String?
    var fixCode: String?
    var clientError: String?
    var httpPort: Bool

    init(_ e: Explanation) {
        verdict = e.verdict.allowed ? "allowed" : "denied"
        allowed = e.verdict.allowed
        from = e.from
        to = e.to
        self.where = e.verdict.point.rawValue
        reason = e.reason
        reasonCode = e.reasonCode.kind.rawValue
        facts = e.facts
        factCodes = e.factCodes.map(\.kind.rawValue)
        fix = e.fix
        fixCode = e.fixCode?.kind.rawValue
        clientError = e.clientError
        httpPort = e.verdict.httpPort
    }
}
