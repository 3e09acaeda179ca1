import DataPlaneInterface
import Foundation

/// `L` and `:load`: many probes of the current probe, with a live rate and latency sparkline.
/// The probes count in the header; the log gets one line at the start and a summary at the end.
extension Reducer {
    static func startLoad(_ state: inout AppState, count: Int, concurrency: Int, now: Date) -> [Effect] {
        guard !state.loadRunning else {
            state.message = state.text.loadAlreadyRunning
            return []
        }
        state.loadRunning = true
        state.showLoadStrip = true
        state.load = LoadProgress(count: count, concurrency: concurrency, started: now)
        state.loadEdge = EdgeKey(from: state.probeFrom, to: state.probeTo)
        command(&state, now, state.text.loadComment(count, state.probeMessage, state.probeFrom, state.probeTo, concurrency))
        state.message = state.text.loadRunning
        return [
            .startLoad(
                from: state.probeFrom, to: state.probeTo, message: state.probeMessage, count: count, concurrency: concurrency)
        ]
    }

    static func loadTick(_ state: inout AppState, _ progress: LoadProgress) {
        guard state.loadRunning else { return }
        countInHeader(&state, progress)
        state.load = progress
    }

    static func loadFinished(_ state: inout AppState, _ report: LoadReport, cancelled: Bool, now: Date) {
        guard state.loadRunning else { return }
        state.loadRunning = false
        var final = state.load ?? LoadProgress(count: report.requested, concurrency: 0, started: now)
        final.allowed = report.allowed
        final.denied = report.denied
        final.errors = report.errors
        final.rate = report.probesPerSecond
        final.overallMedian = report.latencies.isEmpty ? nil : report.quantile(0.5)
        final.stopped = cancelled
        countInHeader(&state, final)
        state.load = final
        func ms(_ q: Double) -> String { String(format: "%.2f", report.quantile(q) * 1000) }
        // A stopped load's report counts only the probes it started; the user asked for `count`.
        let numbers = LoadNumbers(
            requested: final.count, finished: report.allowed + report.denied + report.errors, allowed: report.allowed,
            denied: report.denied, errors: report.errors, lost: cancelled ? 0 : report.lost,
            rate: Int(report.probesPerSecond.rounded()),
            p50: ms(0.5), p90: ms(0.9), p99: ms(0.99), max: ms(1), stopped: cancelled)
        // The whole of it in the log; the message line has room for the gist only.
        output(&state, now, state.text.loadSummary(numbers))
        state.message = state.text.loadMessage(numbers)
    }

    /// Adds what finished since the last tick to the header's counters (errors count as
    /// denied there, as a single probe's do).
    private static func countInHeader(_ state: inout AppState, _ progress: LoadProgress) {
        let before = state.load ?? LoadProgress(count: 0, concurrency: 0, started: progress.started)
        let allowed = max(0, progress.allowed - before.allowed)
        let denied = max(0, progress.denied + progress.errors - before.denied - before.errors)
        state.allowed += allowed
        state.denied += denied
        // And on the service map's connection, live.
        if let edge = state.loadEdge {
            state.edges[edge, default: EdgeCounts()].record(
                allowed: allowed, denied: denied, latency: progress.medians.last ?? 0, at: state.now)
        }
    }
}
