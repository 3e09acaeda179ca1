import DataPlaneInterface
import PolicyEngine

extension WalkthroughLanguage {
    /// This language's words for explanations and verdicts. A terminal whose locale is not
    /// UTF-8 (`unicode: false`) gets English: it could not show the Chinese.
    package func explanationWords(unicode: Bool = true) -> any ExplanationWords {
        switch self {
        case .zh where unicode: ChineseWords()
        case .en, .zh: EnglishWords()
        }
    }
}

/// A probe's reason in a language. The data plane gives it in English (`ProbeResult.reason`,
/// a contract of `probe -o json`) and, when that English is the policy's words (a verdict's
/// summary, or why a name does not resolve), as codes too (`reasonWords`), which are said
/// here in the words asked for. The data plane's own sentences (a refused app, a timeout, a
/// lost tunnel, a 400 answer) stay English.
package enum ProbeWords {
    package static func reason(_ result: ProbeResult, in words: any ExplanationWords) -> String {
        guard !(words is EnglishWords), let codes = result.reasonWords else { return result.reason }
        switch codes {
        case .summary(let code): return words.summary(code)
        case .reason(let code): return words.reason(code)
        }
    }

    /// Where and why a probe did not get through, for a log line: `server sidecar: no
    /// TrafficTarget allows it` (the reason alone when no sidecar decided).
    package static func stopped(_ result: ProbeResult, in words: any ExplanationWords) -> String {
        let why = reason(result, in: words)
        return result.verdict.map { words.labelled(words.point($0.point), why) } ?? why
    }
}

extension ProbeWords {
    /// A probe as the dashboard's explain popup opens: `probe: DENIED at the server sidecar: no
    /// TrafficTarget allows it`, then the reply if any (as the network gave it).
    package static func lines(_ result: ProbeResult, in words: any ExplanationWords) -> [String] {
        let outcome = result.outcome.rawValue.uppercased()
        let head = result.verdict.map { words.verdict(outcome, at: $0.point) } ?? outcome
        var lines = [words.label(.probe, aligned: false) + words.labelled(head, reason(result, in: words))]
        if !result.reply.isEmpty { lines.append(words.label(.reply, aligned: false) + result.reply) }
        return lines
    }
}

extension Explanation {
    /// The explanation as the dashboard's popup shows it, in `words`: the verdict now, the
    /// reason, the facts, the fix. Names in it come from manifests: the view escapes them.
    package func lines(in words: any ExplanationWords) -> [String] {
        var lines = [
            words.label(.policyNow, aligned: false) + words.verdict(verdict.word, at: verdict.point),
            words.label(.reason, aligned: false) + reason(in: words),
        ]
        lines += facts(in: words).map { "- \($0)" }
        if let fix = fix(in: words) { lines.append(words.label(.fix, aligned: false) + fix) }
        return lines
    }
}
