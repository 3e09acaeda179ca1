import Yams

/// `kubectl get all -A -o yaml` lists Pods, ReplicaSets, DaemonSets… by the dozen. Each one
/// skipped with its own warning would bury the output, so inside a `kind: List` the items of a
/// kind MeshDeck does not model are counted and reported once per kind.
struct SkippedListItems {
    private var kinds: [(kind: String, count: Int, first: Field)] = []

    /// True when the item is of a kind MeshDeck does not model (it is then counted, not decoded).
    /// Items that are broken, or near a kind MeshDeck knows, are left to the decoder to report.
    mutating func skip(_ item: Field) -> Bool {
        guard case .mapping(let map) = item.node else { return false }
        func text(_ key: String) -> String? {
            for (k, v) in map where k.string == key { return v.string }
            return nil
        }
        guard let kind = text("kind"),
            ResourceKind.isOutsideMeshDeck(kind: kind, apiVersion: text("apiVersion")) || Self.isOwned(kind: kind, map)
        else {
            return false
        }
        if let index = kinds.firstIndex(where: { $0.kind == kind }) {
            kinds[index].count += 1
        } else {
            kinds.append((kind, 1, item))
        }
        return true
    }

    /// Another part of the same List's counts, read after this one (ManifestDecoder+JSONList).
    mutating func merge(_ later: SkippedListItems) {
        for entry in later.kinds {
            if let index = kinds.firstIndex(where: { $0.kind == entry.kind }) {
                kinds[index].count += entry.count
            } else {
                kinds.append(entry)
            }
        }
    }

    /// A Pod, ReplicaSet or Job that a controller owns (`metadata.ownerReferences`, as in
    /// `kubectl get all -o yaml`): its owner is read, and derives it.
    static func isOwned(kind: String, _ map: Node.Mapping) -> Bool {
        guard ResourceKind.derivedWhenOwned.contains(kind) else { return false }
        for (k, v) in map where k.string == "metadata" {
            guard case .mapping(let meta) = v else { return false }
            for (mk, mv) in meta where mk.string == "ownerReferences" {
                if case .sequence(let refs) = mv { return !refs.isEmpty }
            }
        }
        return false
    }

    /// One warning per kind, at its first item; a kind seen once is decoded as usual instead.
    func report(decodingSingles decode: (Field) -> Void) {
        for entry in kinds {
            guard entry.count > 1 else { decode(entry.first); continue }
            let field = entry.first.mapping()?["kind"] ?? entry.first
            if ResourceKind.derivedWhenOwned.contains(entry.kind) {
                field.report(
                    "\(entry.count) \(entry.kind) items skipped: each has an owner (metadata.ownerReferences), which MeshDeck reads and derives them from",
                    hint: "bare Pods, ReplicaSets and Jobs (without ownerReferences) are read as workloads",
                    severity: .warning)
                continue
            }
            let derived = ["Endpoints", "EndpointSlice"].contains(entry.kind)
            field.report(
                "\(entry.count) \(entry.kind) items skipped: MeshDeck does not model kind '\(entry.kind)', so they are not applied",
                hint: derived
                    ? "MeshDeck derives endpoints from the workloads' pods"
                    : "MeshDeck reads \(ResourceKind.allCases.map(\.rawValue).joined(separator: ", "))",
                severity: .warning)
        }
    }
}

extension ResourceKind {
    /// Kinds a controller creates for another workload: read only when they stand alone.
    static let derivedWhenOwned: Set<String> = ["Pod", "ReplicaSet", "Job"]

    /// A kind MeshDeck does not model and that is not a mistyped one of its own: not within two
    /// edits of a kind it knows, not in a mesh API group (SMI, OSM), where every kind OSM v1.2
    /// serves is known. The core and `apps` groups hold much more than MeshDeck reads
    /// (ReplicaSet, DaemonSet, StatefulSet), so a kind there is only skipped.
    static func isOutsideMeshDeck(kind: String, apiVersion: String?) -> Bool {
        guard ResourceKind(rawValue: kind) == nil, closest(to: kind) == nil else { return false }
        let group = apiVersion.map { $0.contains("/") ? String($0.split(separator: "/")[0]) : "" } ?? ""
        return !(group.hasSuffix("smi-spec.io") || group.hasSuffix("openservicemesh.io"))
    }
}
