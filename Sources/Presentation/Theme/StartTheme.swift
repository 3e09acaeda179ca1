import Foundation

/// The theme the dashboard opens with: `--theme`, else `MESHDECK_THEME`, else config.yaml's
/// `theme:`, else none (the shipped `default`).
package enum StartTheme {
    /// The config file is read even when `--theme` or `MESHDECK_THEME` decides, so that a broken
    /// one is reported the first time, not on the day the flag is dropped.
    package static func resolve(option: String?, environment: [String: String]) throws(ThemeError) -> Theme? {
        let config = try UserConfig.load(environment: environment)
        if let name = option ?? environment["MESHDECK_THEME"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return try ThemeLoader.resolve(name, environment: environment)
        }
        guard let theme = config.theme else { return nil }
        // A relative path in the config file means beside it, not wherever meshdeck was started.
        var name = theme.value
        if ThemeLoader.isPath(name), !name.hasPrefix("/") {
            name = ((config.file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
        }
        do {
            return try ThemeLoader.resolve(name, environment: environment)
        } catch let error where error.line == 0 {
            // Nothing usable where the config points (no such theme, no such file): the config's
            // line is what to fix. A theme file broken inside keeps its own file and line.
            throw ThemeError(file: config.file, line: theme.line, key: "theme", message: error.description)
        }
    }
}
