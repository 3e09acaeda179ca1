import MeshDeckTestSupport
import MeshModel
import Testing

@testable import PolicyEngine

/// The status rows are kept in chunks that split and vanish as rows come and go; whatever the
/// sequence, they read as one list in key order, exactly as a sorted array of the same rows.
@Suite struct TargetStatusRowsTests {
    static func row(_ n: Int, _ why: String? = nil) -> TargetStatusRows.Row {
        let target = TrafficTarget(
            meta: ObjectMeta(name: "t-\(n)", namespace: "ns-\(n % 7)"), destination: IdentityRef(name: "d", namespace: "ns"),
            sources: [], rules: [])
        return TargetStatusRows.Row(target: target, ignoredBecause: why, ignored: nil)
    }

    @Test func randomSetsAndRemovesReadAsASortedArray() {
        var rng = SeededRandom(seed: 7)
        var rows = TargetStatusRows(sorted: (0..<300).map { Self.row($0) }.sorted { $0.target.meta.key < $1.target.meta.key })
        var model: [ObjectKey: String] = Dictionary(uniqueKeysWithValues: (0..<300).map { (Self.row($0).target.meta.key, "") })
        for step in 0..<10_000 {
            let n = Int(rng.next() % 3_000)
            let key = Self.row(n).target.meta.key
            if rng.next() % 4 == 0 {
                rows.remove(key)
                model[key] = nil
            } else {
                rows.set(Self.row(n, "step \(step)"))
                model[key] = "step \(step)"
            }
        }
        let expected = model.sorted { $0.key < $1.key }
        #expect(expected.count > 1_500, "too few rows to split a chunk")
        #expect(rows.count == expected.count)
        #expect(rows.map(\.target.meta.key) == expected.map(\.key), "rows are out of key order")
        #expect(rows.map { $0.ignoredBecause ?? "" } == expected.map(\.value))
        // Random access agrees with iteration, and a lookup by key finds each row.
        #expect((0..<rows.count).map { rows[$0].target.meta.key } == expected.map(\.key))
        #expect(expected.allSatisfy { rows.row($0.key)?.ignoredBecause ?? "" == $0.value })
        #expect(rows.row(ObjectKey(namespace: "none", name: "none")) == nil)
    }

    /// Which TrafficTargets' ignored reasons changed between two versions, found by walking both
    /// (and stepping over shared chunks), is exactly what comparing every key says, whatever the
    /// sets and removes between them.
    @Test func ignoredChangesAreWhatComparingEveryKeySays() {
        var rng = SeededRandom(seed: 11)
        let reasons: [TrafficTargetIgnored?] = [
            nil, .routeMissing(route: ObjectKey(namespace: "ns", name: "r1")),
            .routeMissing(route: ObjectKey(namespace: "ns", name: "r2")),
        ]
        func row(_ n: Int, _ why: TrafficTargetIgnored?) -> TargetStatusRows.Row {
            var r = Self.row(n)
            r.ignored = why
            return r
        }
        var rows = TargetStatusRows(sorted: (0..<2_000).map { row($0, nil) }.sorted { $0.target.meta.key < $1.target.meta.key })
        for round in 0..<200 {
            let before = rows
            // From one change (the dashboard's case) to many between two looks.
            for _ in 0..<(round % 10 == 0 ? 300 : 1 + Int(rng.next() % 4)) {
                let n = Int(rng.next() % 2_600)
                if rng.next() % 5 == 0 {
                    rows.remove(Self.row(n).target.meta.key)
                } else {
                    rows.set(row(n, reasons[Int(rng.next() % 3)]))
                }
            }
            var old: [ObjectKey: TrafficTargetIgnored] = [:]
            for r in before { old[r.target.meta.key] = r.ignored }
            var now: [ObjectKey: TrafficTargetIgnored] = [:]
            for r in rows { now[r.target.meta.key] = r.ignored }
            let expected = Set(old.keys).union(now.keys).filter { old[$0] != now[$0] }.sorted()
            #expect(rows.ignoredChanges(since: before) == expected, "round \(round)")
            #expect(rows.ignoredChanges(since: rows).isEmpty)
        }
    }
}
