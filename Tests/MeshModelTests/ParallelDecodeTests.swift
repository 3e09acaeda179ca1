import Testing

@testable import MeshModel

/// A big input is cut at `---` lines and decoded on every core (ManifestDecoder+Parallel.swift):
/// what comes out must be what one parser gives, resource for resource and diagnostic for
/// diagnostic (file, line, column, field, message), mistakes and all.
@Suite struct ParallelDecodeTests {
    /// `count` namespaces of a ServiceAccount, a Service and a TrafficTarget each, with `broken`
    /// spliced in as one more document after namespace `at`.
    static func dump(_ count: Int, broken: String? = nil, at: Int = 0) -> String {
        var docs: [String] = []
        for n in 0..<count {
            docs.append("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: ns-\(n)")
            docs.append(
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: app\n  namespace: ns-\(n)\nspec:\n  ports:\n  - port: 8080\n"
                    + "  selector:\n    app: app")
            docs.append(
                "apiVersion: access.smi-spec.io/v1alpha3\nkind: TrafficTarget\nmetadata:\n  name: allow\n  namespace: ns-\(n)\n"
                    + "spec:\n  destination: {kind: ServiceAccount, name: app, namespace: ns-\(n)}\n  sources:\n"
                    + "  - {kind: ServiceAccount, name: app, namespace: ns-0}\n  rules:\n  - {kind: TCPRoute, name: r}")
            if let broken, n == at { docs.append(broken) }
        }
        return docs.joined(separator: "\n---\n") + "\n"
    }

    static func both(_ text: String, limits: ManifestLimits = .default) -> (ManifestDecoder.Output, ManifestDecoder.Output) {
        (
            ManifestDecoder(parallelism: .never).decode(text, file: "dump.yaml", limits: limits),
            ManifestDecoder(parallelism: .always).decode(text, file: "dump.yaml", limits: limits)
        )
    }

    static func expectSame(_ one: ManifestDecoder.Output, _ parallel: ManifestDecoder.Output) {
        #expect(one.resources.map(\.meta.key) == parallel.resources.map(\.meta.key))
        #expect(one.resources == parallel.resources)
        #expect(one.diagnostics == parallel.diagnostics)
        #expect(one.documents == parallel.documents)
    }

    @Test func aCleanDumpDecodesTheSameInPieces() {
        let text = Self.dump(300)
        #expect(ManifestDecoder.pieces(text, count: 16)?.count ?? 0 > 8)
        let (one, parallel) = Self.both(text)
        #expect(parallel.resources.count == 900 && parallel.diagnostics.isEmpty)
        Self.expectSame(one, parallel)
    }

    @Test func fieldErrorsDeepInTheFileKeepTheirLineAndField() {
        let bad =
            "apiVersion: access.smi-spec.io/v1alpha3\nkind: TrafficTarget\nmetadata:\n  name: bad\n  namespace: ns-1\n"
            + "spec:\n  destination: {kind: ServiceAccount, name: app, namespace: ns-1}\n  sources: 7\n  rules: []"
        let text = Self.dump(300, broken: bad, at: 250)
        let (one, parallel) = Self.both(text)
        #expect(!parallel.errors.isEmpty)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "  sources: 7" }! + 1
        #expect(parallel.errors.first?.location?.line == line)
        #expect(parallel.errors.first?.fieldPath?.hasPrefix("spec.sources") == true)
        Self.expectSame(one, parallel)
    }

    @Test func aSyntaxErrorStopsTheReadWhereOneParserStops() {
        let text = Self.dump(300, broken: "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: [unclosed\n", at: 120)
        let (one, parallel) = Self.both(text)
        #expect(parallel.errors.count == 1)
        Self.expectSame(one, parallel)
    }

    @Test func theDocumentLimitStopsAtTheSameDocument() {
        let (one, parallel) = Self.both(Self.dump(300), limits: ManifestLimits(maxBytesPerFile: 1 << 26, maxDocuments: 500))
        #expect(parallel.errors.count == 1 && parallel.resources.count == 500)
        Self.expectSame(one, parallel)
    }

    @Test func directivesAndSingleDocumentsAreReadInOneGo() {
        #expect(ManifestDecoder.pieces("%YAML 1.1\n---\na: 1\n---\nb: 2\n", count: 4) == nil)
        #expect(ManifestDecoder.pieces("a: 1\nb: 2\n", count: 4) == nil)
        // `----` and `--- x` are not both markers: only `---` alone or before a space is.
        let pieces = ManifestDecoder.pieces("a: 1\n---\nb: 2\n--- \nc: 3\n----\n", count: 8)
        #expect(pieces?.map(\.line) == [1, 2, 4])
    }

    /// `kubectl get ... -o json`: one `kind: List` document, items indented as kubectl prints
    /// them; `broken` is one more item (JSON text) after namespace `at`.
    static func jsonList(_ count: Int, broken: String? = nil, at: Int = 0, ownedPods: Int = 0) -> String {
        var items: [String] = []
        func item(_ body: String) { items.append("        {\n" + body + "\n        }") }
        for n in 0..<count {
            item(
                """
                            "apiVersion": "v1",
                            "kind": "ServiceAccount",
                            "metadata": {"name": "app", "namespace": "ns-\(n)"}
                """)
            item(
                """
                            "apiVersion": "v1",
                            "kind": "Service",
                            "metadata": {"name": "app", "namespace": "ns-\(n)"},
                            "spec": {"ports": [{"port": 8080, "name": "tcp-app"}], "selector": {"app": "app"}}
                """)
            item(
                """
                            "apiVersion": "access.smi-spec.io/v1alpha3",
                            "kind": "TrafficTarget",
                            "metadata": {"name": "allow", "namespace": "ns-\(n)"},
                            "spec": {
                                "destination": {"kind": "ServiceAccount", "name": "app", "namespace": "ns-\(n)"},
                                "sources": [{"kind": "ServiceAccount", "name": "app", "namespace": "ns-0"}],
                                "rules": [{"kind": "TCPRoute", "name": "r"}]
                            }
                """)
            if let broken, n == at { items.append(broken) }
            if n < ownedPods {
                item(
                    """
                                "apiVersion": "v1",
                                "kind": "Pod",
                                "metadata": {"name": "app-\(n)", "namespace": "ns-\(n)", "ownerReferences": [{"kind": "ReplicaSet", "name": "x"}]}
                    """)
            }
        }
        return "{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n" + items.joined(separator: ",\n")
            + "\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {\"resourceVersion\": \"\"}\n}\n"
    }

    @Test func aKubectlJSONListDecodesTheSameInRunsOfItems() {
        let text = Self.jsonList(300, ownedPods: 5)
        #expect(ManifestDecoder.jsonListRuns(text, runs: 16)?.count ?? 0 > 8, "the List is not cut into runs of items")
        let direct = ManifestDecoder().decodeJSONListInParallel(text, file: "dump.json", limits: .default, documentsBefore: 0)
        #expect(direct?.resources.count == 900, "the List was not decoded in runs")
        let (one, parallel) = Self.both(text)
        #expect(parallel.resources.count == 900)
        #expect(parallel.warnings.count == 1, "five owned Pods are one warning")
        Self.expectSame(one, parallel)
    }

    @Test func aFieldErrorInAListItemKeepsItsLineColumnAndItemPath() {
        let bad = """
                    {
                        "apiVersion": "access.smi-spec.io/v1alpha3",
                        "kind": "TrafficTarget",
                        "metadata": {"name": "bad", "namespace": "ns-1"},
                        "spec": {"destination": {"kind": "ServiceAccount", "name": "app", "namespace": "ns-1"}, "sources": 7, "rules": []}
                    }
            """
        let text = Self.jsonList(300, broken: bad, at: 250)
        let (one, parallel) = Self.both(text)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"sources\": 7") }! + 1
        #expect(parallel.errors.first?.location?.line == line)
        #expect(parallel.errors.first?.fieldPath?.hasPrefix("items[753].spec.sources") == true)
        Self.expectSame(one, parallel)
    }

    @Test func aBrokenOrUnusualListIsReadByOneParser() {
        let unclosed = "        {\n            \"apiVersion\": \"v1\", \"kind\": [\n        }"
        let (one, parallel) = Self.both(Self.jsonList(300, broken: unclosed, at: 100))
        #expect(!parallel.errors.isEmpty)
        Self.expectSame(one, parallel)
        // Minified (items share a line), not a List, or a second document: one parser.
        #expect(ManifestDecoder.jsonListRuns(#"{"kind": "List", "items": [{"a": 1}, {"b": 2}]}"#, runs: 4) == nil)
        #expect(
            ManifestDecoder.jsonListRuns(Self.jsonList(3).replacingOccurrences(of: "\"List\"", with: "\"Other\""), runs: 4) == nil
        )
        #expect(ManifestDecoder.jsonListRuns(Self.jsonList(3) + "---\na: 1\n", runs: 4) == nil)
        #expect(ManifestDecoder.jsonListRuns(Self.jsonList(3), runs: 4)?.map(\.count) == [3, 3, 3])
    }

    @Test func theDocumentLimitCountsListItemsAsOneParserDoes() {
        let (one, parallel) = Self.both(Self.jsonList(300), limits: ManifestLimits(maxBytesPerFile: 1 << 26, maxDocuments: 500))
        #expect(parallel.errors.count == 1)
        Self.expectSame(one, parallel)
    }
}
