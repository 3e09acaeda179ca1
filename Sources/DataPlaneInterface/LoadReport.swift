import Histogram
import MeshModel

/// The summary of a load run. `lost` counts probes that neither finished nor failed: it must
/// be zero, every probe accounted for.
package struct LoadReport: Sendable {
    package var requested: Int
    package var allowed = 0
    package var denied = 0
    package var errors = 0
    package var seconds: Double = 0
    /// Why the first probe that ended in an error did (the reason `probe` gives), so a run full
    /// of errors says what they were.
    package var firstError: String?
    /// Round-trip latency of every finished probe.
    package var latencies: LatencyHistogram
    /// Allowed probes by the pod that answered them (`ProbeResult.endpointPod`), so a
    /// TrafficSplit's weights can be read off a run (`backends(_:)`).
    package var answeredBy: [ObjectKey: Int] = [:]

    /// `latencyRange`: the longest latency expected (the probes' timeout), so recording never
    /// has to grow the histogram; a longer one is still counted.
    package init(requested: Int, latencyRange: Double = LatencyHistogram.defaultRange) {
        self.requested = requested
        self.latencies = LatencyHistogram(covering: latencyRange)
    }

    package var lost: Int { requested - allowed - denied - errors }
    package var probesPerSecond: Double { seconds > 0 ? Double(allowed + denied + errors) / seconds : 0 }

    /// The q-quantile (0...1) of the latencies, nearest rank within the histogram's precision.
    package func quantile(_ q: Double) -> Double { latencies.quantile(q) }
}

/// Latencies as an HDR histogram (HdrHistogram's Swift port): microsecond resolution, three
/// significant digits (a value reads back at most 0.1% high), in memory that depends on the range,
/// not on how many were recorded, so `load --count 10000000` keeps about 100 KB, not an 80 MB
/// array it then sorts.
package struct LatencyHistogram: Sendable {
    /// Ten seconds: five times the probes' default timeout.
    static let defaultRange: Double = 10

    private var histogram: Histogram<UInt64>

    /// Sized for latencies up to `seconds`; longer ones grow it rather than being dropped.
    package init(covering seconds: Double = LatencyHistogram.defaultRange) {
        histogram = Histogram(
            lowestDiscernibleValue: 1, highestTrackableValue: Swift.max(2, Self.micros(seconds)),
            numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
    }

    /// Records one latency in seconds (negative or non-finite ones as 0), `count` times.
    package mutating func record(_ seconds: Double, count: Int = 1) {
        guard count > 0 else { return }
        histogram.record(Self.micros(seconds), count: UInt64(count))
    }

    /// Adds every latency `other` recorded.
    package mutating func merge(_ other: LatencyHistogram) { histogram.add(other.histogram) }

    package var count: Int { Int(histogram.totalCount) }
    package var isEmpty: Bool { histogram.totalCount == 0 }

    /// The longest latency recorded (exact to the microsecond); 0 when none was.
    package var max: Double { isEmpty ? 0 : Double(histogram.maxRecorded) / 1e6 }

    /// The q-quantile (0...1), nearest rank: the smallest recorded latency that at least q of
    /// them do not exceed, read back to within 0.1%; 0 when none was recorded.
    package func quantile(_ q: Double) -> Double {
        guard !isEmpty else { return 0 }
        return Double(histogram.valueAtPercentile(Swift.min(Swift.max(q, 0), 1) * 100)) / 1e6
    }

    /// Whole microseconds; capped far above any timeout, where the histogram can still grow.
    private static func micros(_ seconds: Double) -> UInt64 {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return UInt64((Swift.min(seconds, 1e9) * 1e6).rounded())
    }
}
