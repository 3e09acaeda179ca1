import ArgumentParser
import Dashboard
import Foundation
import MeshModel

/// `--lang en|zh`: the guided walkthrough's language, shared by `walkthrough` and the dashboard.
struct LanguageOption: ParsableArguments {
    @Option(help: ArgumentHelp("The guided walkthrough's language: en or zh (default: from LC_ALL, then LC_MESSAGES, then LANG; zh_* is Chinese, anything else English).",
                               valueName: "en|zh"))
    var lang: String?

    func validate() throws {
        if let lang, WalkthroughLanguage(rawValue: lang) == nil {
            throw ValidationError("unknown language '\(lang.terminalSafe)'; languages: \(WalkthroughLanguage.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The language asked for, else the locale's.
    func language(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> WalkthroughLanguage {
        lang.flatMap(WalkthroughLanguage.init(rawValue:)) ?? WalkthroughLanguage.fromEnvironment(environment)
    }
}
