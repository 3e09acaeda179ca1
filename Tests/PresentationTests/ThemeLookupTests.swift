import Foundation
import Testing

@testable import Presentation
@testable import TerminalUI

/// `--theme NAME` as a user with themes of their own, and k9s skins, sees it. Every test gets
/// its own home directory; nothing reads the real one.
@Suite struct ThemeLookupTests {
    /// What `--theme name` says when it refuses, or nil when it takes the theme.
    static func refusal(_ name: String, _ environment: [String: String]) -> String? {
        do {
            _ = try ThemeLoader.resolve(name, environment: environment)
            return nil
        } catch {
            return error.description
        }
    }

    /// A skin whose only colour is the border's.
    static func skin(border: String) -> String { "k9s:\n  frame:\n    border:\n      fgColor: \(border)\n" }

    @Test func aNameIsMeshDecksOwnThemeThenAK9sSkin() throws {
        let home = TemporaryHome()
        try home.write(".config/k9s/skins/nord.yaml", Self.skin(border: "aqua"))
        var theme = try ThemeLoader.resolve("nord", environment: home.environment)
        #expect(theme.name == "nord")
        #expect(theme.palette.pairs[.border]?.foreground == 14)
        // MeshDeck's own themes directory comes before k9s's skins.
        try home.write(".config/meshdeck/themes/nord.yaml", Self.skin(border: "navy"))
        theme = try ThemeLoader.resolve("nord", environment: home.environment)
        #expect(theme.palette.pairs[.border]?.foreground == 4)
        // A shipped theme comes first of all.
        try home.write(".config/meshdeck/themes/light.yaml", Self.skin(border: "red"))
        #expect(try ThemeLoader.resolve("light", environment: home.environment) == ThemeLoader.resolve("light", environment: [:]))
    }

    @Test func xdgConfigHomeIsUsedWhenSetAndAbsolute() throws {
        let home = TemporaryHome(), xdg = TemporaryHome()
        try home.write(".config/meshdeck/themes/mine.yaml", Self.skin(border: "navy"))
        try xdg.write("meshdeck/themes/mine.yaml", Self.skin(border: "teal"))
        let border = { (env: [String: String]) in
            try ThemeLoader.resolve("mine", environment: env).palette.pairs[.border]?.foreground
        }
        #expect(try border(["HOME": home.path, "XDG_CONFIG_HOME": xdg.path]) == 6)
        // Unset, empty or relative (which the XDG spec says to ignore): ~/.config.
        #expect(try border(["HOME": home.path]) == 4)
        #expect(try border(["HOME": home.path, "XDG_CONFIG_HOME": ""]) == 4)
        #expect(try border(["HOME": home.path, "XDG_CONFIG_HOME": "relative/dir"]) == 4)
    }

    @Test func k9sConfigDirMovesK9sSkinsAsItDoesForK9s() throws {
        let home = TemporaryHome(), k9s = TemporaryHome()
        try k9s.write("skins/dracula.yaml", Self.skin(border: "purple"))
        let theme = try ThemeLoader.resolve("dracula", environment: ["HOME": home.path, "K9S_CONFIG_DIR": k9s.path])
        #expect(theme.palette.pairs[.border]?.foreground == 5)
    }

    @Test func anUnknownNameListsWhereItLooked() {
        let home = TemporaryHome()
        #expect(
            Self.refusal("nord", home.environment)
                == "nord: no such theme or file; themes: default, light, high-contrast, deuteranopia, monochrome; looked for "
                + "\(home.path)/.config/meshdeck/themes/nord.yaml, \(home.path)/.config/k9s/skins/nord.yaml")
        #expect(
            Self.refusal("nord", [:])?.hasSuffix("monochrome (and no config directory: neither XDG_CONFIG_HOME nor HOME is set)")
                == true)
    }

    @Test func aBrokenThemeFoundByNameNamesItsFileLineAndKey() throws {
        let home = TemporaryHome()
        try home.write(".config/k9s/skins/nord.yaml", Self.skin(border: "aquamarinex"))
        let refusal = Self.refusal("nord", home.environment)
        #expect(refusal?.hasPrefix("\(home.path)/.config/k9s/skins/nord.yaml:4: k9s.frame.border.fgColor: not a colour") == true)
    }

    @Test func aPathIsReadAsAFileNotLookedUp() throws {
        let home = TemporaryHome()
        try home.write(".config/meshdeck/themes/nord.yaml", Self.skin(border: "navy"))
        try home.write("elsewhere/nord.yml", Self.skin(border: "olive"))
        let theme = try ThemeLoader.resolve(home.path + "/elsewhere/nord.yml", environment: home.environment)
        #expect(theme.name == "nord")
        #expect(theme.palette.pairs[.border]?.foreground == 3)
        // Ending in .yaml makes it a path (relative to the working directory), even without a `/`.
        #expect(
            Self.refusal("nord.yaml", home.environment)?.hasPrefix("nord.yaml: no such theme or file; themes: default,") == true)
    }
}
