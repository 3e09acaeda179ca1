import Foundation
import MeshDeckTestSupport
import MeshModel
import PolicyEngine
import Testing

/// The English of every reason, fact, fix and summary the samples meet, compared whole with
/// `Tests/Fixtures/explain-english.txt`: `explain`'s English, its JSON values and the short
/// reasons of probes and the matrix are what users and scripts read, so a changed word fails
/// here. `MESHDECK_RECORD_GOLDEN=1 swift test --filter EnglishWordsGolden` rewrites the file
/// (read the diff before committing it).
@Suite struct EnglishWordsGoldenTests {
    static let file = "explain-english.txt"

    static func render() throws -> String {
        var out: [String] = []
        for sample in ExplanationSamples.all() {
            out.append("## \(sample.name)")
            let index = PolicyIndex(sample.cluster)
            for (target, ignored) in index.targetStatus {
                out.append("TrafficTarget \(target.meta.key): \(ignored.map { "ignored: \($0)" } ?? "active")")
            }
            for q in sample.questions {
                let (host, port) = try PolicyIndex.splitHostPort(q.to)
                let e = index.explain(from: try index.workload(named: q.from), host: host, port: port)
                out.append("\(e.verdict.word) \(e.from) -> \(e.to) at the \(e.verdict.point.rawValue)")
                out.append("  summary: \(index.summary(e.verdict))")
                out.append("  reason: \(e.reason)")
                out += e.facts.map { "  - \($0)" }
                if let fix = e.fix { out.append("  fix: \(fix)") }
                if let error = e.clientError { out.append("  client: \(error)") }
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    @Test func englishWordsAreUnchanged() throws {
        let text = try Self.render()
        if ProcessInfo.processInfo.environment["MESHDECK_RECORD_GOLDEN"] == "1" {
            try text.write(toFile: Fixtures.path(Self.file), atomically: true, encoding: .utf8)
        }
        let golden = Fixtures.text(Self.file)
        #expect(!golden.isEmpty, "missing Tests/Fixtures/\(Self.file)")
        // Line by line, so a failure names the sentence that changed.
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = golden.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, (g, w)) in zip(got, want).enumerated() where g != w {
            Issue.record("line \(i + 1):\n  now:    \(g)\n  golden: \(w)")
        }
        #expect(got.count == want.count)
    }
}
