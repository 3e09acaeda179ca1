import Foundation

/// A connection the service map draws: a source workload (`curl/curl`) and a service port
/// (`tcp-echo.tcp-demo:9000`), as a probe names them.
struct EdgeKey: Sendable, Hashable {
    var from: String
    var to: String
}

/// The probes sent along one connection since the counters last started (the guide's reset
/// starts them again, as it does the header's): single probes and a load's alike, and the
/// recent ones with their latency, for the map's stats (`linkerd viz stat`'s columns).
struct EdgeCounts: Sendable, Equatable {
    var allowed = 0
    var denied = 0
    /// The most recent results, oldest first, at most `samplesKept`: a single probe is one
    /// sample; a load tick one sample of its probe count at the tick's median latency.
    private(set) var samples: [Sample] = []

    struct Sample: Sendable, Equatable {
        var time: Date
        var count: Int
        var latency: Double
    }

    /// Memory stays bounded however long the dashboard runs.
    static let samplesKept = 512
    /// The stats' window.
    static let window: TimeInterval = 10

    mutating func record(allowed: Int, denied: Int, latency: Double, at time: Date) {
        self.allowed += allowed
        self.denied += denied
        guard allowed + denied > 0 else { return }
        samples.append(Sample(time: time, count: allowed + denied, latency: latency))
        if samples.count > Self.samplesKept { samples.removeFirst(samples.count - Self.samplesKept) }
    }

    private func recent(_ now: Date) -> [Sample] { samples.filter { now.timeIntervalSince($0.time) < Self.window } }

    /// Probes per second over the last 10 s.
    func rate(at now: Date) -> Double { Double(recent(now).reduce(0) { $0 + $1.count }) / Self.window }

    /// A latency quantile over the last 10 s, each sample weighted by its probes; nil: none.
    func latency(_ q: Double, at now: Date) -> Double? {
        let window = recent(now).sorted { $0.latency < $1.latency }
        let total = window.reduce(0) { $0 + $1.count }
        guard total > 0 else { return nil }
        let rank = max(1, Int((q * Double(total)).rounded(.up)))
        var seen = 0
        for sample in window {
            seen += sample.count
            if seen >= rank { return sample.latency }
        }
        return window.last?.latency
    }
}
