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
    /// A recording made at a fixed size (`--record-size`), whatever the terminal's: the app then
    /// also renders each frame at this size and hands it to `record`. nil: none.
    var recordingSize: (width: Int, height: Int)? { get }
    /// A frame at `recordingSize`, for the recording only.
    func record(_ canvas: Canvas)
    /// Puts text on the clipboard of the terminal (OSC 52), which also works over ssh.
    func copyToClipboard(_ text: String)
}

extension TerminalBackend {
    package func mark(_ label: String) {}
    package var recordingSize: (width: Int, height: Int)? { nil }
    package func record(_ canvas: Canvas) {}
    package func copyToClipboard(_ text: String) {}
}

/// OSC 52: what a terminal (and tmux with `set-clipboard on`) takes as "put this on the
/// clipboard". The text goes base64-encoded, so nothing in it reaches the terminal as a control.
package enum Clipboard {
    package static func osc52(_ text: String) -> String {
        "\u{1B}]52;c;" + base64(Array(text.utf8)) + "\u{07}"
    }

    /// RFC 4648 base64 (Foundation stays out of the UI core).
    static func base64(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var i = 0
        while i < bytes.count {
            let n = min(3, bytes.count - i)
            let b0 = Int(bytes[i]), b1 = n > 1 ? Int(bytes[i + 1]) : 0, b2 = n > 2 ? Int(bytes[i + 2]) : 0
            let v = b0 << 16 | b1 << 8 | b2
            out.append(table[v >> 18 & 63])
            out.append(table[v >> 12 & 63])
            out.append(n > 1 ? table[v >> 6 & 63] : "=")
            out.append(n > 2 ? table[v & 63] : "=")
            i += 3
        }
        return out
    }
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
