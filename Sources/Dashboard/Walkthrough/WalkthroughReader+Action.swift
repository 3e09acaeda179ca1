import MeshModel

extension WalkthroughReader {
    static let actionTypes = ["create-namespace", "add-to-mesh", "apply", "get", "set-permissive", "probe"]

    /// A step's `action:`. Its `type` decides which other fields it may have, so the mapping is
    /// read twice: once for the type, then with that type's fields known.
    static func action(_ field: Field) -> WalkthroughAction? {
        guard let raw = field.mapping(nullIsEmpty: false), let type = given(raw, "type")?.text() else { return nil }
        let fields: Set<String>
        switch type {
        case "create-namespace", "add-to-mesh": fields = ["namespace"]
        case "apply": fields = ["manifest", "namespace"]
        case "get": fields = ["resources", "namespace"]
        case "set-permissive": fields = ["enabled"]
        case "probe": fields = ["from", "to", "message"]
        default:
            raw["type"]?.report("unknown action '\(type)'", hint: "actions: \(actionTypes.joined(separator: ", "))")
            return nil
        }
        guard let map = field.mapping(known: fields.union(["type"]), nullIsEmpty: false) else { return nil }
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
                map["manifest"]?.report("no embedded manifest named '\(manifest)'",
                                        hint: "manifests: \(WalkthroughAction.manifests.keys.sorted().joined(separator: ", "))")
                return nil
            }
            return .apply(manifest: manifest, namespace: namespace)
        case "get":
            guard let resources = text("resources"), let namespace = text("namespace") else { return nil }
            guard Listable.parse(resources) != nil else {
                map["resources"]?.report("'\(resources)' is not a list of resource types",
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
