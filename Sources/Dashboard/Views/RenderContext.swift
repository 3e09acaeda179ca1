import TerminalUI

/// What every view gets: where to draw and how.
public struct RenderContext: Sendable {
    public var ascii: Bool
    public var glyphs: Glyphs { ascii ? .ascii : .unicode }

    public init(ascii: Bool) {
        self.ascii = ascii
    }

    /// The dashboard's words for `state`'s language, in English where Chinese cannot be shown.
    func text(_ state: AppState) -> UIText { UIText.for(state.language, ascii: ascii) }
}
