import Foundation

/// A running (or the last) load, on the log pane's top border: progress, the rate over the
/// last second, median latency now, and a sparkline of the median per tick.
enum LoadStripView {
    static func text(_ load: LoadProgress, running: Bool, width: Int, ascii: Bool) -> String {
        let rate = Int(load.rate.rounded())
        let median = load.medians.last.map { String(format: "p50 %.2f ms", $0 * 1000) } ?? "p50 -"
        let head = " load \(load.finished)/\(load.count)\(running ? "" : " done") · \(rate)/s · \(median) "
        let room = max(0, min(LoadMeter.ticksKept, width - TextWidth.of(head) - 2))
        let spark = room >= 8 ? Sparkline.render(load.medians, width: room, ascii: ascii) + " " : ""
        return head + spark
    }
}
