import ArgumentParser
import Foundation
import MeshModel
import Presentation

/// `--lang en|zh`: the guided walkthrough's language, shared by `walkthrough` and the dashboard
/// (whose own words, its pane titles, footer and help, follow it too).
struct LanguageOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The language of the guided walkthrough (and of the dashboard's titles, keys and help): en or zh (default: from LC_ALL, then LC_MESSAGES, then LANG; zh_* is Chinese, anything else English).",
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
}
