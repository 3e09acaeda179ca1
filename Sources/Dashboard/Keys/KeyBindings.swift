import TerminalUI

/// Where a key means something. The dashboard is in exactly one of the first four footers' worth
/// of modes at a time (see `KeyBindings.footerContext`), but a key is looked up in a short stack
/// of contexts (`KeyBindings.dispatchContexts`): a mode's own keys first, then the panes'.
enum KeyContext: Sendable, Hashable, CaseIterable {
    /// The four panes: the dashboard's main keys.
    case panes
    /// The guide is shown beside the log.
    case guide
    /// The reachability matrix replaces the panes.
    case matrix
    /// A load (`L`, `:load`) is running.
    case load
    /// The help or an explanation is on top.
    case popup
    /// "Delete?" is on top.
    case confirmDelete
    /// "Start the guided walkthrough?" (it resets the cluster) is on top.
    case confirmReset
    /// The `:` line is being typed.
    case commandLine
    /// The `/` filter is being typed.
    case filter
}

/// What a key asks for. The reducer carries these out (`Reducer.perform(_:)`); nothing else
/// decides what a key does.
enum KeyCommand: Sendable, Hashable {
    case probe, togglePermissive, toggleEgress, applyPolicy, deletePolicy, explain
    case nextPane, previousPane, focusLeft, focusRight, up, down, pageUp, pageDown
    /// Home: a top pane's first row (the log's oldest page, the guide's top).
    case home
    /// End: the log's newest entry, following again (a top pane's last row); long lines wrap or are cut.
    case logNewest, toggleWrap
    case describe, showYAML, copy, togglePresentation
    case toggleMatrix, toggleMap, openFilter, openCommandLine, startLoad, openGuide, nextTheme, help, quit
    /// Esc in the panes: backs out of one thing (the matrix, then the filter).
    case back
    case guideNext, guideBack, hideGuide
    case stopLoad, closeMatrix
    /// The matrix's cell cursor, and the explanation of its cell.
    case matrixUp, matrixDown, matrixLeft, matrixRight, explainCell
    case closePopup, confirmDelete, keepPolicy, confirmReset, keepCluster
    case popupUp, popupDown, popupPageUp, popupPageDown
    case runLine, completeLine, historyOlder, historyNewer, cancelLine
    case keepFilter, clearFilter
    /// Not a key: words the footer shows in a mode (`type to filter the log`).
    case hint
}

/// One key binding: which keys, what they are called on screen, what they do, where, and how
/// the footer and the help describe them. The footer, the help overlay, the README's key table
/// (a test checks it) and the reducer's dispatch all read this table (bubbles/key's idea).
struct KeyBinding: Sendable {
    var keys: [Key]
    /// How the footer and the help name the keys (`Enter`, `n/Space`, `q, Ctrl-C`).
    var name: String
    var command: KeyCommand
    var contexts: Set<KeyContext>
    /// The footer's label, in the dashboard's language; nil: never in a footer.
    var label: (@Sendable (UIText) -> String)?
    /// Priority in each context's footer (higher stays longer when the line is short); a context
    /// not named here does not show this binding in its footer.
    var footer: [KeyContext: Int] = [:]
    /// The help overlay's name for the keys, when it differs from `name` (`Enter, s`).
    var helpName: String?
    /// The help overlay's line for this binding; nil: not listed.
    var help: (@Sendable (UIText) -> String)?
    /// When the footer shows it (the key works either way); nil: always.
    var shown: (@Sendable (AppState) -> Bool)?
}

package enum KeyBindings {
    private static func char(_ c: Character) -> Key { .character(c) }

    /// Every binding, in the order the help lists them; a footer lists a mode's own keys first,
    /// then the panes' keys, each in this order.
    static let all: [KeyBinding] = [
        KeyBinding(
            keys: [.enter, char("s")], name: "Enter", command: .probe, contexts: [.panes, .matrix], label: { $0.probe },
            footer: [.panes: 9, .guide: 6, .matrix: 8, .load: 8], helpName: "Enter, s", help: { $0.helpProbe }),
        KeyBinding(
            keys: [char("p")], name: "p", command: .togglePermissive, contexts: [.panes, .matrix], label: { $0.permissive },
            footer: [.panes: 9, .guide: 5, .matrix: 8, .load: 7], help: { $0.helpPermissive }),
        KeyBinding(
            keys: [char("g")], name: "g", command: .toggleEgress, contexts: [.panes, .matrix], label: { $0.egressKey },
            footer: [.panes: 5, .matrix: 4], help: { $0.helpEgress }),
        KeyBinding(
            keys: [char("a")], name: "a", command: .applyPolicy, contexts: [.panes, .matrix], label: { $0.applyPolicy },
            footer: [.panes: 8, .matrix: 7, .load: 6], help: { $0.helpApply }),
        KeyBinding(
            keys: [char("d")], name: "d", command: .deletePolicy, contexts: [.panes], label: { $0.delete },
            footer: [.panes: 5], help: { $0.helpDelete }),
        KeyBinding(
            keys: [char("e")], name: "e", command: .explain, contexts: [.panes], label: { $0.explain },
            footer: [.panes: 7, .guide: 4], help: { $0.helpExplain }),
        KeyBinding(
            keys: [.tab], name: "Tab", command: .nextPane, contexts: [.panes], helpName: "Tab, h l", help: { $0.helpMove }),
        KeyBinding(keys: [.backTab], name: "Shift-Tab", command: .previousPane, contexts: [.panes]),
        KeyBinding(keys: [char("h"), .left], name: "h, ←", command: .focusLeft, contexts: [.panes]),
        KeyBinding(keys: [char("l"), .right], name: "l, →", command: .focusRight, contexts: [.panes]),
        KeyBinding(keys: [char("k"), .up], name: "k, ↑", command: .up, contexts: [.panes]),
        KeyBinding(keys: [char("j"), .down], name: "j, ↓", command: .down, contexts: [.panes]),
        KeyBinding(
            keys: [.pageUp], name: "PgUp/PgDn", command: .pageUp, contexts: [.panes], label: { $0.scroll },
            footer: [.panes: 5], helpName: "PgUp PgDn", help: { $0.helpScroll }, shown: { $0.focus.isTop }),
        KeyBinding(keys: [.pageDown], name: "PgDn", command: .pageDown, contexts: [.panes]),
        KeyBinding(keys: [.home], name: "Home", command: .home, contexts: [.panes]),
        KeyBinding(
            keys: [.end, char("G")], name: "End", command: .logNewest, contexts: [.panes], label: { $0.newest },
            footer: [.panes: 8, .guide: 8], helpName: "End, G", help: { $0.helpNewest },
            shown: { $0.logScroll > 0 && !$0.focus.isTop }),
        KeyBinding(
            keys: [char("W")], name: "W", command: .toggleWrap, contexts: [.panes], label: { $0.wrap }, footer: [.panes: 2],
            help: { $0.helpWrap }),
        KeyBinding(
            keys: [char("x")], name: "x", command: .toggleMatrix, contexts: [.panes], label: { $0.matrix },
            footer: [.panes: 4], help: { $0.helpMatrix }),
        KeyBinding(
            keys: [char("i")], name: "i", command: .describe, contexts: [.panes], label: { $0.describeKey },
            footer: [.panes: 2], help: { $0.helpDescribe }),
        KeyBinding(
            keys: [char("y")], name: "y", command: .showYAML, contexts: [.panes], label: { $0.yamlKey },
            footer: [.panes: 2], help: { $0.helpYAML }),
        KeyBinding(
            keys: [char("c")], name: "c", command: .copy, contexts: [.panes, .popup], label: { $0.copyKey },
            footer: [.panes: 1, .popup: 5], help: { $0.helpCopy }),
        KeyBinding(
            keys: [char("z")], name: "z", command: .togglePresentation, contexts: [.panes], label: { $0.presentKey },
            footer: [.panes: 2], help: { $0.helpPresent }),
        KeyBinding(
            keys: [char("m")], name: "m", command: .toggleMap, contexts: [.panes, .matrix], label: { $0.mapKey },
            footer: [.panes: 4, .matrix: 5], help: { $0.helpMap }),
        KeyBinding(
            keys: [char("/")], name: "/", command: .openFilter, contexts: [.panes], label: { $0.filter },
            footer: [.panes: 6, .guide: 3], help: { $0.helpFilter }),
        KeyBinding(
            keys: [char(":")], name: ":", command: .openCommandLine, contexts: [.panes, .matrix], label: { $0.command },
            footer: [.panes: 6, .guide: 3], help: { $0.helpCommandLine }),
        KeyBinding(
            keys: [char("L")], name: "L", command: .startLoad, contexts: [.panes, .matrix], label: { $0.load },
            footer: [.panes: 4, .matrix: 4], help: { $0.helpLoad }),
        KeyBinding(
            keys: [char("w")], name: "w", command: .openGuide, contexts: [.panes], label: { $0.guide },
            footer: [.panes: 7], help: { $0.helpGuide }),
        KeyBinding(
            keys: [char("n"), char(" ")], name: "n/Space", command: .guideNext, contexts: [.guide], label: { $0.nextStep },
            footer: [.guide: 9], helpName: "n, Space", help: { $0.helpGuideSteps }),
        KeyBinding(
            keys: [char("b")], name: "b", command: .guideBack, contexts: [.guide], label: { $0.back }, footer: [.guide: 9]),
        KeyBinding(
            keys: [char("w")], name: "w", command: .hideGuide, contexts: [.guide], label: { $0.hideGuide },
            footer: [.guide: 8]),
        KeyBinding(
            keys: [char("t")], name: "t", command: .nextTheme, contexts: [.panes, .matrix], label: { $0.theme },
            footer: [.panes: 3, .matrix: 3], help: { $0.helpTheme }),
        KeyBinding(
            keys: [char("?")], name: "?", command: .help, contexts: [.panes, .matrix], label: { $0.help },
            footer: [.panes: 9, .guide: 7]),
        KeyBinding(
            keys: [char("q"), .control("c")], name: "q", command: .quit, contexts: [.panes, .matrix], label: { $0.quit },
            footer: [.panes: 9, .guide: 9, .matrix: 9, .load: 9], helpName: "q, Ctrl-C", help: { $0.helpQuit }),
        KeyBinding(keys: [.escape], name: "Esc", command: .back, contexts: [.panes]),
        KeyBinding(
            keys: [.escape], name: "Esc", command: .stopLoad, contexts: [.load], label: { $0.stopLoad }, footer: [.load: 9]),
        // The matrix replaces the panes: only what acts on it, or on the header, works there.
        KeyBinding(
            keys: [char("x"), .escape], name: "x/Esc", command: .closeMatrix, contexts: [.matrix],
            label: { $0.backToPanes }, footer: [.matrix: 9]),
        KeyBinding(
            keys: [.up, char("k")], name: "↑↓←→", command: .matrixUp, contexts: [.matrix], label: { $0.move },
            footer: [.matrix: 6]),
        KeyBinding(keys: [.down, char("j")], name: "↓", command: .matrixDown, contexts: [.matrix]),
        KeyBinding(keys: [.left, char("h")], name: "←", command: .matrixLeft, contexts: [.matrix]),
        KeyBinding(keys: [.right, char("l")], name: "→", command: .matrixRight, contexts: [.matrix]),
        KeyBinding(
            keys: [char("e")], name: "e", command: .explainCell, contexts: [.matrix], label: { $0.explain },
            footer: [.matrix: 7]),
        // On top of everything: a popup, the questions.
        KeyBinding(
            keys: [.escape, char("q"), .enter, char("e"), char("?")], name: "Esc", command: .closePopup, contexts: [.popup],
            label: { $0.close }, footer: [.popup: 9]),
        KeyBinding(
            keys: [.up, char("k")], name: "↑↓ PgUp PgDn", command: .popupUp, contexts: [.popup], label: { $0.scroll },
            footer: [.popup: 8], shown: { PopupView.scrollable($0) }),
        KeyBinding(keys: [.down, char("j")], name: "↓", command: .popupDown, contexts: [.popup]),
        KeyBinding(keys: [.pageUp], name: "PgUp", command: .popupPageUp, contexts: [.popup]),
        KeyBinding(keys: [.pageDown, char(" ")], name: "PgDn", command: .popupPageDown, contexts: [.popup]),
        KeyBinding(
            keys: [char("y"), .enter], name: "y", command: .confirmDelete, contexts: [.confirmDelete], label: { $0.delete },
            footer: [.confirmDelete: 9]),
        KeyBinding(
            keys: [char("n"), .escape, char("q")], name: "n", command: .keepPolicy, contexts: [.confirmDelete],
            label: { $0.keep }, footer: [.confirmDelete: 9]),
        KeyBinding(
            keys: [char("y"), .enter], name: "y", command: .confirmReset, contexts: [.confirmReset], label: { $0.reset },
            footer: [.confirmReset: 9]),
        KeyBinding(
            keys: [char("n"), .escape, char("q")], name: "n", command: .keepCluster, contexts: [.confirmReset],
            label: { $0.keep }, footer: [.confirmReset: 9]),
        // While a line is typed; every other key edits the line.
        KeyBinding(
            keys: [], name: "", command: .hint, contexts: [.filter], label: { $0.typeToFilter }, footer: [.filter: 8],
            shown: { !$0.focus.isTop }),
        KeyBinding(
            keys: [], name: "", command: .hint, contexts: [.filter], label: { $0.typeToFilterPane }, footer: [.filter: 8],
            shown: { $0.focus.isTop }),
        KeyBinding(
            keys: [.enter], name: "Enter", command: .runLine, contexts: [.commandLine], label: { $0.run },
            footer: [.commandLine: 9]),
        KeyBinding(
            keys: [.enter], name: "Enter", command: .keepFilter, contexts: [.filter], label: { $0.keep }, footer: [.filter: 9]),
        KeyBinding(
            keys: [.tab], name: "Tab", command: .completeLine, contexts: [.commandLine], label: { $0.complete },
            footer: [.commandLine: 8]),
        KeyBinding(
            keys: [.up], name: "↑↓", command: .historyOlder, contexts: [.commandLine], label: { $0.history },
            footer: [.commandLine: 7]),
        KeyBinding(keys: [.down], name: "↓", command: .historyNewer, contexts: [.commandLine]),
        KeyBinding(
            keys: [.escape], name: "Esc", command: .cancelLine, contexts: [.commandLine], label: { $0.cancel },
            footer: [.commandLine: 9]),
        KeyBinding(
            keys: [.escape], name: "Esc", command: .clearFilter, contexts: [.filter], label: { $0.clear }, footer: [.filter: 9]),
        // Ctrl-C quits from anywhere.
        KeyBinding(
            keys: [.control("c")], name: "Ctrl-C", command: .quit,
            contexts: [.popup, .confirmDelete, .confirmReset, .commandLine, .filter]),
    ]

    /// The mode whose footer is shown: a popup, then a typed line, then a running load, the matrix,
    /// the guide, else the panes.
    static func footerContext(_ state: AppState) -> KeyContext {
        switch state.popup {
        case .confirmDelete?: return .confirmDelete
        case .confirmGuideReset?: return .confirmReset
        case .some: return .popup
        case nil: break
        }
        switch state.input {
        case .command?: return .commandLine
        case .filter?: return .filter
        case nil: break
        }
        if state.loadRunning { return .load }
        if state.showMatrix { return .matrix }
        if state.showGuide { return .guide }
        return .panes
    }

    /// Where a key is looked up, first match wins: the mode's own keys, then the panes'. A popup
    /// or a typed line takes every key (what it does not bind, the line editor gets). The matrix
    /// hides the panes, so their keys do not reach them: only the matrix's own work there.
    static func dispatchContexts(_ state: AppState) -> [KeyContext] {
        switch footerContext(state) {
        case .confirmDelete: return [.confirmDelete]
        case .confirmReset: return [.confirmReset]
        case .popup: return [.popup]
        case .commandLine: return [.commandLine]
        case .filter: return [.filter]
        case .load, .guide, .matrix, .panes:
            var stack: [KeyContext] = []
            if state.loadRunning { stack.append(.load) }
            if state.showMatrix { return stack + [.matrix] }
            if state.showGuide { stack.append(.guide) }
            return stack + [.panes]
        }
    }

    /// The binding `key` triggers now, if any.
    static func binding(for key: Key, in state: AppState) -> KeyBinding? {
        for context in dispatchContexts(state) {
            if let binding = all.first(where: { $0.contexts.contains(context) && $0.keys.contains(key) }) { return binding }
        }
        return nil
    }

    /// The footer's items for `context`: the mode's own bindings first, then the panes' ones, each
    /// with its label and priority; with a state, only those it shows now.
    static func footerItems(_ context: KeyContext, text: UIText, state: AppState? = nil) -> [FooterView.Item] {
        let shown = all.filter { binding in
            guard binding.footer[context] != nil, binding.label != nil else { return false }
            guard let state, let when = binding.shown else { return binding.shown == nil }
            return when(state)
        }
        let own = shown.filter { !$0.contexts.contains(.panes) }
        let shared = shown.filter { $0.contexts.contains(.panes) }
        return (own + shared).map { ($0.name, $0.label!(text), $0.footer[context]!) }
    }

    /// The help overlay: one line per binding that has help, its keys in a column (its wrapped
    /// lines indented to the text), and under `:` the command line's commands packed into lines
    /// that fit `width` columns.
    static func helpLines(text: UIText, width: Int) -> [PopupLine] {
        let column = 11
        var lines: [PopupLine] = []
        for binding in all {
            guard let help = binding.help else { continue }
            let name = binding.helpName ?? binding.name
            let padded = name.padding(toLength: max(column, name.count + 1), withPad: " ", startingAt: 0)
            lines.append(PopupLine(padded + help(text), indent: padded.count))
            if binding.command == .openCommandLine {
                lines += packed(LineCommandParser.usages.map(\.usage), indent: column + 2, width: width).map {
                    PopupLine($0, indent: column + 2)
                }
            }
        }
        return lines
    }

    /// Words laid out left to right, three spaces apart, a new indented line when one is full.
    static func packed(_ words: [String], indent: Int, width: Int) -> [String] {
        let margin = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = margin
        for word in words {
            if line != margin, line.count + 3 + word.count > width {
                lines.append(line)
                line = margin
            }
            line += (line == margin ? "" : "   ") + word
        }
        if line != margin { lines.append(line) }
        return lines
    }
}

extension KeyBindings {
    /// The dashboard's keys in one line, in English, for `meshdeck dashboard --help`: the panes'
    /// footer keys, then the guide's, as the table has them.
    package static var summary: String {
        let text = UIText.en
        let panes = footerItems(.panes, text: text).map { "\($0.key) \($0.label)" }
        let guide = footerItems(.guide, text: text).filter { item in !panes.contains { $0.hasPrefix(item.key + " ") } }
            .map { "\($0.key) \($0.label)" }
        return panes.joined(separator: ", ") + "; with the guide shown: " + guide.joined(separator: ", ") + "."
    }
}
