import MeshModel

/// Keeping a compiled index in step with the cluster without compiling all of it again.
///
/// TrafficTargets are partitioned by destination identity: everything a TrafficTarget compiles
/// into (its `smiRules` and `outboundRoutes` keys, its slot in `activeTargets`, its place in
/// `targetsByDestination`) belongs to the partition of the ServiceAccount it names as its
/// destination, and nothing else reads another partition's entries. A change to a TrafficTarget
/// recompiles the partitions of its old and its new destination; a change to a TCPRoute
/// recompiles the partitions of the TrafficTargets naming it (`targetsByRoute`, the reverse
/// map); permissive mode is one flag the rules read. Any other change (namespaces, workloads,
/// services, splits, egress, the rest of the MeshConfig) compiles the index afresh, as does a
/// change touching so many TrafficTargets that a fresh compile is as cheap.
///
/// `IncrementalPolicyTests` checks, over random sequences of applies and deletes, that the
/// result decides and explains exactly as `PolicyIndex(cluster)` does.
extension PolicyIndex {
    /// This index brought to `next`: incrementally when only policy changed, else compiled.
    package func updated(to next: Cluster) -> PolicyIndex {
        var index = self
        index.update(to: next)
        return index
    }

    /// In place: cheapest when this index is the only copy (its tables are not copied first).
    package mutating func update(to next: Cluster) {
        guard let delta = next.policyDelta(since: cluster),
            delta.trafficTargets.count + delta.tcpRoutes.count <= Self.incrementalLimit(next.trafficTargets.count)
        else {
            self = PolicyIndex(next)
            return
        }
        let old = cluster
        cluster = next
        permissive = next.isPermissive
        guard !delta.trafficTargets.isEmpty || !delta.tcpRoutes.isEmpty else { return }

        // The partitions touched, and the changed targets each one gains.
        var touched: Set<Int32> = []
        var arriving: [Int32: [ObjectKey]] = [:]
        for key in delta.trafficTargets {
            if let before = old.trafficTargets[key] {
                forgetRoutes(of: before)
                if let d = identityIndex[Self.destinationKey(before)] { touched.insert(d) }
            }
            if let after = next.trafficTargets[key] {
                noteRoutes(of: after)
                let d = identity(after.destination.namespace, after.destination.name)
                touched.insert(d)
                arriving[d, default: []].append(key)
            }
        }
        for route in delta.tcpRoutes {
            for key in targetsByRoute[route] ?? [] {
                if let target = next.trafficTargets[key], let d = identityIndex[Self.destinationKey(target)] {
                    touched.insert(d)
                }
            }
        }
        // Every target of a touched partition may change status (a TCPRoute appearing turns a
        // `routeMissing` one active), so each gets its status row rewritten.
        var rows: Set<ObjectKey> = []
        let partitions = touched.sorted()
        for d in partitions { rows.formUnion(clearPartition(d)) }
        for d in partitions {
            var keys = Set(arriving[d] ?? [])
            keys.formUnion(rows)
            let members = keys.filter { key in
                cluster.trafficTargets[key].map { identityIndex[Self.destinationKey($0)] == d } ?? false
            }
            for key in members.sorted() { _ = compileTarget(cluster.trafficTargets[key]!) }
        }
        rows.formUnion(delta.trafficTargets)
        for key in rows.sorted() { rewriteStatusRow(key) }
    }

    /// Above this many changed TrafficTargets and TCPRoutes, compiling afresh is no slower.
    static func incrementalLimit(_ targets: Int) -> Int { max(64, targets / 8) }

    static func destinationKey(_ target: TrafficTarget) -> ObjectKey {
        ObjectKey(namespace: target.destination.namespace, name: target.destination.name)
    }

    /// Drops everything partition `d` compiled into; returns the targets it held.
    private mutating func clearPartition(_ d: Int32) -> [ObjectKey] {
        let keys = targetsByDestination.removeValue(forKey: d) ?? []
        for key in keys {
            if let slot = activeTargetIndex.removeValue(forKey: key) { freeActiveSlots.append(Int32(slot)) }
            ignoredTargets[key] = nil
        }
        for key in partitionKeys.removeValue(forKey: d) ?? [] {
            smiRules[key] = nil
            outboundRoutes.remove(key)
        }
        return keys
    }

    /// The status rows stay in key order, as a fresh compile lists them: one row replaced,
    /// inserted or removed.
    private mutating func rewriteStatusRow(_ key: ObjectKey) {
        guard let target = cluster.trafficTargets[key] else {
            statusRows.remove(key)
            return
        }
        let why = activeTargetIndex[key] == nil ? ignoredTargets[key] : nil
        statusRows.set(TargetStatusRows.Row(target: target, ignoredBecause: why.map { EnglishWords().ignored($0) }, ignored: why))
    }
}
