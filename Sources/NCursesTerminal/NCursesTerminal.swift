import CNCurses
import Foundation
import TerminalText
import TerminalUI

/// The real terminal: copies canvases to the screen with ncursesw, reads keys, follows
/// resizes, and gives the terminal back as it found it: on `close()`, after a quit signal
/// (the loop sees `quitSignal` and closes), and on a crash (the shim's handler). Every
/// catchable signal that ends a process is one or the other (SignalGuard).
///
/// ncurses is not thread-safe, so this class is not `Sendable`: open it, use it and close it
/// on the one thread that owns the terminal (the dashboard's UI thread). Open one at a time:
/// the signal handlers it installs are process-wide.
package final class NCursesTerminal: TerminalBackend {
    /// Whether the locale is UTF-8, so box drawing, ✔ ✘ and CJK text can be shown.
    package let unicode: Bool
    /// How much colour `apply(_:)` uses.
    let colorMode: ColorMode
    /// Whether -1 (the terminal's own foreground or background) is usable, so the theme
    /// follows the user's light or dark background.
    private let defaultColors: Bool
    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var lastQuitSignal: Int32?
    /// A SIGINT not yet reported by `readKey` as Ctrl-C.
    private var interruptPending = false

    /// Takes over the terminal, or throws the reason it cannot (print it; exit status 2).
    /// Uses `newterm`, not `initscr`, which would exit the process on a bad terminal.
    package static func open(
        environment: [String: String] = ProcessInfo.processInfo.environment
    )
        throws(TerminalUnavailable) -> NCursesTerminal
    {
        let verdict = TerminalSupport.check(
            environment: environment,
            stdinIsTTY: isatty(STDIN_FILENO) == 1, stdoutIsTTY: isatty(STDOUT_FILENO) == 1)
        if case .refused(let message) = verdict { throw TerminalUnavailable(message: message) }
        let term = environment["TERM"] ?? ""

        // Before anything else: without the locale, ncurses writes multibyte text as bytes.
        // A UTF-8 locale the machine lacks (LANG=zh_CN.UTF-8 in a slim container) still means a
        // UTF-8 terminal: fall back to C.UTF-8 rather than to ASCII.
        if setlocale(LC_ALL, "") == nil, TerminalSupport.asksForUTF8(environment) {
            setlocale(LC_ALL, "C.UTF-8")
        }
        // Before newterm, which leaves signals it finds already handled alone.
        SignalGuard.install(crashReport: CrashReportSettings.reportPath(environment: environment))
        guard let screen = newterm(term, meshdeck_stdout(), meshdeck_stdin()) else {
            SignalGuard.restore()
            throw TerminalUnavailable(message: TerminalSupport.unknownTerminal(term))
        }
        if case .refused(let message) = TerminalSupport.check(
            term: term, hasCursorAddressing: meshdeck_has_string_capability("cup"))
        {
            endwin()
            delscreen(screen)
            SignalGuard.restore()
            throw TerminalUnavailable(message: message)
        }
        return NCursesTerminal(screen: screen, environment: environment)
    }

    private init(screen: OpaquePointer, environment: [String: String]) {
        let window = meshdeck_stdscr()!
        self.screen = screen
        self.window = window
        // cbreak, not raw: Ctrl-C stays a signal (reported as .control("c")) and Ctrl-Z
        // still suspends, with ncurses restoring the terminal around it.
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        curs_set(0)
        // The default 1 s would make Esc feel broken; 25 ms still joins escape sequences.
        set_escdelay(25)

        // Every role needs its own pair, plus pair 0 that curses reserves.
        let pairsNeeded = Int32(Style.Role.allCases.count + 1)
        let colors = has_colors() && tigetnum("pairs") >= pairsNeeded ? Int(tigetnum("colors")) : 0
        colorMode = TerminalSupport.colorMode(environment: environment, colors: colors)
        var defaultColors = false
        if colorMode != .none {
            start_color()
            defaultColors = use_default_colors() == OK
        }
        self.defaultColors = defaultColors
        unicode = meshdeck_locale_is_utf8()
        apply(.default)
    }

    deinit { close() }

    /// Gives the terminal back (shell modes, main screen, cursor) and the signals back to
    /// their former handlers. Safe to call more than once.
    package func close() {
        guard let screen else { return }
        endwin()
        delscreen(screen)
        self.screen = nil
        window = nil
        SignalGuard.restore()
        // endwin shows the cursor only where terminfo says how; say it once more.
        let showCursor: [UInt8] = Array("\u{1B}[?25h".utf8)
        _ = showCursor.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    package var size: (width: Int, height: Int) {
        guard let window else { return (0, 0) }
        return (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// The last quit signal (SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGALRM, …) received since
    /// `open`, else nil.
    package var quitSignal: Int32? {
        takeQuitSignal()
        return lastQuitSignal
    }

    /// Copies the canvas to the screen, clipped to the screen's size. ncurses sends only
    /// the cells that changed since the last refresh.
    package func draw(_ canvas: Canvas) {
        guard let window else { return }
        let columns = Int(getmaxx(window)), rows = Int(getmaxy(window))
        // Blank first: where the canvas is smaller than the screen (or a character is
        // narrower for the C library than for the canvas), nothing stale stays behind.
        werase(window)
        var cell = cchar_t()
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: CellGlyph.capacity) { buffer in
            for y in 0..<min(rows, canvas.height) {
                for x in 0..<min(columns, canvas.width) {
                    let source = canvas[x, y]
                    if source.isContinuation { continue }
                    // A double-width character cut by the screen's right edge shows as a space.
                    let clipped = TextWidth.of(source.character) == 2 && x + 1 >= columns
                    CellGlyph.write(clipped ? " " : source.character, ascii: !unicode, into: buffer)
                    let pair = colorMode == .none ? 0 : CellGlyph.pair(source.style.role)
                    setcchar(&cell, buffer.baseAddress, CellGlyph.attributes(source.style), pair, nil)
                    mvwadd_wch(window, Int32(y), Int32(x), &cell)
                }
            }
        }
        wrefresh(window)
    }

    /// The next key within `timeoutMilliseconds` (0: do not wait, negative: wait for one).
    /// A SIGINT (Ctrl-C under cbreak) is reported as `.control("c")`. A quit signal cuts the
    /// wait short only when this thread is the one that takes it; with other threads running
    /// (the engine's), it is seen when the wait ends, so keep the timeout short.
    package func readKey(timeoutMilliseconds: Int32) -> Key? {
        guard let window else { return nil }
        if takeInterrupt() { return .control("c") }
        wtimeout(window, timeoutMilliseconds)
        var code: wint_t = 0
        let status = wget_wch(window, &code)
        if let key = KeyDecoder.key(status: status, code: code) { return key }
        // The signal may have cut the wait short.
        return takeInterrupt() ? .control("c") : nil
    }

    /// Sets up one colour pair per role, within what the terminal has. Without colour
    /// (NO_COLOR, or none in terminfo) there is nothing to set: attributes carry the meaning.
    package func apply(_ palette: Palette) {
        guard screen != nil, colorMode != .none else { return }
        for role in Style.Role.allCases {
            let colors = colorMode.clamp(palette.pairs[role] ?? Palette.Pair(-1), defaultColors: defaultColors)
            init_pair(CellGlyph.pair(role), colors.foreground, colors.background)
        }
    }

    private func takeQuitSignal() {
        guard let signal = SignalGuard.takeQuitSignal() else { return }
        lastQuitSignal = signal
        if signal == SIGINT { interruptPending = true }
    }

    private func takeInterrupt() -> Bool {
        takeQuitSignal()
        defer { interruptPending = false }
        return interruptPending
    }
}
