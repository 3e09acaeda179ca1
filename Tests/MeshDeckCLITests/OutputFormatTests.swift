import Foundation
import MeshDeckCLI
import Testing
import Yams

/// `-o json|yaml` on the commands that print verdicts: `--json` stays what it was, byte for
/// byte; `-o yaml` carries the same fields; a format a command does not print is refused.
@Suite struct OutputFormatTests {
    static let walk = ["--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000"]

    /// A JSON or YAML document as sorted, canonical JSON, so the two can be compared.
    static func canonical(_ object: Any?) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object ?? NSNull(), options: [.sortedKeys, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }

    static func json(_ text: String) throws -> Any? { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// Every key path in a document (`latencyMs.total`), for outputs whose numbers vary.
    static func keyPaths(_ object: Any?, _ prefix: String = "") -> Set<String> {
        guard let map = object as? [String: Any] else { return [] }
        return map.reduce(into: Set<String>()) { paths, entry in
            let path = prefix.isEmpty ? entry.key : "\(prefix).\(entry.key)"
            paths.insert(path)
            paths.formUnion(keyPaths(entry.value, path))
        }
    }

    @Test(arguments: [["explain"], ["matrix"], ["probe"], ["load", "--count", "5"]])
    func dashOJSONIsTheJSONFlagByteForByte(command: [String]) async throws {
        let route = command[0] == "matrix" ? [] : Self.walk
        let flag = await CLIRun(command + route + ["--permissive", "off", "--bundle", "smi-policy", "--json"])
        let option = await CLIRun(command + route + ["--permissive", "off", "--bundle", "smi-policy", "-o", "json"])
        #expect(flag.code == option.code)
        if command[0] == "explain" || command[0] == "matrix" {
            #expect(option.stdout == flag.stdout)
        } else {
            // Latencies differ from run to run; the fields do not.
            #expect(Self.keyPaths(try Self.json(option.stdout)) == Self.keyPaths(try Self.json(flag.stdout)))
        }
    }

    @Test func explainYAMLHasTheFieldsAndValuesOfItsJSON() async throws {
        let json = await CLIRun(["explain"] + Self.walk + ["--permissive", "off", "-o", "json"])
        let yaml = await CLIRun(["explain"] + Self.walk + ["--permissive", "off", "-o", "yaml"])
        #expect(yaml.code == 1)
        #expect(yaml.stdout.hasPrefix("allowed: false\nclientError: command terminated with exit code 1\nfactCodes:\n- source\n"))
        #expect(try Self.canonical(Yams.load(yaml: yaml.stdout)) == Self.canonical(Self.json(json.stdout)))
    }

    @Test func matrixYAMLIsAListOfTheSameCells() async throws {
        let json = await CLIRun(["matrix", "--json"])
        let yaml = await CLIRun(["matrix", "-o", "yaml"])
        #expect(yaml.code == 0)
        #expect(
            yaml.stdout.hasPrefix(
                "- from: curl/curl\n  port: 9000\n  reason: permissive mode\n  to: tcp-echo.tcp-demo\n  verdict: allowed\n"))
        #expect(try Self.canonical(Yams.load(yaml: yaml.stdout)) == Self.canonical(Self.json(json.stdout)))
    }

    @Test func probeAndLoadYAMLHaveTheFieldsOfTheirJSON() async throws {
        for command in [["probe"], ["load", "--count", "5"]] {
            let json = await CLIRun(command + Self.walk + ["-o", "json"])
            let yaml = await CLIRun(command + Self.walk + ["-o", "yaml"])
            #expect(yaml.code == 0)
            #expect(Self.keyPaths(try Yams.load(yaml: yaml.stdout)) == Self.keyPaths(try Self.json(json.stdout)))
        }
        let probe = await CLIRun(["probe"] + Self.walk + ["-o", "yaml"])
        // A reply with a line break reads as one escaped string, not a folded block.
        #expect(probe.stdout.contains("\nreply: \"echo response: hello\\n\"\n"))
        #expect(probe.stdout.contains("\nlatencyMs:\n  connect: "))
        #expect(!probe.stdout.contains("e+"), "numbers as JSON writes them: \(probe.stdout)")
    }

    @Test func kubectlSpellingsOfTheOption() async {
        let spaced = await CLIRun(["matrix", "-o", "yaml"])
        #expect(await CLIRun(["matrix", "-oyaml"]).stdout == spaced.stdout)
        #expect(await CLIRun(["matrix", "-o=yaml"]).stdout == spaced.stdout)
        #expect(await CLIRun(["matrix", "--output", "yaml"]).stdout == spaced.stdout)
        #expect(await CLIRun(["matrix", "--output=yaml"]).stdout == spaced.stdout)
    }

    @Test(arguments: [
        (["explain"] + walk + ["-o", "name"], "error: explain does not support -o name (use json or yaml)"),
        (["probe"] + walk + ["-o", "wide"], "error: probe does not support -o wide (use json or yaml)"),
        (["load"] + walk + ["-o", "name"], "error: load does not support -o name (use json or yaml)"),
        (["matrix", "-o", "wide"], "error: matrix does not support -o wide (use json or yaml)"),
        (
            ["validate", "--bundle", "smi-policy", "-o", "wide"],
            "error: validate does not support -o wide (use json, yaml or name)"
        ),
        (["explain"] + walk + ["-o", "xml"], "error: -o: 'xml' is not json, yaml, wide or name"),
        (["explain"] + walk + ["--json", "-o", "yaml"], "error: use either --json or -o yaml, not both"),
    ])
    func aFormatTheCommandDoesNotPrintIsRefused(arguments: [String], expected: String) async {
        let run = await CLIRun(arguments)
        #expect(run.code == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == expected + "\nSee 'meshdeck \(arguments[0]) --help' for usage.")
    }

    @Test func networkTextCannotActOnTheTerminalInJSONOrYAML() async {
        // ESC, a C1 CSI and a right-to-left override, echoed back by the server.
        let message = "a\u{1B}[2J\u{9B}31m\u{202E}b"
        for format in ["json", "yaml"] {
            let run = await CLIRun(["probe"] + Self.walk + ["--message", message, "-o", format])
            #expect(run.code == 0)
            #expect(!run.stdout.unicodeScalars.contains { [0x1B, 0x9B, 0x202E].contains($0.value) }, "\(format)")
        }
        let yaml = await CLIRun(["probe"] + Self.walk + ["--message", message, "-o", "yaml"])
        #expect(yaml.stdout.contains("reply: \"echo response: a\\e[2J\\x9B31m\\u202Eb\\n\""))
        let json = await CLIRun(["probe"] + Self.walk + ["--message", message, "--json"])
        #expect(json.stdout.contains("\"reply\" : \"echo response: a\\u001b[2J\\u009B31m\\u202Eb\\n\""))
    }
}

/// `matrix --no-headers`: the rows alone, for scripts, as kubectl prints tables with it.
@Suite struct MatrixNoHeadersTests {
    @Test func rowsOnlyWithoutTheLegend() async {
        let run = await CLIRun(["matrix", "--no-headers", "--permissive", "off", "--bundle", "smi-policy"])
        #expect(run.code == 0)
        #expect(run.stdout == "curl/curl           .\ntcp-demo/tcp-echo   X")
    }
}

/// `validate -o json|yaml|name`: a report a CI job can read, errors included.
@Suite struct ValidateOutputTests {
    @Test func jsonSaysWhatApplyingWouldDo() async throws {
        let run = await CLIRun(["validate", "--bundle", "smi-policy", "-o", "json"])
        #expect(run.code == 0)
        let report = try #require(try OutputFormatTests.json(run.stdout) as? [String: Any])
        #expect(report["valid"] as? Bool == true)
        let resources = report["resources"] as? [[String: Any]]
        #expect(resources?.map { $0["kind"] as? String } == ["TCPRoute", "TrafficTarget"])
        #expect(resources?.first?["action"] as? String == "created")
        #expect(resources?.first?["namespace"] as? String == "tcp-demo")
        #expect((report["errors"] as? [Any])?.isEmpty == true)
    }

    @Test func errorsAreInTheReportWithWhereTheyAre() async throws {
        let run = await CLIRun(["validate", "-f", "-", "-o", "yaml"], stdin: "kind: [")
        #expect(run.code == 2)
        #expect(run.stderr.isEmpty)
        let report = try #require(try Yams.load(yaml: run.stdout) as? [String: Any])
        #expect(report["valid"] as? Bool == false)
        let error = try #require((report["errors"] as? [[String: Any]])?.first)
        #expect(error["file"] as? String == "<stdin>")
        #expect(error["line"] as? Int == 2)
        #expect((error["message"] as? String)?.hasPrefix("invalid YAML") == true)
    }

    @Test func ignoredPoliciesAreWarnings() async throws {
        let target = """
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: t, namespace: tcp-demo}
            spec:
              destination: {kind: ServiceAccount, name: tcp-echo, namespace: tcp-demo}
              sources: [{kind: ServiceAccount, name: curl, namespace: curl}]
              rules: [{kind: TCPRoute, name: missing}]
            """
        let run = await CLIRun(["validate", "-f", "-", "-o", "json"], stdin: target)
        #expect(run.code == 0)
        let report = try #require(try OutputFormatTests.json(run.stdout) as? [String: Any])
        let warning = try #require((report["warnings"] as? [[String: Any]])?.first)
        #expect((warning["message"] as? String)?.contains("is valid but the mesh will ignore it") == true)
        #expect(warning["file"] as? String == "<stdin>")
    }

    @Test func nameIsWhatKubectlApplyDashONamePrints() async {
        let run = await CLIRun(["validate", "--bundle", "smi-policy", "-o", "name"])
        #expect(run.code == 0)
        #expect(run.stdout == "tcproute.specs.smi-spec.io/tcp-echo-route\ntraffictarget.access.smi-spec.io/tcp-access")
    }
}
