import DataPlaneInterface
import Foundation
import PolicyEngine
import Presentation
import TerminalUI

/// The live probe log: newest at the bottom, scrollable. Replies and reasons come from the
/// network and manifests, so they are escaped by `Canvas.put`.
enum LogView {
    /// `words`: the dashboard's language for a stopped probe's reason (the reply, names and
    /// the ALLOWED/DENIED verdict stay as they are).
    static func line(_ entry: LogEntry, context: RenderContext, words: any ExplanationWords) -> (String, Style) {
        let time = clock(entry.time)
        switch entry.kind {
        case .command(let text):
            return ("\(time)  $ \(text)", Style(.muted))
        case .output(let text):
            return ("\(time)    \(text)", Style(.muted))
        case .probe(let r):
            let g = context.glyphs
            let verdict =
                r.outcome == .allowed ? "\(g.check) ALLOWED" : r.outcome == .denied ? "\(g.cross) DENIED" : "\(g.cross) ERROR"
            let ms = String(format: "%.1f ms", r.latencies.total * 1000)
            var reply = r.reply
            while reply.hasSuffix("\n") { reply.removeLast() }
            let tail = r.outcome == .allowed ? reply : ProbeWords.stopped(r, in: words)
            return (
                "\(time) \(verdict)  \(r.from) \(g.arrow) \(r.to)  \(r.message)  \(ms)  \(tail)",
                Style(r.outcome == .allowed ? .success : .failure)
            )
        }
    }

    /// `HH:mm:ss` in local time (only visible lines are formatted).
    static func clock(_ date: Date) -> String {
        let c = Calendar.current.dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
