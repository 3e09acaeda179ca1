import Foundation
import TerminalUI

/// Keys: the binding table (`KeyBindings`) says which command a key is in the current mode;
/// here each command is carried out. A typed line takes the keys it does not bind.
extension Reducer {
    static func reduceKey(_ state: inout AppState, _ key: Key, now: Date) -> [Effect] {
        // The strip of a load that is over goes at the next key.
        if !state.loadRunning { state.showLoadStrip = false }
        if case .mouse(let event) = key { return mouse(&state, event) }
        guard let binding = KeyBindings.binding(for: key, in: state) else {
            if state.input != nil { edit(&state, key) }
            return []
        }
        return perform(key: binding.command, &state, now: now)
    }

    static func perform(key command: KeyCommand, _ state: inout AppState, now: Date) -> [Effect] {
        switch command {
        case .quit:
            state.quit = true
        case .probe:
            state.probesInFlight += 1
            return [.probe(from: state.probeFrom, to: state.probeTo, message: state.probeMessage)]
        case .togglePermissive:
            return setPermissive(&state, !state.cluster.isPermissive, now: now)
        case .toggleEgress:
            return setEgress(&state, !state.cluster.isEgressEnabled, now: now)
        case .applyPolicy:
            return applyBundle(&state, "smi-policy", now: now)
        case .deletePolicy:
            guard let item = state.selectedPolicyItem else {
                state.message = state.text.noPolicyToDelete
                return []
            }
            show(&state, .confirmDelete(kind: item.kind, key: item.key))
        case .explain:
            explainSelected(&state)
        case .nextPane, .previousPane, .focusLeft, .focusRight:
            // Over the panes on screen: the guide's only while it is shown.
            let panes = Pane.allCases.filter { $0 != .guide || (state.showGuide && state.guide != nil) }
            let here = panes.firstIndex(of: state.focus) ?? panes.count - 1
            let next: Int
            switch command {
            case .nextPane: next = (here + 1) % panes.count
            case .previousPane: next = (here + panes.count - 1) % panes.count
            case .focusLeft: next = max(0, here - 1)
            default: next = min(panes.count - 1, here + 1)
            }
            state.focus = panes[next]
        case .up:
            move(&state, by: -1)
        case .down:
            move(&state, by: 1)
        case .pageUp:
            // The focused pane: the log, the guide, or a top pane's list.
            if state.focus == .guide {
                scrollGuide(&state, by: -guidePage(state))
            } else if state.focus.isTop {
                pagePane(&state, state.focus, pages: -1)
            } else {
                scrollLog(&state, pages: 1)
            }
        case .pageDown:
            if state.focus == .guide {
                scrollGuide(&state, by: guidePage(state))
            } else if state.focus.isTop {
                pagePane(&state, state.focus, pages: 1)
            } else {
                scrollLog(&state, pages: -1)
            }
        case .home:
            // A top pane's first row; the log's oldest page; the guide's top.
            if state.focus.isTop {
                selectRow(&state, state.focus, 0)
            } else if state.focus == .guide {
                state.guideScroll = 0
            } else {
                scrollLog(&state, pages: Int.max / 2)
            }
        case .logNewest:
            if state.focus.isTop {
                selectRow(&state, state.focus, rowCount(state, state.focus) - 1)
                return []
            }
            state.logScroll = 0
            state.logUnseen = 0
            state.selectedLogFromEnd = 0
        case .toggleWrap:
            // The same entries stay at the bottom; the rows they take change.
            state.logWrap.toggle()
            clampLogScroll(&state)
        case .toggleMatrix:
            // `x` opens the matrix from the panes; in the matrix or the map it goes back.
            state.showMatrix.toggle()
            state.showMap = false
        case .togglePresentation:
            state.presentation.toggle()
            if state.presentation, state.focus != .log { state.focus = .log }
            clampScrolls(&state)
        case .copy:
            let (text, what) = copyText(state)
            state.message = state.text.copied(what)
            return [.copy(text)]
        case .describe, .showYAML:
            if let popup = DescribeView.popup(state, yaml: command == .showYAML) {
                show(&state, popup)
            } else {
                state.message = state.text.nothingToDescribe
            }
        case .toggleMap:
            // `m` opens the map (from the panes or the matrix); in the map it goes back.
            let open = !(state.showMatrix && state.showMap)
            state.showMatrix = open
            state.showMap = open
            state.matrixRow = 0
        case .openFilter:
            // The focused pane's filter: a top pane's, else the log's.
            state.input = .filter
            state.editor = LineEditor(paneFilter(state, state.focus)?.text ?? state.log.filter)
        case .openCommandLine:
            state.input = .command
            state.editor = LineEditor()
            state.history.reset()
            state.completions = []
        case .startLoad:
            return startLoad(&state, count: 1_000, concurrency: 16, now: now)
        case .openGuide:
            return openGuide(&state, now: now)
        case .nextTheme:
            guard !state.themes.isEmpty else { return [] }
            state.themeIndex = (state.themeIndex + 1) % state.themes.count
            state.message = state.text.themeMessage(state.theme!.name)
            return [.applyTheme(state.theme!.palette)]
        case .help:
            show(&state, .help)
        case .back:
            // Esc backs out of one thing at a time: the matrix, then the filter.
            if state.showMatrix {
                state.showMatrix = false
                state.showMap = false
            } else if state.presentation {
                state.presentation = false
            } else if state.focus.isTop, paneFilter(state, state.focus)?.isEmpty == false {
                setPaneFilter(&state, state.focus, "")
            } else if state.log.isFiltered {
                setFilter(&state, "")
            }
            state.message = nil
        case .guideNext:
            return guideNext(&state, now: now)
        case .guideBack:
            return guideBack(&state, now: now)
        case .hideGuide:
            state.showGuide = false
            if state.focus == .guide { state.focus = .log }
        case .stopLoad:
            return [.cancelLoad]
        case .closeMatrix:
            state.showMatrix = false
            state.showMap = false
            state.message = nil
        case .matrixUp:
            moveMatrixCursor(&state, rows: -1, columns: 0)
        case .matrixDown:
            moveMatrixCursor(&state, rows: 1, columns: 0)
        case .matrixLeft:
            moveMatrixCursor(&state, rows: 0, columns: -1)
        case .matrixRight:
            moveMatrixCursor(&state, rows: 0, columns: 1)
        case .explainCell:
            explainCell(&state)
        case .closePopup:
            state.popup = nil
        case .popupUp:
            scrollPopup(&state, by: -1)
        case .popupDown:
            scrollPopup(&state, by: 1)
        case .popupPageUp:
            scrollPopup(&state, by: -popupPage(state))
        case .popupPageDown:
            scrollPopup(&state, by: popupPage(state))
        case .confirmReset:
            state.popup = nil
            return startGuide(&state, now: now)
        case .keepCluster:
            state.popup = nil
            state.message = state.text.guideNotOpened
        case .confirmDelete:
            guard case .confirmDelete(let kind, let key) = state.popup else { return [] }
            state.popup = nil
            return delete(&state, kind, key, now: now)
        case .keepPolicy:
            state.popup = nil
            state.message = state.text.nothingDeleted
        case .runLine:
            state.input = nil
            state.completions = []
            let line = state.editor.string
            state.history.record(line)
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
            do throws(LineCommandError) {
                return run(&state, try LineCommandParser.parse(line), now: now)
            } catch {
                state.message = error.text(state.text)
            }
        case .completeLine:
            // A path needs the disk: the app lists the directory and completion goes on with it.
            if let directory = Completer.directoryToList(state.editor.beforeCursor, state: state) {
                return [.listDirectory(directory)]
            }
            complete(&state, listing: nil)
        case .historyOlder:
            if let older = state.history.older(current: state.editor.string) { state.editor = LineEditor(older) }
        case .historyNewer:
            if let newer = state.history.newer() { state.editor = LineEditor(newer) }
        case .cancelLine:
            state.input = nil
            state.completions = []
        case .keepFilter:
            state.input = nil
            state.completions = []
            if state.focus.isTop {
                let filter = paneFilter(state, state.focus)?.text ?? ""
                state.message =
                    filter.isEmpty
                    ? nil
                    : state.text.filterKeptRows(filter, rowCount(state, state.focus), totalRows(state, state.focus))
            } else {
                state.message =
                    state.log.isFiltered ? state.text.filterKept(state.log.filter, state.log.visibleCount, state.log.count) : nil
            }
        case .clearFilter:
            state.input = nil
            state.completions = []
            if state.focus.isTop { setPaneFilter(&state, state.focus, "") } else { setFilter(&state, "") }
        case .hint:
            break
        }
        return []
    }

    /// A key the typed line does not bind edits it; the filter follows as it is typed.
    private static func edit(_ state: inout AppState, _ key: Key) {
        guard state.editor.edit(key) else { return }
        state.completions = []
        guard state.input == .filter else { return }
        if state.focus.isTop {
            setPaneFilter(&state, state.focus, state.editor.string)
        } else {
            setFilter(&state, state.editor.string)
        }
    }
}
