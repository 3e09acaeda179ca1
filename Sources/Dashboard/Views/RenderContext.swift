import Foundation
import TerminalUI

/// What every view gets: where to draw and how.
package struct RenderContext: Sendable {
    var ascii: Bool
    /// The log's clock (tests fix it, so screens compare whole).
    var timeZone: TimeZone
    var glyphs: Glyphs { ascii ? .ascii : .unicode }

    package init(ascii: Bool, timeZone: TimeZone = .current) {
        self.ascii = ascii
        self.timeZone = timeZone
    }

    /// The dashboard's words for `state`'s language, in English where Chinese cannot be shown.
    func text(_ state: AppState) -> UIText { UIText.for(state.language, ascii: ascii) }
}
