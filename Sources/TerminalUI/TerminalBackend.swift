/// What the dashboard needs from a terminal. `NCursesTerminal` is the real one; tests use a
/// backend that keeps the last canvas in memory (as ratatui's test backend does).
package protocol TerminalBackend: AnyObject {
    /// Columns and rows right now (after a `.resize` key, the new size).
    var size: (width: Int, height: Int) { get }
    /// Whether UTF-8 glyphs (box drawing, ✔ ✘) can be shown; ASCII otherwise.
    var unicode: Bool { get }
    /// Puts the canvas on the screen. Called at most ~30 times a second.
    func draw(_ canvas: Canvas)
    /// The next key, waiting at most `timeoutMilliseconds` (0: do not wait); nil when none.
    func readKey(timeoutMilliseconds: Int32) -> Key?
    /// Applies a palette (theme change). Without colour support it only keeps attributes.
    func apply(_ palette: Palette)
    /// SIGINT, SIGTERM or SIGHUP received since the terminal opened (the loop then exits and
    /// the terminal is restored), else nil.
    var quitSignal: Int32? { get }
    /// Notes a moment worth finding later (a recording writes an asciicast marker).
    func mark(_ label: String)
}

extension TerminalBackend {
    package func mark(_ label: String) {}
}

/// Terminal colours per style role. Colour numbers follow curses: 0–7 the basic colours,
/// 8–15 bright, 16–255 the 256-colour cube, -1 the terminal's own default.
package struct Palette: Sendable, Equatable {
    package struct Pair: Sendable, Equatable {
        package var foreground: Int16
        package var background: Int16
        package init(_ foreground: Int16, _ background: Int16 = -1) {
            self.foreground = foreground
            self.background = background
        }
    }
    var name: String
    package var pairs: [Style.Role: Pair]

    package init(name: String, pairs: [Style.Role: Pair]) {
        self.name = name
        self.pairs = pairs
    }

    /// The terminal's own background, conventional colours: green allowed, red denied,
    /// yellow permissive. Meaning never rests on colour alone (glyphs, words, reverse video).
    package static let `default` = Palette(
        name: "default",
        pairs: [
            .body: Pair(-1), .border: Pair(6), .title: Pair(6), .menu: Pair(-1), .status: Pair(-1),
            .tableHeader: Pair(-1), .selected: Pair(-1), .success: Pair(2), .failure: Pair(1),
            .warning: Pair(3), .muted: Pair(8), .logText: Pair(-1), .focusBorder: Pair(-1),
        ])
}
