import MeshModel
import NIOConcurrencyHelpers
import NIOCore

/// The pods whose listeners are up, with who is using each right now, behind one lock: a
/// sidecar on an event loop leases its connection's destination here without a hop to the
/// control plane, and the control plane stops only pods nobody leases (least recently used
/// first) when it needs room under `EngineConfiguration.maxRunningPods`.
///
/// A lease is taken for as long as a connection needs the pod: a probe leases its source pod
/// for the whole probe, an outbound sidecar leases the endpoint it routes to until the client's
/// connection closes. The addresses come with the lease, from the same entry, so a connection
/// never dials the addresses of a pod that was stopped and started again meanwhile (its
/// ephemeral ports are new, and the old ones may be someone else's).
final class RunningPods: Sendable {
    private struct Entry {
        var addresses: PodAddresses
        var leases = 0
        /// `clock` at the last lease: the smallest is the least recently used.
        var lastUse: UInt64
        /// When it was last leased, for the event that evicts it.
        var lastUseAt: NIODeadline
    }

    private struct Table {
        var entries: [ObjectKey: Entry] = [:]
        var clock: UInt64 = 0
    }

    private let table = NIOLockedValueBox(Table())

    /// Where `pod` listens, with a lease on it, if it is running (nil: cold, or being stopped).
    func lease(_ pod: ObjectKey) -> PodAddresses? {
        table.withLockedValue { t in
            guard var entry = t.entries[pod] else { return nil }
            t.clock &+= 1
            entry.leases += 1
            entry.lastUse = t.clock
            entry.lastUseAt = .now()
            t.entries[pod] = entry
            return entry.addresses
        }
    }

    /// Gives back a lease taken by `lease` or `insert(leased: true)`.
    func release(_ pod: ObjectKey) {
        table.withLockedValue { t in
            guard t.entries[pod] != nil else { return }
            t.entries[pod]!.leases = max(0, t.entries[pod]!.leases - 1)
        }
    }

    /// A pod that just started; `leased`: the caller that started it holds a lease already.
    func insert(_ pod: ObjectKey, addresses: PodAddresses, leased: Bool) {
        table.withLockedValue { t in
            t.clock &+= 1
            t.entries[pod] = Entry(addresses: addresses, leases: leased ? 1 : 0, lastUse: t.clock, lastUseAt: .now())
        }
    }

    /// The pod's listeners changed (its app was stopped by a fault).
    func update(_ pod: ObjectKey, addresses: PodAddresses) {
        table.withLockedValue { t in t.entries[pod]?.addresses = addresses }
    }

    /// Takes `pod` out whatever its leases (it left the cluster, or the engine stops).
    func remove(_ pod: ObjectKey) {
        table.withLockedValue { t in _ = t.entries.removeValue(forKey: pod) }
    }

    /// Takes out the least recently used pod that nobody leases, and says when it was last
    /// used; nil when every running pod is in use. From then on a lease on it fails, so a
    /// connection that finds it gone asks for it to be started again.
    func takeLeastRecentlyUsedIdle() -> (pod: ObjectKey, lastUse: NIODeadline)? {
        table.withLockedValue { t in
            var best: (ObjectKey, Entry)?
            for (pod, entry) in t.entries where entry.leases == 0 {
                if best == nil || entry.lastUse < best!.1.lastUse { best = (pod, entry) }
            }
            guard let (pod, entry) = best else { return nil }
            t.entries[pod] = nil
            return (pod, entry.lastUseAt)
        }
    }

    var count: Int { table.withLockedValue { $0.entries.count } }

    /// Leases held now, over every pod (0 when nothing is in flight).
    var leases: Int { table.withLockedValue { $0.entries.values.reduce(0) { $0 + $1.leases } } }
}
