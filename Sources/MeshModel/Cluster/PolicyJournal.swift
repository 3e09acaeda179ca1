import Synchronization

/// The recent history of a cluster's policy tables (TrafficTargets, TCPRoutes, HTTPRouteGroups):
/// every store or removal there is one step from one stamp to a fresh one, naming the key it
/// touched. `Cluster.policyDelta(since:)` walks these steps back from the new cluster to the
/// old one's stamp, so the keys that changed are known without comparing 10,000 TrafficTargets
/// one by one (that comparison was a third of a policy change at 10,000 pods).
///
/// Stamps are unique in the process, so an old stamp is found only in a cluster that really
/// descends from that value; two copies changed apart never mistake each other's history. The
/// journal keeps at most `capacity` steps; when the old stamp has fallen out (or is unknown), the
/// caller compares the tables as before. History is not content: two clusters with the same
/// resources are equal whatever their journals say.
struct PolicyJournal: Sendable, Equatable {
    struct Step: Sendable {
        var before: UInt64
        var after: UInt64
        var key: ObjectKey
        var kind: ResourceKind
    }

    /// Steps kept; past it the older half is dropped.
    static let capacity = 1_024
    private static let nextStamp = Atomic<UInt64>(1)

    /// The policy tables' contents, as a stamp (0: as built, before any journaled change).
    private(set) var stamp: UInt64 = 0
    private var steps: [Step] = []

    static func == (a: PolicyJournal, b: PolicyJournal) -> Bool { true }

    mutating func note(_ kind: ResourceKind, _ key: ObjectKey) {
        let fresh = Self.nextStamp.add(1, ordering: .relaxed).newValue
        if steps.count >= Self.capacity { steps.removeFirst(Self.capacity / 2) }
        steps.append(Step(before: stamp, after: fresh, key: key, kind: kind))
        stamp = fresh
    }

    /// The keys touched, per kind, since the tables were at `old`'s stamp; nil when that stamp
    /// is not in this journal's history.
    func changes(since old: PolicyJournal) -> [ResourceKind: Set<ObjectKey>]? {
        var at = stamp
        var out: [ResourceKind: Set<ObjectKey>] = [:]
        var i = steps.count - 1
        while at != old.stamp {
            guard i >= 0, steps[i].after == at else { return nil }
            out[steps[i].kind, default: []].insert(steps[i].key)
            at = steps[i].before
            i -= 1
        }
        return out
    }
}
