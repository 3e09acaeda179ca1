import Foundation
import Yams

/// Decodes multi-document YAML (and `kind: List`, as `kubectl get -o yaml` prints) into
/// resources, reporting every problem with file, line and field path.
package struct ManifestDecoder: Sendable {
    /// `-n`: namespace for namespaced documents that name none (else `default`).
    var defaultNamespace: String?
    /// Big inputs decode on every core (`ManifestDecoder+Parallel.swift`).
    package var parallelism = Parallelism.automatic
    /// Told how far the read has come, as (bytes decoded, bytes in the input), from whichever
    /// thread decoded them; for a progress line on a terminal.
    package var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    package init(defaultNamespace: String? = nil, parallelism: Parallelism = .automatic) {
        self.defaultNamespace = defaultNamespace
        self.parallelism = parallelism
    }

    package struct Output: Sendable {
        package var resources: [Resource]
        /// Errors and warnings, in input order.
        package var diagnostics: [Diagnostic]
        /// Documents read so far in this apply, List items counted one each (see ManifestLimits).
        var documents: Int = 0
        package var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        package var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    }

    /// Decodes one input. Resources are returned even when some documents failed, so callers
    /// can list everything wrong; an apply must refuse the lot when `errors` is not empty.
    ///
    /// Reading stops, with an error, at the document that takes the apply past
    /// `limits.maxDocuments`; `documentsBefore` is what the apply's earlier inputs used.
    package func decode(
        _ text: String, file: String, limits: ManifestLimits = .default, documentsBefore: Int = 0
    ) -> Output {
        if let parallel = decodeInParallel(text, file: file, limits: limits, documentsBefore: documentsBefore) {
            return Self.inLineOrder(parallel)
        }
        let reader = DocumentReader(file: file, text: text)
        var resources: [Resource] = []
        var documents = documentsBefore
        do {
            let parser = try Parser(yaml: text, resolver: .basic)
            while let root = try parser.nextRoot() {
                let document = reader.root(root)
                documents += Self.documentCount(document)
                if documents > limits.maxDocuments {
                    reader.report(
                        at: root.mark, field: "",
                        "more than \(limits.maxDocuments.formatted) documents in one apply (each item of a kind: List "
                            + "counts as one); reading stopped here and nothing was applied",
                        hint: limits.documentsHint)
                    break
                }
                decodeDocument(document, into: &resources)
            }
        } catch {
            reader.appendSyntaxError(error)
        }
        progress?(text.utf8.count, text.utf8.count)
        return Self.inLineOrder(Output(resources: resources, diagnostics: reader.diagnostics, documents: documents))
    }

    /// Read top to bottom, like the file: checks run per field, not in line order.
    static func inLineOrder(_ output: Output) -> Output {
        var output = output
        output.diagnostics = output.diagnostics.enumerated().sorted {
            ($0.element.location?.line ?? 0, $0.offset) < ($1.element.location?.line ?? 0, $1.offset)
        }.map(\.element)
        return output
    }

    /// One, or the number of items of a `kind: List`: what the document will hold once decoded.
    static func documentCount(_ document: Field) -> Int {
        guard case .mapping(let map) = document.node, map["kind"]?.string == "List",
            case .sequence(let items)? = map["items"]
        else { return 1 }
        return max(1, items.count)
    }

    func decodeDocument(_ doc: Field, into resources: inout [Resource]) {
        if doc.isNull { return }  // an empty document between `---` lines, as kubectl skips it
        guard let top = doc.mapping() else { return }
        let kind = top["kind"]?.string()
        if kind == "List" {
            guard let items = top.required("items")?.sequence() else { return }
            var skipped = SkippedListItems()
            for item in items where !skipped.skip(item) { decodeDocument(item, into: &resources) }
            skipped.report { decodeDocument($0, into: &resources) }
            return
        }
        if let resource = decodeObject(top, kindName: kind) { resources.append(resource) }
    }

    private func decodeObject(_ top: MappingField, kindName: String?) -> Resource? {
        let doc = top.parent
        let reader = doc.reader
        let errorsBefore = reader.errorCount
        let diagnosticsBefore = reader.diagnostics.count
        guard let kindName else {
            if top["kind"] == nil {
                _ = top.required("kind", hint: "every document needs 'kind:' (for example 'kind: TCPRoute')")
            }
            return nil
        }
        let apiVersion = top.required("apiVersion", hint: "every document needs 'apiVersion:'")?.string()
        guard let kind = ResourceKind(rawValue: kindName) else {
            reportUnknownKind(kindName, apiVersion: apiVersion, top: top)
            return nil
        }
        if let apiVersion, !kind.apiVersions.contains(apiVersion) {
            top["apiVersion"]?.report(
                "\(kind.rawValue) is not served as '\(apiVersion)'",
                hint: "use 'apiVersion: \(kind.apiVersions[0])'")
        }
        if case .mapping(let map) = doc.node, SkippedListItems.isOwned(kind: kindName, map) {
            let name = top["metadata"]?.mapping()?["name"]?.string() ?? "?"
            top["kind"]?.report(
                "\(kindName)/\(name) skipped: it has an owner (metadata.ownerReferences), which MeshDeck reads and derives it from",
                severity: .warning)
            return nil
        }
        checkTopLevelKeys(top, kind: kind)
        let metaField = top["metadata"]
        let meta = decodeMeta(metaField, top: top, kind: kind)
        let source = reader.location(doc.mark)
        let spec = top["spec"]
        let resource: Resource?
        switch kind {
        case .namespace:
            resource = meta.map { .namespace(Namespace(meta: $0, source: source)) }
        case .serviceAccount:
            resource = meta.map { .serviceAccount(ServiceAccount(meta: $0, source: source)) }
        case .service:
            resource = KindDecoders.service(spec, top: top, meta: meta, source: source).map(Resource.service)
        case .deployment, .statefulSet, .daemonSet, .replicaSet, .job, .pod:
            resource = KindDecoders.workload(kind, spec, top: top, meta: meta, source: source).map(Resource.deployment)
        case .meshConfig:
            resource = KindDecoders.meshConfig(spec, meta: meta, source: source).map(Resource.meshConfig)
        case .tcpRoute:
            resource = KindDecoders.tcpRoute(spec, top: top, meta: meta, source: source).map(Resource.tcpRoute)
        case .httpRouteGroup:
            resource = KindDecoders.httpRouteGroup(spec, meta: meta, source: source).map(Resource.httpRouteGroup)
        case .trafficTarget:
            resource = KindDecoders.trafficTarget(spec, top: top, meta: meta, source: source).map(Resource.trafficTarget)
        case .trafficSplit:
            resource = KindDecoders.trafficSplit(spec, top: top, meta: meta, source: source).map(Resource.trafficSplit)
        case .egress:
            resource = KindDecoders.egress(spec, top: top, meta: meta, source: source).map(Resource.egress)
        case .ingressBackend, .retry, .upstreamTrafficSetting, .meshRootCertificate:
            resource = KindDecoders.shown(kind, spec, top: top, meta: meta, source: source).map(Resource.shown)
        }
        if let spec, let apiVersion {
            // A field the decoder already refused keeps the decoder's message, not a second one.
            let refused = Set(reader.diagnostics[diagnosticsBefore...].filter { $0.severity == .error }.compactMap(\.fieldPath))
            CRDSchema.check(kind, apiVersion: apiVersion, spec: spec, refused: refused)
        }
        // Loaded, listed and exported, but without effect here: said where it is, not silently.
        if let notActedOn = kind.notActedOn, resource != nil, reader.errorCount == errorsBefore {
            top["kind"]?.report(
                "\(kind.rawValue)/\(resource!.meta.name) loaded: \(notActedOn)", severity: .warning)
        }
        return reader.errorCount == errorsBefore ? resource : nil
    }

    private func reportUnknownKind(_ kindName: String, apiVersion: String?, top: MappingField) {
        let field = top["kind"]!
        let group = apiVersion.map { $0.contains("/") ? String($0.split(separator: "/")[0]) : "" } ?? ""
        if let close = ResourceKind.closest(to: kindName) {
            field.report("unknown kind '\(kindName)'", hint: "did you mean '\(close.rawValue)'?")
        } else if !ResourceKind.isOutsideMeshDeck(kind: kindName, apiVersion: apiVersion) {
            let known = ResourceKind.allCases.filter { $0.group == group }.map(\.rawValue)
            field.report(
                "kind '\(kindName)' is not part of \(group) as OSM v1.2 serves it",
                hint: known.isEmpty ? nil : "kinds of \(group): \(known.joined(separator: ", "))")
        } else {
            let name = top["metadata"]?.mapping()?["name"]?.string() ?? "?"
            field.report(
                "\(kindName)/\(name) skipped: MeshDeck does not model kind '\(kindName)', so it is not applied",
                hint: "MeshDeck reads \(ResourceKind.allCases.map(\.rawValue).joined(separator: ", "))",
                severity: .warning)
        }
    }

    /// Strict about the top level (as `kubectl apply --validate=strict` is): a stray key there
    /// is almost always a field that lost its indentation, and we say where it belongs.
    private func checkTopLevelKeys(_ top: MappingField, kind: ResourceKind) {
        var allowed: Set<String> = ["apiVersion", "kind", "metadata", "spec", "status"]
        if kind == .serviceAccount { allowed.formUnion(["secrets", "imagePullSecrets", "automountServiceAccountToken"]) }
        for entry in top.entries where !allowed.contains(entry.key) {
            let hint: String
            if KindDecoders.metadataFields.contains(entry.key) {
                hint =
                    "'\(entry.key)' sits at the top level; it belongs under 'metadata:' (probably mis-indented: indent it by two spaces)"
            } else if KindDecoders.specFields(kind).contains(entry.key) {
                hint =
                    "'\(entry.key)' sits at the top level; it belongs under 'spec:' (probably mis-indented: indent it by two spaces)"
            } else {
                hint = "top-level fields are apiVersion, kind, metadata and spec"
            }
            entry.value.reader.report(
                at: entry.keyMark, field: entry.key,
                "unknown top-level field '\(entry.key)' in \(kind.rawValue)", hint: hint)
        }
    }

    private func decodeMeta(_ field: Field?, top: MappingField, kind: ResourceKind) -> ObjectMeta? {
        let reader = top.parent.reader
        let misplacedName = top.entries.first { $0.key == "name" }
        let missingNameHint =
            misplacedName.map {
                "'name' sits at the top level (line \($0.keyMark.map { reader.line(of: $0) } ?? 0)); it belongs under 'metadata:' (probably mis-indented: indent it by two spaces)"
            } ?? "add 'name:' under 'metadata:'"
        guard let field, !field.isNull else {
            reader.report(
                at: top.keyMark("metadata") ?? top.parent.mark, field: "metadata.name",
                "required field is missing (this \(kind.rawValue) has no metadata.name)", hint: missingNameHint)
            return nil
        }
        guard let map = field.mapping() else { return nil }
        var name: String?
        if let nameField = map["name"], !nameField.isNull {
            name = nameField.string()
            if let n = name, let problem = NameRule.forKind(kind).problem(with: n) {
                nameField.report("invalid name '\(n)': \(problem)")
                name = nil
            }
        } else {
            reader.report(
                at: map.keyMark("name") ?? field.mark, field: "metadata.name",
                "required field is missing", hint: missingNameHint)
        }
        let uid = map["uid"].flatMap { $0.isNull ? nil : $0.string() }
        var namespace: String?
        if kind.isNamespaced {
            let given = map["namespace"].flatMap { $0.isNull ? nil : $0.string() }
            if let given, let problem = NameRule.dns1123Label.problem(with: given) {
                map["namespace"]!.report("invalid namespace '\(given)': \(problem)")
            }
            // What a cluster printed (it has a uid) says where the object lives; `-n` there is
            // the namespace `get` lists, as in `meshdeck -f state.yaml get svc -n tcp-demo`.
            if let given, let explicit = defaultNamespace, given != explicit, uid == nil {
                map["namespace"]!.report(
                    "the namespace from the provided object \"\(given)\" does not match the namespace \"\(explicit)\"",
                    hint: "pass '-n \(given)' or remove metadata.namespace, as kubectl requires")
            }
            namespace = given ?? defaultNamespace ?? "default"
        }
        let labels = map["labels"]?.stringMap() ?? [:]
        let annotations = map["annotations"]?.stringMap() ?? [:]
        let created = map["creationTimestamp"].flatMap { $0.isNull ? nil : parseTimestamp($0) }
        guard let name else { return nil }
        return ObjectMeta(
            name: name, namespace: namespace, labels: labels, annotations: annotations,
            creationTimestamp: created, uid: uid)
    }

    private func parseTimestamp(_ field: Field) -> Date? {
        guard case .scalar(let s) = field.node else { return nil }
        return ISO8601DateFormatter().date(from: s.string)
    }
}

extension DocumentReader {
    func appendSyntaxError(_ error: Error) {
        append(YAMLSyntaxHints.diagnostic(for: error, reader: self))
    }
}
