/// The summary of a load run. `lost` counts probes that neither finished nor failed: it must
/// be zero, every probe accounted for.
public struct LoadReport: Sendable {
    public var requested: Int
    public var allowed = 0
    public var denied = 0
    public var errors = 0
    public var seconds: Double = 0
    /// Round-trip latency of every finished probe, in seconds, sorted.
    public var latencies: [Double] = []

    public init(requested: Int) { self.requested = requested }

    public var lost: Int { requested - allowed - denied - errors }
    public var probesPerSecond: Double { seconds > 0 ? Double(allowed + denied + errors) / seconds : 0 }

    /// The q-quantile (0...1) of the latencies, nearest rank.
    public func quantile(_ q: Double) -> Double {
        guard !latencies.isEmpty else { return 0 }
        let rank = Int((q * Double(latencies.count)).rounded(.up)) - 1
        return latencies[min(max(rank, 0), latencies.count - 1)]
    }
}
