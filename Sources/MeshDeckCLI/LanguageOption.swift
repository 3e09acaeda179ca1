import ArgumentParser
import Foundation
import MeshModel
import PolicyEngine
import Presentation

/// `--lang en|zh`: the guided walkthrough's language, shared by `walkthrough`, the dashboard
/// (whose own words, its pane titles, footer and help, follow it too), and `explain` and
/// `probe`, whose reasons, facts and fixes it says (their JSON and YAML stay English).
struct LanguageOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The language of the guided walkthrough, the dashboard's words and explanations (reasons, facts, fixes; JSON and YAML stay English): en or zh (default: from LC_ALL, then LC_MESSAGES, then LANG; zh_* is Chinese, anything else English).",
            valueName: "en|zh"),
        completion: .list(WalkthroughLanguage.allCases.map(\.rawValue)))
    var lang: String?

    func validate() throws {
        if let lang, WalkthroughLanguage(rawValue: lang) == nil {
            throw ValidationError(
                "--lang: unknown language '\(lang.terminalSafe)'; languages: \(WalkthroughLanguage.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
    }

    /// The language asked for, else the locale's.
    func language(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> WalkthroughLanguage {
        lang.flatMap(WalkthroughLanguage.init(rawValue:)) ?? WalkthroughLanguage.fromEnvironment(environment)
    }

    /// The words for `explain`'s and `probe`'s reasons, facts and fixes in the language asked
    /// for. Chinese needs a UTF-8 locale to show: without one, English and one warning line.
    func explanationWords(console: Console) -> any ExplanationWords {
        let language = language()
        if language == .zh && !console.unicode {
            console.err(
                "meshdeck: warning: Chinese needs a UTF-8 locale (LANG=C.UTF-8, zh_CN.UTF-8); explanations are in English")
        }
        return language.explanationWords(unicode: console.unicode)
    }
}
