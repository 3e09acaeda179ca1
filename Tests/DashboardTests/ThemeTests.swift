import Foundation
import MeshDeckTestSupport
import MeshModel
import Testing

@testable import Dashboard
@testable import Presentation
@testable import TerminalUI

@Suite struct ThemeTests {
    @Test func shippedThemesLoadAndMatchTheFilesInThemes() throws {
        let dir = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")
        #expect(BuiltinThemes.all.map(\.name) == ["default", "light", "high-contrast", "deuteranopia", "monochrome"])
        for builtin in BuiltinThemes.all {
            let file = try String(contentsOf: dir.appendingPathComponent("\(builtin.name).yaml"), encoding: .utf8)
            #expect(file == builtin.yaml + "\n", "themes/\(builtin.name).yaml and the compiled-in copy differ")
            let theme = try ThemeLoader.load(builtin.yaml, name: builtin.name, file: "\(builtin.name).yaml")
            #expect(theme.palette.pairs.count == Style.Role.allCases.count)
        }
    }

    @Test func verdictsMapToTheK9sStatusColours() throws {
        let theme = try ThemeLoader.resolve("deuteranopia")
        #expect(theme.palette.pairs[.success]?.foreground == 33)  // dodgerblue: addColor
        #expect(theme.palette.pairs[.failure]?.foreground == 208)  // orange: errorColor
        #expect(theme.palette.pairs[.warning]?.foreground == 220)  // gold: modifyColor
        // No red/green pair carries meaning.
        #expect(![1, 2, 9, 10].contains(theme.palette.pairs[.success]!.foreground))
        #expect(![1, 2, 9, 10].contains(theme.palette.pairs[.failure]!.foreground))
        let mono = try ThemeLoader.resolve("monochrome")
        #expect(mono.palette.pairs.values.allSatisfy { $0.foreground == -1 && $0.background == -1 })
    }

    @Test func aK9sSkinWithAnchorsAndOtherKeysIsAccepted() throws {
        let skin = """
            foreground: &foreground "#f8f8f2"
            green: &green "#50fa7b"
            k9s:
              body:
                fgColor: *foreground
                bgColor: default
                logoColor: "#bd93f9"
              frame:
                status:
                  addColor: *green
                  errorColor: "#ff5555"
                crumbs:
                  fgColor: *foreground
              views:
                yaml:
                  keyColor: "#ff79c6"
            """
        let theme = try ThemeLoader.load(skin, name: "dracula", file: "dracula.yaml")
        #expect(theme.palette.pairs[.success]?.foreground == ThemeColor.nearest256(r: 0x50, g: 0xfa, b: 0x7b))
        #expect(ThemeColor.parse("#ff0000") == 196)
    }

    @Test func aBrokenThemeNamesFileLineAndKey() {
        let skin = "k9s:\n  frame:\n    status:\n      addColor: greenish\n"
        do {
            _ = try ThemeLoader.load(skin, name: "x", file: "mine.yaml")
            Issue.record("accepted a broken theme")
        } catch {
            #expect(error.description.hasPrefix("mine.yaml:4: k9s.frame.status.addColor: not a colour"))
        }
        do {
            _ = try ThemeLoader.resolve("/nonexistent/theme.yaml")
            Issue.record("accepted a missing file")
        } catch {
            #expect(
                error.description
                    == "/nonexistent/theme.yaml: no such theme or file; themes: default, light, high-contrast, deuteranopia, monochrome"
            )
        }
    }

    @Test func tCyclesThemesAndAsksTheBackendToApplyIt() {
        var state = AppState(cluster: Scenario.walkthrough())
        state.themes = BuiltinThemes.all.map { try! ThemeLoader.load($0.yaml, name: $0.name, file: $0.name) }
        let effects = Reducer.reduce(&state, .key(.character("t")))
        #expect(state.theme?.name == "light")
        #expect(effects == [.applyTheme(state.themes[1].palette)])
        #expect(state.message == "theme light")
    }
}

/// `light` paints its own background: black text on white whatever the terminal's background,
/// where it used to leave the terminal's (black on a dark terminal).
@Suite struct LightThemeTests {
    @Test func everyRoleHasTheLightBackgroundAndDarkText() throws {
        let light = try ThemeLoader.resolve("light").palette
        let background = try #require(light.pairs[.body]?.background)
        #expect(background >= 0, "not the terminal's own background")
        #expect(ThemeColor.parse("white") == background)
        for role in Style.Role.allCases where role != .selected {
            #expect(light.pairs[role]?.background == background, "\(role)")
            #expect(light.pairs[role]?.foreground != background, "\(role): text the colour of the background")
        }
        // The selection: dark text on the cursor colour, not the terminal's (white) default text.
        #expect(light.pairs[.selected]?.foreground == light.pairs[.body]?.foreground)
        #expect(light.pairs[.selected]?.foreground != -1)
    }

    /// What a recording of the light theme writes: every cell, blank ones included, on white.
    @Test func aFrameInTheLightThemeSetsItsBackgroundOnEveryCell() throws {
        let light = try ThemeLoader.resolve("light").palette
        var encoder = AnsiFrameEncoder(palette: light)
        let canvas = Screen.render(
            AppState(cluster: Scenario.walkthrough()), width: 80, height: 24, context: RenderContext(ascii: false))
        let out = encoder.encode(canvas)
        let white = try #require(light.pairs[.body]?.background)
        let code = AnsiFrameEncoder.color(white, foreground: false).joined(separator: ";")
        // Every SGR sequence but the resets carries the background.
        let sequences = out.components(separatedBy: "\u{1B}[").dropFirst().filter { $0.hasPrefix("0;") || $0.hasPrefix("0m") }
            .filter { $0 != "0m" && !$0.hasPrefix("0m") }
        #expect(!sequences.isEmpty)
        for sequence in sequences {
            #expect(sequence.contains(code), "no background in ESC[\(sequence.prefix(20))")
        }
    }
}
