import MeshModel
import Yams

extension WalkthroughReader {
    /// Each action type and the fields it takes besides `type`, in the order hints list them.
    static let actionSpecs: [(type: String, fields: Set<String>)] = [
        ("create-namespace", ["namespace"]), ("add-to-mesh", ["namespace"]), ("apply", ["manifest", "namespace"]),
        ("get", ["resources", "namespace"]), ("set-permissive", ["enabled"]), ("probe", ["from", "to", "message"]),
    ]
    static let actionTypes = actionSpecs.map(\.type)
    static let actionFields = Dictionary(uniqueKeysWithValues: actionSpecs.map { ($0.type, $0.fields) })

    /// A step's `action:`. Its `type` decides which other fields it may have, so the type is
    /// peeked at first, reporting nothing; then the mapping is read once, so each mistake in it
    /// is reported once. (An unknown or unreadable type allows every action's fields: the type
    /// itself is the mistake then.)
    static func action(_ field: Field) -> WalkthroughAction? {
        let peeked: String?
        if let node = field.peek("type")?.node, case .scalar(let scalar) = node { peeked = scalar.string } else { peeked = nil }
        let fields = peeked.flatMap { actionFields[$0] } ?? actionFields.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        guard let map = field.mapping(known: fields.union(["type"]), nullIsEmpty: false),
            let type = given(map, "type")?.text()
        else { return nil }
        guard actionFields[type] != nil else {
            map["type"]?.report("unknown action '\(type)'", hint: "actions: \(actionTypes.joined(separator: ", "))")
            return nil
        }
        func text(_ key: String) -> String? { given(map, key)?.text() }
        switch type {
        case "create-namespace":
            return text("namespace").map(WalkthroughAction.createNamespace)
        case "add-to-mesh":
            return text("namespace").map(WalkthroughAction.addToMesh)
        case "apply":
            guard let manifest = text("manifest") else { return nil }
            let namespace = map["namespace"]?.text()
            guard WalkthroughAction.manifests[manifest] != nil else {
                map["manifest"]?.report(
                    "no embedded manifest named '\(manifest)'",
                    hint: "manifests: \(WalkthroughAction.manifests.keys.sorted().joined(separator: ", "))")
                return nil
            }
            return .apply(manifest: manifest, namespace: namespace)
        case "get":
            guard let resources = text("resources"), let namespace = text("namespace") else { return nil }
            guard Listable.parse(resources) != nil else {
                map["resources"]?.report(
                    "'\(resources)' is not a list of resource types",
                    hint: "comma-separated, as kubectl get takes them: svc,po")
                return nil
            }
            return .get(resources: resources, namespace: namespace)
        case "set-permissive":
            return given(map, "enabled")?.bool().map(WalkthroughAction.setPermissive)
        default:
            guard let from = text("from"), let to = text("to"), let message = text("message") else { return nil }
            var ok = true
            if from.split(separator: "/").count != 2 {
                map["from"]?.report("'\(from)' is not NAMESPACE/DEPLOYMENT")
                ok = false
            }
            if to.split(separator: ":").count != 2 || Int(to.split(separator: ":").last ?? "") == nil {
                map["to"]?.report("'\(to)' is not HOST:PORT")
                ok = false
            }
            return ok ? .probe(ProbeRequest(from: from, to: to, message: message)) : nil
        }
    }
}
