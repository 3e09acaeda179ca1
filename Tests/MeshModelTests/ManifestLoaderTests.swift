import Foundation
import MeshDeckTestSupport
import Testing

@testable import MeshModel

@Suite struct ManifestLoaderTests {
    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func directoryIsReadInNameOrderAndOtherFilesAreLeftAlone() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n".write(
            to: dir.appendingPathComponent("2-b.yml"), atomically: true, encoding: .utf8)
        try "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n".write(
            to: dir.appendingPathComponent("1-a.yaml"), atomically: true, encoding: .utf8)
        try "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"c\"}}".write(
            to: dir.appendingPathComponent("3-c.json"), atomically: true, encoding: .utf8)
        try "not a manifest".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let out = ManifestLoader.load([dir.path], decoder: ManifestDecoder())
        #expect(out.errors.isEmpty)
        #expect(out.resources.map(\.meta.name) == ["a", "b", "c"])
        #expect(out.resources.first?.source?.file.hasSuffix("1-a.yaml") == true)
    }

    @Test func standardInputIsNamedInErrors() {
        let out = ManifestLoader.load(["-"], decoder: ManifestDecoder(), readStandardInput: { Data("kind: Namespace\n".utf8) })
        #expect(out.errors.first?.description.hasPrefix("<stdin>:1:1: error: apiVersion: required field is missing") == true)
    }

    @Test func nonUTF8IsRefused() {
        let out = ManifestLoader.load(["-"], decoder: ManifestDecoder(), readStandardInput: { Data([0xFF, 0xFE, 0x00]) })
        #expect(out.errors.first?.message == "is not UTF-8 text")
    }
}

@Suite struct MoreManifestErrorTests {
    func decode(_ yaml: String) -> ManifestDecoder.Output { ManifestDecoder().decode(yaml, file: "m.yaml") }

    @Test func missingKindAndApiVersionAreNamed() {
        let out = decode("metadata: {name: x}\n")
        #expect(out.errors.map(\.fieldPath) == ["kind"])
        #expect(out.errors.first?.hint?.contains("every document needs 'kind:'") == true)
        let noVersion = decode("kind: Namespace\nmetadata: {name: x}\n")
        #expect(noVersion.errors.map(\.fieldPath) == ["apiVersion"])
    }

    @Test func tabsGetTheirOwnHint() {
        let out = decode("apiVersion: v1\nkind: Namespace\nmetadata:\n\tname: x\n")
        #expect(out.errors.first?.message.hasPrefix("invalid YAML") == true)
        #expect(out.errors.first?.hint == "YAML does not allow tabs for indentation; use spaces")
        #expect(out.errors.first?.location?.line == 4)
    }

    @Test func aDocumentThatIsNotAMappingIsRefused() {
        let out = decode("- a\n- b\n")
        #expect(out.errors.first?.message == "expected a mapping (key: value lines), got a list")
    }

    @Test func emptyDocumentsAreSkippedAsKubectlDoes() {
        let out = decode("---\n# only a comment\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n---\n")
        #expect(out.errors.isEmpty)
        #expect(out.resources.count == 1)
    }

    @Test func errorsInSeveralDocumentsAreAllReported() {
        let out = decode(
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: Bad}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {}\n"
        )
        #expect(out.errors.map(\.location?.line) == [3, 8])
        #expect(out.errors.map(\.fieldPath) == ["metadata.name", "spec.ports"])
    }

    @Test func multiPortServiceNeedsNamesAndRejectsDuplicates() {
        let out = decode(
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - {port: 80}\n  - {name: a, port: 80}\n")
        #expect(out.errors.contains { $0.message == "every port needs a name when a Service has more than one" })
        #expect(out.errors.contains { $0.message.hasPrefix("duplicate port 80/TCP") })
    }

    @Test func trafficTargetSourceMustBeAServiceAccount() {
        let out = decode(
            """
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: t, namespace: a}
            spec:
              destination: {kind: ServiceAccount, name: x, namespace: a}
              sources: [{kind: Group, name: y, namespace: b}]
              rules: []
            """)
        #expect(out.errors.first?.fieldPath == "spec.sources[0].kind")
        #expect(out.errors.first?.message == "kind must be ServiceAccount, got 'Group'")
    }
}
