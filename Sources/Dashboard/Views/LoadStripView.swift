import Foundation
import TerminalText
import TerminalUI

/// A running load (or the one that just ended, until the next key), on the log pane's top
/// border: progress (`done` or `stopped` once over), the rate over the last second, the median
/// latency (of the last tick while running, of the whole run when over), and a sparkline of the
/// median per tick. Shorter forms when the pane is narrow.
enum LoadStripView {
    static func text(_ load: LoadProgress, running: Bool, width: Int, ascii: Bool, text t: UIText = .en) -> String {
        let rate = Int(load.rate.rounded())
        let latency = running ? load.medians.last : load.overallMedian ?? load.medians.last
        let median = latency.map { String(format: "p50 %.2f ms", $0 * 1000) } ?? "p50 -"
        let progress = "\(load.finished)/\(load.count)\(running ? "" : load.stopped ? t.stopped : t.done)"
        for head in [" \(t.loadWord) \(progress) · \(rate)/s · \(median) ", " \(progress) · \(rate)/s ", " \(progress) "] {
            let room = width - TextWidth.of(head)
            guard room >= 0 else { continue }
            let bars = min(LoadMeter.ticksKept, room - 1)
            return bars >= 8 ? head + Sparkline.render(load.medians, width: bars, ascii: ascii) + " " : head
        }
        return ""
    }
}
