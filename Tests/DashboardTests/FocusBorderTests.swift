import MeshModel
import Testing

@testable import Dashboard
@testable import Presentation
@testable import TerminalUI

/// `frame.border.focusColor` as a user sees it: the focused pane's border in that colour, the
/// others in `fgColor`, and the focus still marked without colour (a heavy, bold border and a
/// reverse title).
@Suite struct FocusBorderTests {
    static let skin = """
        k9s:
          frame:
            border:
              fgColor: navy
              focusColor: "#ff0000"
        """

    /// The colour each pane's top-left corner is drawn in, and its title's first cell, keyed by
    /// the corner's row and column.
    struct Corner {
        var x: Int, y: Int, colour: Int16?, bold: Bool, heavy: Bool, titleReverse: Bool
    }

    static func corners(_ state: AppState, _ palette: Palette) -> [Corner] {
        let canvas = Screen.render(state, width: 100, height: 30, context: RenderContext(ascii: false))
        var found: [Corner] = []
        for y in 0..<canvas.height {
            for x in 0..<canvas.width where canvas[x, y].character == "┌" || canvas[x, y].character == "┏" {
                let corner = canvas[x, y].style
                found.append(
                    Corner(
                        x: x, y: y, colour: palette.pairs[corner.role]?.foreground, bold: corner.bold,
                        heavy: canvas[x, y].character == "┏",
                        titleReverse: canvas[x + 2, y].style.reverse))
            }
        }
        return found
    }

    @Test func theFocusedPanesBorderIsInFocusColourAndStillMarkedWithoutIt() throws {
        let palette = try ThemeLoader.load(Self.skin, name: "focus", file: "focus.yaml").palette
        var state = AppState(cluster: Scenario.walkthrough())
        for pane in [Pane.namespaces, .workloads, .policies, .log] {
            state.focus = pane
            let corners = Self.corners(state, palette)
            #expect(corners.count == 4, "four panes")
            // Panes in reading order: namespaces, workloads, policies on top, the log below.
            let focused = corners.sorted { ($0.y, $0.x) < ($1.y, $1.x) }[pane.rawValue]
            for corner in corners {
                let isFocused = corner.x == focused.x && corner.y == focused.y
                #expect(corner.colour == (isFocused ? 196 : 4), "\(pane): pane at \(corner.x),\(corner.y)")
                // Never colour alone: the focused pane is heavy and bold, with a reverse title.
                #expect(
                    corner.bold == isFocused && corner.heavy == isFocused && corner.titleReverse == isFocused, "\(pane)")
            }
        }
    }

    @Test func aSkinWithoutFocusColourDrawsEveryBorderInItsBorderColour() throws {
        let palette = try ThemeLoader.load(
            "k9s:\n  frame:\n    border:\n      fgColor: navy\n", name: "x", file: "x.yaml"
        ).palette
        #expect(Self.corners(AppState(cluster: Scenario.walkthrough()), palette).allSatisfy { $0.colour == 4 })
        // The shipped themes set one of their own (monochrome: none at all).
        let shipped = try BuiltinThemes.all.map { try ThemeLoader.load($0.yaml, name: $0.name, file: $0.name) }
        #expect(shipped.map { $0.palette.pairs[.focusBorder]?.foreground } == [-1, 12, 11, 117, -1])
    }
}
