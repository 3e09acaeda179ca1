import Testing

@testable import MeshModel

/// `Cluster.policyDelta(since:)` takes the changed policy keys from the cluster's journal when
/// it reaches back to the old cluster, and compares tables otherwise: either way the delta is
/// the real difference.
@Suite struct PolicyJournalTests {
    static func start() throws -> Cluster {
        var c = Cluster.empty()
        try c.apply([.namespace(Namespace(meta: ObjectMeta(name: "n")))])
        for i in 0..<4 { try c.apply([.trafficTarget(target("t-\(i)", source: "a"))]) }
        return c
    }

    static func target(_ name: String, source: String) -> TrafficTarget {
        TrafficTarget(
            meta: ObjectMeta(name: name, namespace: "n"), destination: IdentityRef(name: "d", namespace: "n"),
            sources: [IdentityRef(name: source, namespace: "n")], rules: [TrafficTargetRule(kind: "TCPRoute", name: "r")])
    }

    @Test func aDescendantNamesExactlyTheKeysItChanged() throws {
        let old = try Self.start()
        var new = old
        try new.apply([.trafficTarget(Self.target("t-1", source: "b"))])
        try new.delete(.trafficTarget, ObjectKey(namespace: "n", name: "t-2"))
        try new.apply([.tcpRoute(TCPRoute(meta: ObjectMeta(name: "r", namespace: "n"), ports: [80]))])
        let touched = try #require(new.policyJournal.changes(since: old.policyJournal))
        #expect(touched[.trafficTarget] == [ObjectKey(namespace: "n", name: "t-1"), ObjectKey(namespace: "n", name: "t-2")])
        #expect(new.policyDelta(since: old)?.trafficTargets.map(\.name) == ["t-1", "t-2"])
        #expect(new.policyDelta(since: old)?.tcpRoutes.map(\.name) == ["r"])
    }

    @Test func copiesChangedApartDoNotShareHistory() throws {
        let old = try Self.start()
        var a = old, b = old
        try a.apply([.trafficTarget(Self.target("t-1", source: "b"))])
        try b.apply([.trafficTarget(Self.target("t-3", source: "c"))])
        #expect(b.policyJournal.changes(since: a.policyJournal) == nil, "a sibling's stamp was found in b's history")
        // Compared table by table instead: both keys differ between them.
        #expect(b.policyDelta(since: a)?.trafficTargets.map(\.name) == ["t-1", "t-3"])
    }

    @Test func aChangeUndoneIsNoChange() throws {
        let old = try Self.start()
        var new = old
        try new.apply([.trafficTarget(Self.target("t-9", source: "b"))])
        try new.delete(.trafficTarget, ObjectKey(namespace: "n", name: "t-9"))
        #expect(new.policyJournal.changes(since: old.policyJournal)?[.trafficTarget]?.count == 1)
        #expect(new.policyDelta(since: old)?.trafficTargets == [])
    }

    @Test func aHistoryLongerThanTheJournalFallsBackToComparing() throws {
        let old = try Self.start()
        var new = old
        for i in 0..<(PolicyJournal.capacity + 10) {
            try new.apply([.trafficTarget(Self.target("t-0", source: i % 2 == 0 ? "x" : "y"))])
        }
        #expect(new.policyJournal.changes(since: old.policyJournal) == nil)
        #expect(new.policyDelta(since: old)?.trafficTargets.map(\.name) == ["t-0"])
    }
}
