/// Whether the full-screen dashboard can run here, decided before ncurses touches the
/// terminal. Pure, so the refusals are testable; `NCursesTerminal.open` applies them.
package enum TerminalSupport {
    package enum Verdict: Sendable, Equatable {
        case ok
        /// A one-line message for stderr that says why and what to run instead.
        case refused(String)
    }

    /// The checks that need no terminfo: both ends a terminal, and a usable `TERM`.
    /// A pipe or a `TERM=dumb` console cannot show a full screen; the plain commands still work.
    package static func check(environment: [String: String], stdinIsTTY: Bool, stdoutIsTTY: Bool) -> Verdict {
        if !stdoutIsTTY { return .refused(refusal("stdout is not a terminal")) }
        if !stdinIsTTY { return .refused(refusal("stdin is not a terminal")) }
        guard let term = environment["TERM"], !term.isEmpty else { return .refused(refusal("TERM is not set")) }
        if term == "dumb" { return .refused(refusal("TERM=dumb")) }
        return .ok
    }

    /// The check that needs terminfo (after `newterm`): a terminal that cannot move the
    /// cursor (`cup`) would print the screen as a stream of lines.
    static func check(term: String, hasCursorAddressing: Bool) -> Verdict {
        hasCursorAddressing ? .ok : .refused(refusal("TERM=\(term)"))
    }

    /// `newterm` found no terminfo entry for `TERM`.
    static func unknownTerminal(_ term: String) -> String {
        refusal("TERM=\(term) is not in the terminfo database")
    }

    /// How much colour to use. `NO_COLOR` (present and non-empty, per no-color.org) turns colour
    /// off: bold, reverse and underline still carry the meaning. `colors` is terminfo's count.
    static func colorMode(environment: [String: String], colors: Int) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        switch colors {
        case 256...: return .twoFiftySix
        case 16...: return .sixteen
        case 8...: return .eight
        default: return .none
        }
    }

    /// Every refusal names the reason and points at the commands that need no full screen.
    static func refusal(_ reason: String) -> String {
        "meshdeck: the dashboard needs a terminal with cursor addressing (\(reason)). "
            + "Use the plain commands instead: meshdeck get, "
            + "meshdeck explain --from curl/curl --to tcp-echo.tcp-demo:9000, "
            + "meshdeck probe --from curl/curl --to tcp-echo.tcp-demo:9000"
    }

    /// Whether the locale variables ask for UTF-8 (the first of LC_ALL, LC_CTYPE, LANG that is
    /// set decides, as the C library reads them).
    static func asksForUTF8(_ environment: [String: String]) -> Bool {
        let value = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        return value.lowercased().contains("utf-8") || value.lowercased().contains("utf8")
    }
}

/// Thrown by `NCursesTerminal.open` when the dashboard cannot run here; the message is the
/// refusal to print on stderr (the caller then exits 2).
package struct TerminalUnavailable: Error, CustomStringConvertible, Sendable {
    let message: String
    package var description: String { message }

}
