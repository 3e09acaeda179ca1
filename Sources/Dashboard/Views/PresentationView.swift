import DataPlaneInterface
import PolicyEngine
import Presentation
import TerminalText
import TerminalUI

/// The presentation layout (`z`), for a projector: the newest probe's verdict in block letters
/// five rows high (glyph and word, never colour alone), its route, and the policy's reason and
/// fix for it, whole; the log below.
enum PresentationView {
    /// The newest probe in the log (what the audience just saw), if any.
    static func lastProbe(_ state: AppState) -> ProbeResult? {
        guard let index = state.log.visibleProbe(fromEnd: 0), case .probe(let r) = state.log.visible(index).kind else {
            return nil
        }
        return r
    }

    /// The reason and fix, as the explanation pins them.
    static func explanation(_ state: AppState, _ r: ProbeResult, context: RenderContext) -> [String] {
        let words = state.logWords(context)
        guard let e = try? state.policy.workload(named: r.from), let (host, port) = try? PolicyIndex.splitHostPort(r.to) else {
            return [words.label(.reason, aligned: false) + ProbeWords.reason(r, in: words)]
        }
        return Reducer.explanationLines(state.policy.explain(from: e, host: host, port: port), words: words)
            .filter(\.isPinned).map(\.text)
    }

    /// Everything inside the box, wrapped to `width` less the border.
    static func content(_ state: AppState, width: Int, context: RenderContext) -> [(String, Style)] {
        let t = context.text(state)
        guard let r = lastProbe(state) else { return [(t.noVerdictYet, Style(.muted))] }
        let g = context.glyphs
        let allowed = r.outcome == .allowed
        let style = Style(allowed ? .success : .failure, bold: true)
        var out: [(String, Style)] = [
            (
                TextFit.truncate("\(r.from) \(g.arrow) \(r.to)  \(r.message)", to: width, ascii: context.ascii),
                Style(.body, bold: true)
            )
        ]
        let word = allowed ? "ALLOWED" : "DENIED"
        let banner = BlockLetters.render((allowed ? "+" : "x") + " " + word, ascii: context.ascii)
        if banner.first.map({ TextWidth.of($0) <= width }) == true {
            out += banner.map { ($0, style) }
        } else {
            out.append(("\(allowed ? g.check : g.cross) \(word)", style))
        }
        for line in explanation(state, r, context: context) {
            for row in TextWrap.wrap(line, width: width, hangingIndent: TextWrap.hangingIndent(of: line)) {
                out.append((row, Style(.body, bold: line.hasPrefix("fix"))))
            }
        }
        return out
    }

    /// Rows the box wants: its content and border.
    static func rows(_ state: AppState, width: Int, context: RenderContext) -> Int {
        content(state, width: max(1, width - 4), context: context).count + 2
    }

    static func draw(_ state: AppState, into canvas: inout Canvas, in rect: Rect, context: RenderContext) {
        let t = context.text(state)
        canvas.box(
            x: rect.x, y: rect.y, width: rect.width, height: rect.height, title: t.lastVerdict,
            style: Style(.border, bold: true), titleStyle: Style(.title, bold: true, reverse: true), ascii: context.ascii,
            heavy: true)
        for (i, line) in content(state, width: max(1, rect.width - 4), context: context).prefix(max(0, rect.height - 2))
            .enumerated()
        {
            canvas.put(
                line.0, x: rect.x + 2, y: rect.y + 1 + i, style: line.1, maxWidth: rect.width - 4, cut: context.glyphs.ellipsis)
        }
    }
}

/// Five-row block letters for the few words the presentation layout shows large.
enum BlockLetters {
    static let font: [Character: [String]] = [
        "A": [" ███ ", "█   █", "█████", "█   █", "█   █"],
        "D": ["████ ", "█   █", "█   █", "█   █", "████ "],
        "E": ["█████", "█    ", "████ ", "█    ", "█████"],
        "I": ["█████", "  █  ", "  █  ", "  █  ", "█████"],
        "L": ["█    ", "█    ", "█    ", "█    ", "█████"],
        "N": ["█   █", "██  █", "█ █ █", "█  ██", "█   █"],
        "O": [" ███ ", "█   █", "█   █", "█   █", " ███ "],
        "W": ["█   █", "█   █", "█ █ █", "██ ██", "█   █"],
        // The verdict glyphs, drawn as letters are: a check and a cross.
        "+": ["    █", "   █ ", "█ █  ", " █   ", "     "],
        "x": ["█   █", " █ █ ", "  █  ", " █ █ ", "█   █"],
        " ": ["  ", "  ", "  ", "  ", "  "],
    ]

    /// The word in five rows, letters a column apart; `#` instead of `█` in ASCII.
    static func render(_ word: String, ascii: Bool) -> [String] {
        (0..<5).map { row in
            let line = word.compactMap { font[$0]?[row] }.joined(separator: " ")
            return ascii ? line.replacingOccurrences(of: "█", with: "#") : line
        }
    }
}
