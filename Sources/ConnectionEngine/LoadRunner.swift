import DataPlaneInterface
import MeshModel
import NIOConcurrencyHelpers
import PolicyEngine

extension MeshEngine {
    /// `count` probes, `concurrency` at a time, over the same path a single probe takes.
    /// `progress` is called with the number finished so far (at most every 1%); `onResult` with
    /// every probe's outcome (nil when it threw) and latency. Cancelling the task stops
    /// starting probes; the report then counts as requested only those started.
    package func load(
        from: String, to: String, message: String = "hello", count: Int, concurrency: Int,
        timeout: Double = 2, progress: (@Sendable (Int) -> Void)? = nil,
        onResult: (@Sendable (ProbeResult.Outcome?, Double) -> Void)? = nil
    ) async throws(QueryError) -> LoadReport {
        // Bad input fails here, once, not count times.
        let policy = self.policy
        _ = try policy.workload(named: from)
        _ = try PolicyIndex.splitHostPort(to)
        let next = NIOLockedValueBox(0)
        let done = NIOLockedValueBox(0)
        // One histogram for the whole load, behind a lock, rather than one per worker to merge:
        // each is about 100 KB and --concurrency goes to 4096. Recording takes nanoseconds
        // against a probe's tens of microseconds, so the lock is never the bottleneck.
        let latencies = NIOLockedValueBox(LatencyHistogram(covering: Swift.max(timeout, 1)))
        let step = max(1, count / 100)
        let clock = ContinuousClock()
        let start = clock.now
        let parts = await withTaskGroup(of: Tally.self) { group -> [Tally] in
            for _ in 0..<max(1, min(concurrency, count)) {
                group.addTask {
                    var part = Tally()
                    while !Task.isCancelled {
                        let index = next.withLockedValue { n -> Int in
                            defer { n += 1 }
                            return n
                        }
                        guard index < count else { break }
                        guard let result = try? await self.probe(from: from, to: to, message: message, timeout: timeout) else {
                            part.errors += 1
                            onResult?(nil, 0)
                            continue
                        }
                        onResult?(result.outcome, result.latencies.total)
                        switch result.outcome {
                        case .allowed:
                            part.allowed += 1
                            if let pod = result.endpointPod { part.answeredBy[pod, default: 0] += 1 }
                        case .denied: part.denied += 1
                        case .error:
                            part.errors += 1
                            if part.firstError == nil { part.firstError = (index, result.reason) }
                        }
                        latencies.withLockedValue { $0.record(result.latencies.total) }
                        if let progress {
                            let finished = done.withLockedValue { d -> Int in
                                d += 1
                                return d
                            }
                            if finished % step == 0 { progress(finished) }
                        }
                    }
                    return part
                }
            }
            var parts: [Tally] = []
            for await part in group { parts.append(part) }
            return parts
        }
        // Cancelled: only the probes that started were requested.
        var report = LoadReport(requested: min(count, next.withLockedValue { $0 }))
        for part in parts {
            report.allowed += part.allowed
            report.denied += part.denied
            report.errors += part.errors
            report.answeredBy.merge(part.answeredBy, uniquingKeysWith: +)
        }
        report.firstError = parts.compactMap(\.firstError).min { $0.index < $1.index }?.reason
        report.latencies = latencies.withLockedValue { $0 }
        let elapsed = clock.now - start
        report.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return report
    }
}

/// One worker's counts, added up when the load ends (its latencies go to the shared histogram).
private struct Tally: Sendable {
    var allowed = 0
    var denied = 0
    var errors = 0
    var answeredBy: [ObjectKey: Int] = [:]
    /// The worker's first error: which probe (in start order) and why.
    var firstError: (index: Int, reason: String)?
}
