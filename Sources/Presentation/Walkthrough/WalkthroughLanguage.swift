/// The languages the walkthrough is written in: one file each, `Resources/walkthrough/<code>.yaml`.
package enum WalkthroughLanguage: String, Sendable, CaseIterable {
    case en, zh

    /// The language the locale asks for, read as the C library reads message locales: the first
    /// of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty decides. `zh_CN.UTF-8`,
    /// `zh_TW`, `zh` → Chinese; anything else (`C`, `POSIX`, `en_US.UTF-8`, `fr_FR`) → English.
    package static func fromEnvironment(_ environment: [String: String]) -> WalkthroughLanguage {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let code = locale.prefix { $0 != "_" && $0 != "." && $0 != "@" && $0 != "-" }.lowercased()
        return WalkthroughLanguage(rawValue: code) ?? .en
    }
}
