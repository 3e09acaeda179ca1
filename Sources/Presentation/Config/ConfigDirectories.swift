/// Where a user's own MeshDeck files live, and k9s's, found from the environment it is given
/// (so tests pass a temporary directory instead of touching the real home).
///
/// By the XDG Base Directory spec: `$XDG_CONFIG_HOME`, or `$HOME/.config` when it is unset or
/// empty; a relative path there is to be ignored, so it counts as unset. k9s keeps its skins in
/// `skins/` of its config directory, which is `$K9S_CONFIG_DIR` when that is set and
/// `$XDG_CONFIG_HOME/k9s` otherwise (derailed/k9s internal/config/files.go, `InitLocs`).
package struct ConfigDirectories: Sendable, Equatable {
    /// nil when neither XDG_CONFIG_HOME nor HOME says where it is.
    var configHome: String?
    var k9s: String?

    init(environment: [String: String]) {
        func absolute(_ name: String) -> String? {
            environment[name].flatMap { $0.hasPrefix("/") ? $0 : nil }
        }
        configHome = absolute("XDG_CONFIG_HOME") ?? absolute("HOME").map { Self.join($0, ".config") }
        k9s = environment["K9S_CONFIG_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? configHome.map { Self.join($0, "k9s") }
    }

    /// `$XDG_CONFIG_HOME/meshdeck`: config.yaml and themes/.
    var meshdeck: String? { configHome.map { Self.join($0, "meshdeck") } }

    /// `$XDG_CONFIG_HOME/meshdeck/config.yaml`.
    var configFile: String? { meshdeck.map { Self.join($0, "config.yaml") } }

    /// Where a theme called `name` may be, in the order looked: MeshDeck's own themes, then
    /// k9s's skins.
    func themeFiles(named name: String) -> [String] {
        [meshdeck.map { Self.join($0, "themes") }, k9s.map { Self.join($0, "skins") }].compactMap { dir in
            dir.map { Self.join($0, name + ".yaml") }
        }
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
