import Foundation
import Yams

/// `$XDG_CONFIG_HOME/meshdeck/config.yaml`, the user's defaults. One key today:
///
///     theme: NAME|PATH    # the dashboard's theme when neither --theme nor MESHDECK_THEME says
///
/// A missing file is no config. A broken one (not YAML, not a mapping, a key MeshDeck does not
/// know, a value that is not a name) is an error naming file, line and key: a typo there would
/// otherwise be ignored without a word.
package struct UserConfig: Sendable, Equatable {
    /// A value and the line it is on, so what it names can be blamed on that line.
    package struct Located: Sendable, Equatable {
        var value: String
        var line: Int
    }

    var file: String
    var theme: Located?

    /// The keys MeshDeck reads.
    static let keys = ["theme"]

    /// The config file of `environment`'s config home; an empty config when there is none.
    static func load(environment: [String: String]) throws(ThemeError) -> UserConfig {
        guard let file = ConfigDirectories(environment: environment).configFile else { return UserConfig(file: "") }
        guard FileManager.default.fileExists(atPath: file) else { return UserConfig(file: file) }
        return try parse(ThemeLoader.read(file), file: file)
    }

    static func parse(_ text: String, file: String) throws(ThemeError) -> UserConfig {
        var config = UserConfig(file: file)
        // Empty, or only comments: nothing set.
        guard let root = try ThemeLoader.compose(text, file: file) else { return config }
        guard let mapping = root.mapping else {
            throw ThemeError(
                file: file, line: root.mark?.line ?? 1, key: "",
                message: "expected keys and values (theme: NAME), found \(Self.kind(root))")
        }
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? "\(keyNode)"
            let line = keyNode.mark?.line ?? 1
            guard key == "theme" else {
                throw ThemeError(
                    file: file, line: line, key: key, message: "unknown key (MeshDeck reads: \(keys.joined(separator: ", ")))")
            }
            guard case .scalar(let scalar) = value, !scalar.string.isEmpty else {
                throw ThemeError(
                    file: file, line: value.mark?.line ?? line, key: key,
                    message: "expected a theme name or file, found \(Self.kind(value))")
            }
            config.theme = Located(value: scalar.string, line: scalar.mark?.line ?? line)
        }
        return config
    }

    /// What a node is, in the words of an error message.
    private static func kind(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.string.isEmpty ? "nothing" : "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
