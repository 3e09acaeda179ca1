import DataPlaneInterface
import Testing

/// The latency line of `meshdeck load` (p50, p90, p99, max) comes from a histogram, not a
/// sorted array: the same nearest-rank numbers, within the histogram's 0.1%.
@Suite struct LoadLatencyTests {
    /// What the sorted array gave: the value at rank ceil(q * n).
    static func nearestRank(_ sorted: [Double], _ q: Double) -> Double {
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// A skewed spread, as loads have: mostly a few hundred microseconds, a tail to a second.
    static func latencies(_ n: Int) -> [Double] {
        var rng = SystemRandomNumberGenerator()
        return (0..<n).map { i in
            let base = Double.random(in: 0.00005...0.0008, using: &rng)
            return i % 100 == 0 ? base * Double.random(in: 10...1250, using: &rng) : base
        }
    }

    @Test func quantilesAreTheNearestRankWithinATenthOfAPercent() {
        let values = Self.latencies(20_000)
        var report = LoadReport(requested: values.count)
        for v in values { report.latencies.record(v) }
        let sorted = values.sorted()
        #expect(report.latencies.count == values.count)
        for q in [0.0, 0.01, 0.5, 0.9, 0.99, 0.999] {
            // Recorded in whole microseconds, read back at most 0.1% high.
            let exact = (Self.nearestRank(sorted, q) * 1e6).rounded() / 1e6
            let got = report.quantile(q)
            #expect(got >= exact && got <= exact * 1.001 + 1e-6, "q \(q): \(got) for \(exact)")
        }
        #expect(report.latencies.max == (sorted.last! * 1e6).rounded() / 1e6, "max is exact to the microsecond")
        #expect(report.quantile(1) == report.latencies.max)
    }

    @Test func mergedHistogramsReportWhatOneWouldHaveForAllTheirLatencies() {
        let a = Self.latencies(5_000), b = Self.latencies(3_000).map { $0 * 3 }
        var left = LatencyHistogram(), right = LatencyHistogram(), all = LatencyHistogram()
        for v in a { left.record(v) }
        for v in b { right.record(v) }
        for v in a + b { all.record(v) }
        left.merge(right)
        #expect(left.count == 8_000)
        for q in [0.5, 0.9, 0.99] { #expect(left.quantile(q) == all.quantile(q), "q \(q)") }
        #expect(left.max == all.max)
    }

    @Test func aLatencyLongerThanTheRangeIsStillCountedAndIsTheMax() {
        var histogram = LatencyHistogram(covering: 1)
        histogram.record(0.0004, count: 99)
        histogram.record(42.5)
        #expect(histogram.count == 100)
        #expect(histogram.max == 42.5)
        #expect(histogram.quantile(0.5) == 0.0004)
        #expect(abs(histogram.quantile(0.999) - 42.5) <= 42.5 * 0.001)
    }

    @Test func anEmptyLoadReportsZeroes() {
        let report = LoadReport(requested: 0)
        #expect(report.latencies.isEmpty && report.latencies.count == 0)
        #expect(report.quantile(0.5) == 0 && report.quantile(0.99) == 0 && report.latencies.max == 0)
    }
}
