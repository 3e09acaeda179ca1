import Foundation
import Testing

@testable import Presentation
@testable import TerminalUI

/// What a theme file's author sees: each colour they wrote is the one the dashboard uses, or
/// they are told which line and key are wrong.
@Suite struct ThemeFileTests {
    @Test func anUnquotedHexColourIsAnErrorInsteadOfTheTerminalColour() {
        // In YAML `#` after a space starts a comment: this value is empty, not a colour.
        let skin = "k9s:\n  frame:\n    border:\n      fgColor: #5f87af\n"
        do {
            _ = try ThemeLoader.load(skin, name: "x", file: "mine.yaml")
            Issue.record("accepted an empty colour")
        } catch {
            #expect(
                error.description
                    == ##"mine.yaml:4: k9s.frame.border.fgColor: # starts a YAML comment, so this colour is empty: quote it ("#5f87af")"##
            )
        }
        // Quoted it is the colour; an empty value with an ordinary comment stays the terminal's own.
        let quoted = try? ThemeLoader.load(skin.replacingOccurrences(of: "#5f87af", with: "\"#5f87af\""), name: "x", file: "x")
        #expect(quoted?.palette.pairs[.border]?.foreground == 67)
        let commented = try? ThemeLoader.load("k9s:\n  frame:\n    border:\n      fgColor: # later\n", name: "x", file: "x")
        #expect(commented?.palette.pairs[.border]?.foreground == -1)
    }

    @Test func theShippedThemesHexColoursAreTheirs() throws {
        // These were unquoted once, and so silently the terminal's colour.
        let deuteranopia = try ThemeLoader.resolve("deuteranopia")
        #expect(deuteranopia.palette.pairs[.border]?.foreground == 67)  // #5f87af
        #expect(deuteranopia.palette.pairs[.title]?.foreground == 67)
        let light = try ThemeLoader.resolve("light")
        #expect(light.palette.pairs[.warning]?.foreground == 130)  // #af5f00: the PERMISSIVE badge
        #expect(light.palette.pairs[.muted]?.foreground == 242)  // #6c6c6c
    }
}
