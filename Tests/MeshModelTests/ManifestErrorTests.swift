import Foundation
import MeshDeckTestSupport
import Testing

@testable import MeshModel

/// Every error names file, line and field path, and says what to do.
@Suite struct ManifestErrorTests {
    func decode(_ yaml: String, file: String = "test.yaml", namespace: String? = nil) -> ManifestDecoder.Output {
        ManifestDecoder(defaultNamespace: namespace).decode(yaml, file: file)
    }

    @Test func publishedPolicyHeredocFailsAtNameUnderServiceAccountSource() {
        let out = decode(Fixtures.text("osm-docs-policy-heredoc.yaml"), file: "policy.yaml")
        let syntax = out.errors.first { $0.message.hasPrefix("invalid YAML") }
        #expect(syntax != nil)
        #expect(syntax?.location?.file == "policy.yaml")
        #expect(syntax?.location?.line == 25)
        #expect(syntax?.location?.column == 5)
        #expect(syntax?.fieldPath == "sources[0]")
        #expect(syntax?.sourceLine == "    name: curl")
        #expect(syntax?.hint?.contains("indented deeper than 'kind: ServiceAccount' on line 24") == true)
        #expect(syntax?.hint?.contains("column 3") == true)
        #expect(out.resources.isEmpty)
        let text = syntax!.description
        #expect(text.hasPrefix("policy.yaml:25:5: error: sources[0]: invalid YAML: mapping values are not allowed"))
    }

    @Test func tcpRouteWithNameAtTopLevelSaysMetadataNameIsMissing() {
        let out = decode(Fixtures.text("tcproute-name-at-top-level.yaml"), file: "route.yaml")
        let missing = out.errors.first { $0.fieldPath == "metadata.name" }
        #expect(missing?.message.contains("required field is missing") == true)
        #expect(missing?.hint?.contains("'name' sits at the top level (line 5)") == true)
        #expect(missing?.hint?.contains("mis-indented") == true)
        #expect(missing?.location?.line == 4)
        let stray = out.errors.first { $0.fieldPath == "name" }
        #expect(stray?.location?.line == 5)
        #expect(stray?.hint?.contains("belongs under 'metadata:'") == true)
        let matches = out.errors.first { $0.fieldPath == "matches" }
        #expect(matches?.hint?.contains("belongs under 'spec:'") == true)
        #expect(out.resources.isEmpty)
    }

    @Test func trafficTargetInAnotherNamespaceThanItsDestinationIsRejected() {
        let yaml = WalkthroughManifests.smiPolicy.replacingOccurrences(
            of: "  name: tcp-access\n  namespace: tcp-demo",
            with: "  name: tcp-access\n  namespace: curl")
        // The webhook watches the namespaces of the mesh, so the apply (which knows them) refuses.
        let out = decode(yaml)
        #expect(out.errors.isEmpty)
        var cluster = Scenario.walkthrough()
        var refused: Diagnostic?
        do { try cluster.apply(out.resources) } catch { refused = error.diagnostics.first }
        let error = refused
        #expect(error?.message == "The traffic target namespace (curl) must match spec.Destination.Namespace (tcp-demo)")
        #expect(error?.fieldPath == "spec.destination.namespace")
        #expect(error?.location?.line == 22)
        #expect(cluster.trafficTargets.isEmpty, "nothing applied")
    }

    @Test func unknownKindNearAKnownOneIsAnErrorWithSuggestion() {
        let out = decode("apiVersion: specs.smi-spec.io/v1alpha4\nkind: TCPRout\nmetadata:\n  name: r\n")
        #expect(out.errors.first?.message == "unknown kind 'TCPRout'")
        #expect(out.errors.first?.hint == "did you mean 'TCPRoute'?")
        #expect(out.errors.first?.location?.line == 2)
    }

    @Test func unrelatedKindIsReportedAsSkippedNotDropped() {
        let out = decode("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n")
        #expect(out.errors.isEmpty)
        #expect(out.warnings.first?.message.contains("ConfigMap/settings skipped") == true)
    }

    @Test func wrongApiVersionNamesTheServedOne() {
        let out = decode(
            "apiVersion: access.smi-spec.io/v1alpha2\nkind: TrafficTarget\nmetadata:\n  name: t\n  namespace: a\nspec:\n  destination: {kind: ServiceAccount, name: x, namespace: a}\n  sources: [{kind: ServiceAccount, name: y, namespace: b}]\n  rules: []\n"
        )
        #expect(out.errors.count == 1)
        #expect(out.errors.first?.fieldPath == "apiVersion")
        #expect(out.errors.first?.hint == "use 'apiVersion: access.smi-spec.io/v1alpha3'")
    }

    @Test func typoInSMISpecFieldIsCaughtWithSuggestion() {
        let out = decode(
            "apiVersion: specs.smi-spec.io/v1alpha4\nkind: TCPRoute\nmetadata:\n  name: r\n  namespace: a\nspec:\n  matches:\n    prots: [9000]\n"
        )
        #expect(out.errors.first?.fieldPath == "spec.matches.prots")
        #expect(out.errors.first?.hint == "did you mean 'ports'?")
        #expect(out.errors.first?.location?.line == 8)
    }

    @Test func portOutOfRangeAndNonNumberArePointedAt() {
        let out = decode(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 70000\n  - port: \"80\"\n    name: b\n"
        )
        let paths = out.errors.map(\.fieldPath)
        #expect(paths.contains("spec.ports[0].port"))
        #expect(paths.contains("spec.ports[1].port"))
        #expect(out.errors.contains { $0.message.contains("70000 is out of range") })
        #expect(out.errors.contains { $0.message.contains("expected a whole number, got the string '80'") })
    }

    @Test func numericLabelValueMustBeQuoted() {
        let out = decode("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    version: 1\n")
        #expect(out.errors.first?.fieldPath == "metadata.labels.version")
        #expect(out.errors.first?.hint == "quote it: \"1\"")
    }

    @Test func invalidNamesAreRefusedAsKubernetesWould() {
        let out = decode("apiVersion: v1\nkind: Service\nmetadata:\n  name: 9lives\nspec:\n  ports: [{port: 1}]\n")
        #expect(out.errors.first?.message.contains("must start with a lower case letter") == true)
        let upper = decode("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: Demo\n")
        #expect(upper.errors.first?.fieldPath == "metadata.name")
    }

    @Test func deploymentSelectorMustMatchTemplateLabels() {
        let out = decode(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d, namespace: a}
            spec:
              selector: {matchLabels: {app: x}}
              template:
                metadata: {labels: {app: y}}
                spec:
                  containers: [{name: c, image: i}]
            """)
        #expect(out.errors.first?.message.contains("selector does not match template labels") == true)
        #expect(out.errors.first?.fieldPath == "spec.selector")
    }

    @Test func duplicateKeysAreReported() {
        let out = decode("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  name: b\n")
        #expect(out.errors.first?.message.contains("appears twice") == true, "\(out.errors)")
        #expect(out.errors.first?.location?.line == 5)
    }

    @Test func explicitNamespaceMustMatchTheDocuments() {
        let out = decode(
            WalkthroughManifests.tcpEcho.replacingOccurrences(
                of: "  name: tcp-echo\n  labels:\n    app: tcp-echo\nspec:",
                with: "  name: tcp-echo\n  namespace: other\n  labels:\n    app: tcp-echo\nspec:"),
            namespace: "tcp-demo")
        #expect(
            out.errors.first?.message
                == "the namespace from the provided object \"other\" does not match the namespace \"tcp-demo\"")
    }

    @Test func missingFileAndEmptyDirectoryAreNamed() throws {
        let out = ManifestLoader.load(["/nonexistent/x.yaml"], decoder: ManifestDecoder())
        #expect(out.errors.first?.description == "/nonexistent/x.yaml: error: the path \"/nonexistent/x.yaml\" does not exist")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-empty-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = ManifestLoader.load([dir.path], decoder: ManifestDecoder())
        #expect(empty.errors.first?.message == "no manifests in this directory")
    }

    @Test func controlCharactersInInputNeverReachTheTerminalRaw() {
        let out = decode("apiVersion: v1\nkind: \"Conf\\e[2JigMap\"\nmetadata:\n  name: x\n")
        let text = out.diagnostics.map(\.description).joined()
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("\\e[2J"))
    }
}
