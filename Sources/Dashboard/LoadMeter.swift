import DataPlaneInterface
import Foundation
import Synchronization

/// What the header shows while `L` or `:load` runs: progress, the rate over the last second
/// and a sparkline of median latency, one bar per tick.
package struct LoadProgress: Sendable, Equatable {
    var count: Int
    var concurrency: Int
    package var allowed = 0
    package var denied = 0
    package var errors = 0
    /// Probes per second over the last ~second.
    var rate: Double = 0
    /// Median latency of each tick (seconds), oldest first, at most `LoadMeter.ticksKept`.
    var medians: [Double] = []
    var started: Date
    /// The median of the whole run, once it is over.
    var overallMedian: Double?

    package var finished: Int { allowed + denied + errors }
}

/// Counts a running load's results as they come in, from any thread, and hands the UI loop a
/// snapshot per tick. Memory stays constant however long the load: a tick's latencies are
/// folded into one median when the tick closes.
package final class LoadMeter: Sendable {
    static let ticksKept = 120
    private struct Tally {
        var progress: LoadProgress
        var tick: [Double] = []
        /// (time, finished) at recent ticks, for the rate.
        var history: [(Date, Int)] = []
    }
    private let tally: Mutex<Tally>

    init(count: Int, concurrency: Int, started: Date = Date()) {
        tally = Mutex(Tally(progress: LoadProgress(count: count, concurrency: concurrency, started: started)))
    }

    /// One probe finished (nil outcome: it threw before it had one).
    func record(_ outcome: ProbeResult.Outcome?, latency: Double) {
        tally.withLock { t in
            switch outcome {
            case .allowed?: t.progress.allowed += 1
            case .denied?: t.progress.denied += 1
            case .error?, nil: t.progress.errors += 1
            }
            if outcome != nil, t.tick.count < 100_000 { t.tick.append(latency) }
        }
    }

    /// Closes the current tick and returns the progress so far.
    func tick(now: Date = Date()) -> LoadProgress {
        tally.withLock { t in
            if !t.tick.isEmpty {
                t.tick.sort()
                t.progress.medians.append(t.tick[t.tick.count / 2])
                if t.progress.medians.count > Self.ticksKept { t.progress.medians.removeFirst() }
                t.tick.removeAll(keepingCapacity: true)
            }
            t.history.append((now, t.progress.finished))
            while let first = t.history.first, now.timeIntervalSince(first.0) > 1.0, t.history.count > 2 {
                t.history.removeFirst()
            }
            if let first = t.history.first, now > first.0 {
                t.progress.rate = Double(t.progress.finished - first.1) / now.timeIntervalSince(first.0)
            }
            return t.progress
        }
    }
}
