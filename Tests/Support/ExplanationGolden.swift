import Foundation
import MeshModel
import PolicyEngine

/// Every sample of `ExplanationSamples` explained in one catalogue's words, as the golden files
/// `Tests/Fixtures/explain-english.txt` and `explain-chinese.txt` hold them: per question the
/// verdict and where, the short summary, the reason, the facts, the fix and what `nc` prints.
/// (The file's own keys, `summary:` and the rest, stay English in both: they are its layout.)
package enum ExplanationGolden {
    package static func render(in words: some ExplanationWords) throws -> String {
        var out: [String] = []
        for sample in ExplanationSamples.all() {
            out.append("## \(sample.name)")
            let index = PolicyIndex(sample.cluster)
            for (position, (target, _)) in index.targetStatus.enumerated() {
                let why = index.targetIgnored[position].map { "ignored: \(words.ignored($0))" } ?? "active"
                out.append("TrafficTarget \(target.meta.key): \(why)")
            }
            for q in sample.questions {
                let (host, port) = try PolicyIndex.splitHostPort(q.to)
                let e = index.explain(from: try index.workload(named: q.from), host: host, port: port)
                // `verdict("", at:)` is what the language puts after the verdict's word.
                out.append("\(e.verdict.word) \(e.from) -> \(e.to)\(words.verdict("", at: e.verdict.point))")
                out.append("  summary: \(index.summary(e.verdict, in: words))")
                out.append("  reason: \(e.reason(in: words))")
                out += e.facts(in: words).map { "  - \($0)" }
                if let fix = e.fix(in: words) { out.append("  fix: \(fix)") }
                if let error = e.clientError { out.append("  client: \(error)") }
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// The lines where `text` and the golden `file` differ (`line N: now … golden …`), and one
    /// more when their lengths differ. `MESHDECK_RECORD_GOLDEN=1` first rewrites the file.
    package static func differences(_ text: String, file: String) throws -> [String] {
        if ProcessInfo.processInfo.environment["MESHDECK_RECORD_GOLDEN"] == "1" {
            try text.write(toFile: Fixtures.path(file), atomically: true, encoding: .utf8)
        }
        let golden = Fixtures.text(file)
        if golden.isEmpty { return ["missing Tests/Fixtures/\(file)"] }
        // Line by line, so a failure names the sentence that changed.
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = golden.split(separator: "\n", omittingEmptySubsequences: false)
        var out = zip(got, want).enumerated().filter { $0.element.0 != $0.element.1 }.map {
            "line \($0.offset + 1):\n  now:    \($0.element.0)\n  golden: \($0.element.1)"
        }
        if got.count != want.count { out.append("\(got.count) lines, the golden file has \(want.count)") }
        return out
    }
}
