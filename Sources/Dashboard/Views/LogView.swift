import DataPlaneInterface
import Foundation
import PolicyEngine
import Presentation
import TerminalText
import TerminalUI

/// The live probe log: newest at the bottom, scrollable. Replies and reasons come from the
/// network and manifests, so they are escaped by `Canvas.put`.
///
/// An entry takes one row, or two for a probe whose reply or reason does not fit beside it (the
/// reason of a denied probe is never cut: it wraps). A row that does not fit ends in `…`, unless
/// long lines wrap (`W`), with a hanging indent.
enum LogView {
    /// Where the text of a command or its output starts (after the time and `$ `).
    static let textColumn = 12
    /// Where a probe's second row starts (after the time).
    static let detailColumn = 9

    /// `words`: the dashboard's language for a stopped probe's reason (the reply, names and
    /// the ALLOWED/DENIED verdict stay as they are).
    static func rows(
        _ entry: LogEntry, width: Int, wrap: Bool, context: RenderContext, words: any ExplanationWords
    ) -> [(String, Style)] {
        let time = clock(entry.time, context.timeZone)
        func wrapped(_ text: String, _ style: Style, indent: Int, always: Bool = false) -> [(String, Style)] {
            guard wrap || always, TextWidth.of(text) > width else { return [(text, style)] }
            return TextWrap.wrap(text, width: width, hangingIndent: indent).map { ($0, style) }
        }
        switch entry.kind {
        case .command(let text) where text.hasPrefix("# "):
            // A comment the dashboard writes (the guide, a load): nothing to type.
            return wrapped("\(time)  \(text)", Style(.muted), indent: detailColumn + 1)
        case .command(let text):
            // What a person types on a real cluster, and copies: the easiest line to read.
            return wrapped("\(time)  $ \(text)", Style(.logText, bold: true), indent: textColumn)
        case .output(let text):
            return wrapped("\(time)    \(text)", Style(.logText), indent: textColumn)
        case .probe(let r):
            let g = context.glyphs
            let verdict =
                r.outcome == .allowed ? "\(g.check) ALLOWED" : r.outcome == .denied ? "\(g.cross) DENIED" : "\(g.cross) ERROR"
            let ms = milliseconds(r.latencies.total)
            var reply = r.reply
            while reply.hasSuffix("\n") { reply.removeLast() }
            let denied = r.outcome != .allowed
            let tail = denied ? ProbeWords.stopped(r, in: words) : reply
            let style = Style(denied ? .failure : .success)
            // The latency beside the verdict, whole: a narrow log cuts the route, not `2.4 m`.
            let head = "\(time) \(verdict)  \(ms)  \(r.from) \(g.arrow) \(r.to)  \(r.message)"
            if tail.isEmpty { return wrapped(head, style, indent: detailColumn) }
            let whole = "\(head)  \(tail)"
            if TextWidth.of(whole) <= width { return [(whole, style)] }
            // The reply or reason on a row of its own; a reason always whole.
            let detail = String(repeating: " ", count: detailColumn) + "\(g.continuation) \(tail)"
            return wrapped(head, style, indent: detailColumn)
                + wrapped(detail, style, indent: detailColumn + TextWidth.of(g.continuation) + 1, always: denied)
        }
    }

    /// `HH:mm:ss` in the context's time zone (only visible lines are formatted).
    static func clock(_ date: Date, _ zone: TimeZone) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: date)
        let day = ((seconds % 86_400) + 86_400) % 86_400
        return "\(twoDigits(day / 3600)):\(twoDigits(day / 60 % 60)):\(twoDigits(day % 60))"
    }

    // Formatted by hand: String(format:) goes through Foundation's CFString formatter, which was
    // a tenth of a 200x60 frame's time (meshdeck-bench render).
    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `2.4 ms`: seconds in milliseconds, one decimal, as `%.1f` rounds.
    static func milliseconds(_ seconds: Double) -> String {
        let tenths = (seconds * 10_000).rounded()
        guard tenths.isFinite, abs(tenths) < 1e15 else { return String(format: "%.1f ms", seconds * 1000) }
        let n = Int(tenths)
        return "\(n < 0 ? "-" : "")\(abs(n) / 10).\(abs(n) % 10) ms"
    }

    /// The inside of the log pane on this state's screen: its width and rows.
    static func viewport(_ state: AppState, context: RenderContext) -> (width: Int, rows: Int) {
        let rect = ScreenLayout.of(state, width: state.screenWidth, height: state.screenHeight, context: context).log.inner
        return (max(1, rect.width), max(1, rect.height))
    }

    /// How many entries, counting back from visible entry `end - 1`, fill `rows` rows (at least one).
    static func entriesFitting(
        _ state: AppState, before end: Int, width: Int, rows: Int, context: RenderContext
    ) -> Int {
        max(1, min(entriesFilling(state, from: end - 1, step: -1, width: width, rows: rows, context: context), end))
    }

    /// How many whole entries, from visible entry `start` on in `step`'s direction (+1 older to
    /// newer, -1 back), fit in `rows` rows of the pane.
    static func entriesFilling(
        _ state: AppState, from start: Int, step: Int, width: Int, rows: Int, context: RenderContext
    ) -> Int {
        let words = state.logWords(context)
        var used = 0
        var i = start
        while i >= 0, i < state.log.visibleCount {
            let n = Self.rows(state.log.visible(i), width: width, wrap: state.logWrap, context: context, words: words).count
            if used + n > rows { break }
            used += n
            i += step
        }
        return abs(i - start)
    }

    /// The visible entry drawn at `row` of the pane (0 = its first row), as the log pane lays
    /// out its newest entries from the bottom up; nil for an empty row.
    static func entry(atRow row: Int, _ state: AppState, width: Int, rows: Int, context: RenderContext) -> Int? {
        // As the pane draws them: entries back from the newest shown until the rows are full,
        // their last `rows` rows from the top (a short log starts at the top).
        let words = state.logWords(context)
        var owners: [Int] = []
        var index = state.log.visibleCount - state.logScroll - 1
        while index >= 0, owners.count < rows {
            let n = Self.rows(state.log.visible(index), width: width, wrap: state.logWrap, context: context, words: words)
                .count
            owners.insert(contentsOf: Array(repeating: index, count: n), at: 0)
            index -= 1
        }
        let shown = owners.suffix(rows)
        return row < shown.count ? shown[shown.startIndex + row] : nil
    }

    /// The furthest the log scrolls up: the oldest entries fill the first page, and no further.
    static func maximumScroll(_ state: AppState, context: RenderContext) -> Int {
        let (width, rows) = viewport(state, context: context)
        let fill = entriesFilling(state, from: 0, step: 1, width: width, rows: rows, context: context)
        return max(0, state.log.visibleCount - fill)
    }
}

extension AppState {
    /// The words the log says a stopped probe's reason in: the dashboard's language, English
    /// where the terminal cannot show Chinese.
    func logWords(_ context: RenderContext) -> any ExplanationWords {
        language.explanationWords(unicode: !context.ascii)
    }
}
