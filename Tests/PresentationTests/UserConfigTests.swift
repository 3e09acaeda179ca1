import Foundation
import Testing

@testable import Presentation
@testable import TerminalUI

/// `theme:` in ~/.config/meshdeck/config.yaml as a user sees it: the dashboard's theme when
/// nothing else says, and a broken file reported with file, line and key.
@Suite struct UserConfigTests {
    static let config = ".config/meshdeck/config.yaml"

    /// The theme the dashboard would open with, or what it says when it refuses to open.
    static func start(_ option: String?, _ environment: [String: String]) -> Result<String?, ThemeError> {
        Result { () throws(ThemeError) in try StartTheme.resolve(option: option, environment: environment)?.name }
    }

    static func refusal(_ option: String?, _ environment: [String: String]) -> String? {
        if case .failure(let error) = start(option, environment) { return error.description }
        return nil
    }

    @Test func theConfigThemeIsUsedWhenNeitherTheFlagNorTheVariableSays() throws {
        let home = TemporaryHome()
        #expect(try Self.start(nil, home.environment).get() == nil)  // no config: the shipped default
        try home.write(Self.config, "# my defaults\ntheme: light\n")
        #expect(try Self.start(nil, home.environment).get() == "light")
        var env = home.environment
        env["MESHDECK_THEME"] = "monochrome"
        #expect(try Self.start(nil, env).get() == "monochrome")
        #expect(try Self.start("deuteranopia", env).get() == "deuteranopia")
        // The config's theme is looked up like --theme's: here, a k9s skin.
        try home.write(".config/k9s/skins/nord.yaml", "k9s:\n  body:\n    fgColor: snow\n")
        try home.write(Self.config, "theme: nord\n")
        #expect(try Self.start(nil, home.environment).get() == "nord")
    }

    @Test func aRelativePathInTheConfigIsBesideIt() throws {
        let home = TemporaryHome()
        try home.write(".config/meshdeck/mine.yaml", "k9s:\n  frame:\n    border:\n      fgColor: navy\n")
        try home.write(Self.config, "theme: ./mine.yaml\n")
        let theme = try StartTheme.resolve(option: nil, environment: home.environment)
        #expect(theme?.name == "mine")
        #expect(theme?.palette.pairs[.border]?.foreground == 4)
    }

    @Test func aBrokenConfigNamesFileLineAndKey() throws {
        let home = TemporaryHome()
        let file = "\(home.path)/\(Self.config)"
        let cases: [(String, String)] = [
            ("theme: light\nthem: dark\n", "\(file):2: them: unknown key (MeshDeck reads: theme)"),
            ("theme:\n", "\(file):1: theme: expected a theme name or file, found nothing"),
            ("theme: [light, dark]\n", "\(file):1: theme: expected a theme name or file, found a list"),
            ("- theme: light\n", "\(file):1: expected keys and values (theme: NAME), found a list"),
            (
                "# defaults\ntheme: nord\n",
                "\(file):2: theme: nord: no such theme or file; themes: default, light, high-contrast, deuteranopia, monochrome;"
                    + " looked for \(home.path)/.config/meshdeck/themes/nord.yaml, \(home.path)/.config/k9s/skins/nord.yaml"
            ),
        ]
        for (text, expected) in cases {
            try home.write(Self.config, text)
            #expect(Self.refusal(nil, home.environment) == expected, "\(text)")
        }
        try home.write(Self.config, "theme: 'light\n")
        #expect(Self.refusal(nil, home.environment)?.hasPrefix("\(file):2: invalid YAML") == true)
    }

    @Test func aBrokenConfigIsReportedEvenWhenTheFlagChoosesTheTheme() throws {
        let home = TemporaryHome()
        try home.write(Self.config, "theme: light\ncolour: blue\n")
        #expect(
            Self.refusal("monochrome", home.environment)
                == "\(home.path)/\(Self.config):2: colour: unknown key (MeshDeck reads: theme)")
    }

    @Test func aThemeFileBrokenInsideIsBlamedOnItsOwnLine() throws {
        let home = TemporaryHome()
        try home.write(".config/meshdeck/themes/mine.yaml", "k9s:\n  frame:\n    border:\n      fgColor: bluish\n")
        try home.write(Self.config, "theme: mine\n")
        #expect(
            Self.refusal(nil, home.environment)?.hasPrefix(
                "\(home.path)/.config/meshdeck/themes/mine.yaml:4: k9s.frame.border.fgColor")
                == true)
    }
}
