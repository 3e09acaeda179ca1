import TerminalUI

/// What every view gets: where to draw and how.
package struct RenderContext: Sendable {
    var ascii: Bool
    var glyphs: Glyphs { ascii ? .ascii : .unicode }

    package init(ascii: Bool) {
        self.ascii = ascii
    }

    /// The dashboard's words for `state`'s language, in English where Chinese cannot be shown.
    func text(_ state: AppState) -> UIText { UIText.for(state.language, ascii: ascii) }
}
