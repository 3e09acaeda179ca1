import Foundation
import MeshDeckCLI
import MeshDeckTestSupport
import Testing
import Yams

/// The exported folder, checked as a cluster would check it: the built-in kinds by the real
/// `kubernetes-validate` (strict: unknown fields are errors), the custom resources against
/// their CRDs' field lists (Tests/Fixtures/crd-fields), which kubernetes-validate has no schema for.
@Suite struct ExportValidationTests {
    /// The oldest schemas the pinned kubernetes-validate ships: the manifests use only fields
    /// stable long before it, and OSM v1.2 predates newer clusters.
    static let kubernetesVersion = "1.25.0"
    static let builtInFiles = ["00-namespaces.yaml", "10-serviceaccounts.yaml", "20-services.yaml", "30-deployments.yaml"]
    /// kind → the apiVersion it must be written in, and its field list.
    static let customKinds: [String: (apiVersion: String, fields: String)] = [
        "TCPRoute": ("specs.smi-spec.io/v1alpha4", "tcproute-v1alpha4.txt"),
        "HTTPRouteGroup": ("specs.smi-spec.io/v1alpha4", "httproutegroup-v1alpha4.txt"),
        "TrafficTarget": ("access.smi-spec.io/v1alpha3", "traffictarget-v1alpha3.txt"),
        "MeshConfig": ("config.openservicemesh.io/v1alpha2", "meshconfig-v1alpha2.txt"),
    ]

    /// Two exports: the walkthrough with its policy, and every field the model keeps.
    func withExports(_ body: ([URL]) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("export-validate-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        let walkthrough = root.appendingPathComponent("walkthrough"), rich = root.appendingPathComponent("every-field")
        #expect(
            await CLIRun(["export", "--output-dir", walkthrough.path, "--permissive", "off", "--bundle", "smi-policy"]).code == 0)
        #expect(
            await CLIRun(["export", "--output-dir", rich.path, "-f", Fixtures.path("export-every-field.yaml"), "--egress", "off"])
                .code == 0
        )
        try await body([walkthrough, rich])
    }

    @Test func builtInKindsPassKubernetesValidateStrict() async throws {
        guard let tool = KubernetesValidateTool.locate() else {
            Issue.record(
                "kubernetes-validate is not installed: run scripts/install-test-tools.sh (it puts it in .build-tools/venv)")
            return
        }
        try await withExports { dirs in
            for dir in dirs {
                let files = Self.builtInFiles.map { dir.appendingPathComponent($0).path }
                let documents = try files.map { try String(contentsOfFile: $0, encoding: .utf8) }
                    .reduce(0) { $0 + $1.components(separatedBy: "\nkind: ").count - 1 }
                let (code, output) = try await KubernetesValidateTool.run(tool, version: Self.kubernetesVersion, files: files)
                #expect(code == 0, "\(output)")
                #expect(!output.contains("ERROR") && !output.contains("WARN"), "\(output)")
                let passed = output.components(separatedBy: "\n").filter {
                    $0.contains(" passed for resource ") && $0.hasSuffix("against version 1.25")
                }
                #expect(passed.count == documents, "\(output)")
            }
        }
    }

    @Test func kubernetesValidateRejectsAFieldKubernetesDoesNotHave() async throws {
        guard let tool = KubernetesValidateTool.locate() else {
            Issue.record(
                "kubernetes-validate is not installed: run scripts/install-test-tools.sh (it puts it in .build-tools/venv)")
            return
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mistyped-\(UUID()).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80, appProtocl: tcp}]\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let (code, output) = try await KubernetesValidateTool.run(tool, version: Self.kubernetesVersion, files: [file.path])
        #expect(code != 0)
        #expect(output.contains("'appProtocl' was unexpected"))
    }

    @Test func customResourcesUseOnlyTheirCRDsFields() async throws {
        var seen: Set<String> = []
        try await withExports { dirs in
            for dir in dirs {
                for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".yaml") {
                    let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                    for document in try Yams.compose_all(yaml: text) {
                        guard let kind = document["kind"]?.string, let crd = Self.customKinds[kind] else { continue }
                        seen.insert(kind)
                        #expect(document["apiVersion"]?.string == crd.apiVersion, "\(name): \(kind)")
                        let problems = CRDFields(
                            Fixtures.text("crd-fields/metadata.txt") + Fixtures.text("crd-fields/\(crd.fields)")
                        )
                        .problems(in: document)
                        #expect(problems.isEmpty, "\(name): \(kind): \(problems)")
                    }
                }
            }
        }
        #expect(seen == Set(Self.customKinds.keys), "every custom kind was exported and checked")
    }

    @Test func theCRDCheckFindsWhatTheCRDsDoNotHave() throws {
        let tcpRoute = CRDFields(Fixtures.text("crd-fields/metadata.txt") + Fixtures.text("crd-fields/tcproute-v1alpha4.txt"))
        // smi-sdk-go's TCPMatch has a name, but the v1alpha4 CRD does not: the API server would drop it.
        let named = try #require(
            try Yams.compose(
                yaml: "apiVersion: x\nkind: TCPRoute\nmetadata: {name: r}\nspec: {matches: {name: m, ports: [9000]}}\n"))
        #expect(tcpRoute.problems(in: named) == ["spec.matches.name: not in the CRD"])
        let stringPort = try #require(
            try Yams.compose(yaml: "apiVersion: x\nkind: TCPRoute\nmetadata: {name: r}\nspec: {matches: {ports: ['9000']}}\n"))
        #expect(tcpRoute.problems(in: stringPort) == ["spec.matches.ports[]: string, the CRD says integer"])
        let noPorts = try #require(
            try Yams.compose(yaml: "apiVersion: x\nkind: TCPRoute\nmetadata: {name: r}\nspec: {matches: {}}\n"))
        #expect(tcpRoute.problems(in: noPorts) == ["spec.matches.ports: required by the CRD, missing"])
    }
}

/// A CRD's properties as `PATH TYPE [required: A,B]` lines (see Tests/Fixtures/crd-fields).
private struct CRDFields {
    var types: [String: String] = [:]
    var required: [String: [String]] = [:]

    init(_ text: String) {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count >= 2 else { continue }
            types[parts[0]] = parts[1]
            if parts.count == 4, parts[2] == "required:" { required[parts[0]] = parts[3].split(separator: ",").map(String.init) }
        }
    }

    /// Every key path of the document that the CRD lacks or types differently, and every
    /// required field that is missing; empty when the document fits.
    func problems(in document: Node) -> [String] {
        var problems: [String] = []
        walk(document, path: "", into: &problems)
        return problems
    }

    private func walk(_ node: Node, path: String, into problems: inout [String]) {
        if !path.isEmpty {
            guard let expected = types[path] else { problems.append("\(path): not in the CRD"); return }
            if expected != Self.type(of: node) { problems.append("\(path): \(Self.type(of: node)), the CRD says \(expected)") }
        }
        switch node {
        case .mapping(let mapping):
            let keys = mapping.keys.compactMap(\.string)
            for key in required[path] ?? [] where !keys.contains(key) {
                problems.append("\(path.isEmpty ? key : "\(path).\(key)"): required by the CRD, missing")
            }
            for (key, value) in mapping {
                let named = path.isEmpty ? key.string ?? "?" : "\(path).\(key.string ?? "?")"
                let anyKey = path.isEmpty ? "*" : "\(path).*"
                walk(value, path: types[named] == nil && types[anyKey] != nil ? anyKey : named, into: &problems)
            }
        case .sequence(let sequence):
            for item in sequence { walk(item, path: "\(path)[]", into: &problems) }
        case .scalar, .alias:
            break
        }
    }

    private static func type(of node: Node) -> String {
        switch node {
        case .mapping: return "object"
        case .sequence: return "array"
        case .alias: return "alias"
        case .scalar:
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .int: return "integer"
            case .bool: return "boolean"
            case .float: return "number"
            case .null: return "null"
            default: return "string"
            }
        }
    }
}

/// The `kubernetes-validate` that scripts/install-test-tools.sh installs.
private enum KubernetesValidateTool {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// <package root>/.build-tools/venv/bin first, then PATH.
    static func locate() -> String? {
        let venv = packageRoot.appendingPathComponent(".build-tools/venv/bin/kubernetes-validate").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(dir)/kubernetes-validate"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Strict (unknown fields are errors), against one pinned Kubernetes version; stdout and
    /// stderr together, as a person reading the test failure would want them.
    static func run(_ tool: String, version: String, files: [String]) async throws -> (Int32, String) {
        let r = try await Spawn.run(tool, ["--strict", "-k", version] + files, stderrIntoStdout: true)
        return (r.status, r.stdout)
    }
}
