import Foundation
import MeshDeckCLI
import MeshDeckTestSupport
import Testing

/// The CLI contract: what it prints and the exit codes 0 allowed, 1 denied, 2 bad input.
@Suite struct ExplainCLITests {
    let walk = ["--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000"]

    @Test func walkthroughsThreeVerdicts() async {
        let on = await CLIRun(["explain"] + walk)
        #expect(on.code == 0)
        #expect(on.stdout.hasPrefix("+ ALLOWED  curl/curl -> tcp-echo.tcp-demo:9000"))
        let off = await CLIRun(["explain"] + walk + ["--permissive", "off"])
        #expect(off.code == 1)
        #expect(off.stdout.hasPrefix("x DENIED  curl/curl -> tcp-echo.tcp-demo:9000"))
        #expect(off.stdout.contains("nc in the pod prints: command terminated with exit code 1"))
        let policy = await CLIRun(["explain"] + walk + ["--permissive", "off", "--bundle", "smi-policy"])
        #expect(policy.code == 0)
        #expect(policy.stdout.contains("reason: TrafficTarget tcp-demo/tcp-access allows ServiceAccount curl/curl on port 9000"))
    }

    @Test func policyFromAFileGivesTheSameAnswerAsTheBundle() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID()).yaml")
        try await CLIRun(["bundle", "smi-policy"]).stdout.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(await CLIRun(["explain"] + walk + ["--permissive", "off", "-f", file.path]).code == 0)
    }

    @Test func unicodeGlyphsOnlyForUTF8Locales() async {
        #expect(await CLIRun(["explain"] + walk, unicode: true).stdout.hasPrefix("✔ ALLOWED  curl/curl → tcp-echo"))
        #expect(Console.localeIsUTF8(["LANG": "zh_CN.UTF-8"]))
        #expect(!Console.localeIsUTF8(["LANG": "C"]))
        #expect(!Console.localeIsUTF8(["LC_ALL": "C", "LANG": "en_US.UTF-8"]))
    }

    @Test func jsonCarriesVerdictWhereReasonAndFacts() async throws {
        let run = await CLIRun(["explain"] + walk + ["--permissive", "off", "--egress", "off", "--json"])
        #expect(run.code == 1)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["verdict"] as? String == "denied")
        #expect(object?["where"] as? String == "client sidecar")
        #expect((object?["facts"] as? [String])?.isEmpty == false)
        #expect(object?["clientError"] as? String == "command terminated with exit code 1")
    }

    @Test func unknownHostPrintsWhatNcWouldPrint() async {
        let run = await CLIRun(["explain", "--from", "curl/curl", "--to", "tcp-echo.tcp-dem:9000"])
        #expect(run.code == 1)
        #expect(run.stdout.contains("nc in the pod prints: nc: bad address 'tcp-echo.tcp-dem'"))
    }

    @Test func badInputExitsTwoWithTheReason() async {
        let noPort = await CLIRun(["explain", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo"])
        #expect(noPort.code == 2)
        #expect(noPort.stderr.contains("destination 'tcp-echo.tcp-demo' is not HOST:PORT"))
        let noSource = await CLIRun(["explain", "--from", "curl/nope", "--to", "tcp-echo.tcp-demo:9000"])
        #expect(noSource.code == 2)
        #expect(noSource.stderr.contains("no workload or pod curl/nope"))
        #expect(noSource.stderr.contains("workloads: deployment curl/curl, deployment tcp-demo/tcp-echo"))
        #expect(await CLIRun(["explain"] + walk + ["--permissive", "maybe"]).code == 2)
        #expect(await CLIRun(["explain"] + walk + ["--bundle", "nope"]).stderr.contains("unknown bundle 'nope'"))
        #expect(await CLIRun(["frobnicate"]).code == 2)
    }
}

@Suite struct ManifestCLITests {
    @Test func publishedHeredocIsRefusedWithLineAndFieldAndNothingApplied() async {
        let run = await CLIRun([
            "explain", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000", "--permissive", "off",
            "-f", Fixtures.path("osm-docs-policy-heredoc.yaml"),
        ])
        #expect(run.code == 2)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr.contains(
                "osm-docs-policy-heredoc.yaml:25:5: error: sources[0]: invalid YAML: mapping values are not allowed in this context"
            ))
        #expect(run.stderr.contains("osm-docs-policy-heredoc.yaml:4:1: error: metadata.name: required field is missing"))
        #expect(run.stderr.hasSuffix("error: 6 problems found; nothing was applied"))
        // Errors come in line order.
        let lines = run.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(lines.first?.contains(":4:1:") == true)
    }

    @Test func validatePrintsWhatApplyWouldDo() async {
        let run = await CLIRun(["validate", "--bundle", "smi-policy"])
        #expect(run.code == 0)
        #expect(
            run.stdout == "tcproute.specs.smi-spec.io/tcp-echo-route created\ntraffictarget.access.smi-spec.io/tcp-access created"
        )
    }

    @Test func validateReadsStandardInputAndWarnsAboutPoliciesTheMeshWouldIgnore() async {
        let yaml = """
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: orphan, namespace: tcp-demo}
            spec:
              destination: {kind: ServiceAccount, name: tcp-echo, namespace: tcp-demo}
              sources: [{kind: ServiceAccount, name: curl, namespace: curl}]
              rules: [{kind: TCPRoute, name: missing}]
            """
        let run = await CLIRun(["validate", "-f", "-"], stdin: yaml)
        #expect(run.code == 0)
        #expect(run.stdout == "traffictarget.access.smi-spec.io/orphan created")
        #expect(
            run.stderr.contains(
                "<stdin>:1:1: warning: TrafficTarget tcp-demo/orphan is valid but the mesh will ignore it: TCPRoute tcp-demo/missing does not exist"
            ))
    }

    @Test func validateNeedsInput() async {
        #expect(await CLIRun(["validate"]).code == 2)
    }

    @Test func trafficTargetOutsideItsDestinationNamespaceIsRefused() async {
        let yaml = """
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: t, namespace: curl}
            spec:
              destination: {kind: ServiceAccount, name: tcp-echo, namespace: tcp-demo}
              sources: [{kind: ServiceAccount, name: curl, namespace: curl}]
              rules: [{kind: TCPRoute, name: r}]
            """
        let run = await CLIRun(["validate", "-f", "-"], stdin: yaml)
        #expect(run.code == 2)
        #expect(
            run.stderr.contains(
                "<stdin>:5:66: error: spec.destination.namespace: The traffic target namespace (curl) must match spec.Destination.Namespace (tcp-demo)"
            ))
    }

    @Test func curlManifestWithoutNamespaceLandsInTheDashNNamespace() async throws {
        let yaml = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: extra\n"
        let run = await CLIRun(["get", "sa", "-n", "curl", "-f", "-"], stdin: yaml)
        #expect(run.code == 0)
        #expect(run.stdout.contains("extra"))
    }
}

@Suite struct GetCLITests {
    @Test func servicesAndPodsAsKubectlPrintsThem() async {
        let run = await CLIRun(["get", "svc,po", "-n", "tcp-demo"])
        #expect(run.code == 0)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            lines[0].split(separator: " ", omittingEmptySubsequences: true) == [
                "NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE",
            ])
        #expect(lines[1].hasPrefix("service/tcp-echo   ClusterIP   10."))
        #expect(lines[1].contains("<none>        9000/TCP   "))
        #expect(
            lines[3].split(separator: " ", omittingEmptySubsequences: true) == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"])
        #expect(lines[4].hasPrefix("pod/tcp-echo-"))
        #expect(lines[4].contains("2/2     Running   0"))
    }

    @Test func namespacesShowMeshMembership() async {
        let run = await CLIRun(["get", "ns"])
        #expect(run.stdout.contains(where: { _ in true }))
        let rows = run.stdout.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        }
        #expect(rows.contains(["tcp-demo", "Active", "0s", "osm", "enabled"]))
        #expect(rows.contains(["osm-system", "Active", "0s", "control-plane", "-"]))
    }

    @Test func trafficTargetsShowWhetherTheMeshUsesThem() async {
        let run = await CLIRun(["get", "traffictarget", "-A", "--bundle", "smi-policy"])
        #expect(run.stdout.contains("tcp-demo    tcp-access   tcp-demo/tcp-echo   curl/curl   TCPRoute/tcp-echo-route   Active"))
    }

    @Test func overviewAndKubectlMessageWhenEmpty() async {
        let overview = await CLIRun(["get"])
        #expect(overview.code == 0)
        #expect(overview.stdout.contains("namespace/tcp-demo"))
        #expect(overview.stdout.contains("service/tcp-echo"))
        #expect(overview.stdout.contains("meshconfig.config.openservicemesh.io/osm-mesh-config"))
        let empty = await CLIRun(["get", "svc"])
        #expect(empty.code == 0)
        #expect(empty.stderr == "No resources found in default namespace.")
        #expect(await CLIRun(["get", "pods", "-A", "-n", "x"]).code == 2)
    }

    @Test func controlCharactersFromManifestsAreEscaped() async {
        let yaml =
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n  annotations: {openservicemesh.io/sidecar-injection: \"\\e[2J\"}\n"
        let run = await CLIRun(["get", "ns", "-f", "-"], stdin: yaml)
        #expect(!run.stdout.contains("\u{1B}"))
    }
}

@Suite struct MatrixCLITests {
    @Test func tableUsesGlyphsAndSourcesAsRows() async {
        let run = await CLIRun(["matrix", "--permissive", "off", "--bundle", "smi-policy"])
        #expect(run.code == 0)
        let rows = run.stdout.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        }
        #expect(rows[0] == ["FROM", "\\", "TO", "tcp-echo.tcp-demo:9000"])
        #expect(rows[1] == ["curl/curl", "."])
        #expect(rows[2] == ["tcp-demo/tcp-echo", "X"])
    }

    @Test func jsonIsAListOfCells() async throws {
        let run = await CLIRun(["matrix", "--json", "--permissive", "off"])
        let cells = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
        #expect(cells?.count == 2)
        #expect(cells?[0]["from"] as? String == "curl/curl")
        #expect(cells?[0]["to"] as? String == "tcp-echo.tcp-demo")
        #expect(cells?[0]["port"] as? Int == 9000)
        #expect(cells?[0]["verdict"] as? String == "denied")
        #expect(cells?[0]["reason"] as? String == "no TrafficTarget allows it")
    }
}

/// The real binary, for what only a process shows: exit codes and stdin.
@Suite struct BinaryTests {
    @Test func aThemeThatDoesNotExistOrIsBrokenIsRefusedBeforeAnythingStarts() async throws {
        let (code, _, err) = try await Binary.run(["--theme", "nope"])
        #expect(code == 2)
        #expect(err.contains("nope: no such theme or file; themes: default, light, high-contrast, deuteranopia, monochrome"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID()).yaml")
        try "k9s:\n  frame:\n    status:\n      errorColor: reddish\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let (code2, _, err2) = try await Binary.run([], environment: ["MESHDECK_THEME": file.path])
        #expect(code2 == 2)
        #expect(err2.contains(":4: k9s.frame.status.errorColor: not a colour"))
    }

    @Test func withoutATerminalTheDashboardPointsAtThePlainCommands() async throws {
        let (code, out, err) = try await Binary.run([])
        #expect(code == 2)
        #expect(out.isEmpty)
        #expect(err.contains("meshdeck get") && err.contains("meshdeck explain"))
    }

    @Test func exitCodesFromTheRealProcess() async throws {
        let walk = ["explain", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000"]
        #expect(try await Binary.run(walk).0 == 0)
        #expect(try await Binary.run(walk + ["--permissive", "off"]).0 == 1)
        let (code, _, err) = try await Binary.run(walk + ["-f", "-"], stdin: "kind: [")
        #expect(code == 2)
        #expect(err.contains("<stdin>:"))
        #expect(err.contains("nothing was applied"))
    }

    @Test func pipedPolicyFromBundleValidates() async throws {
        let (_, yaml, _) = try await Binary.run(["bundle", "smi-policy"])
        let (code, out, _) = try await Binary.run(["validate", "-f", "-"], stdin: yaml)
        #expect(code == 0)
        #expect(out.contains("traffictarget.access.smi-spec.io/tcp-access created"))
    }
}

/// `meshdeck … | head`: a reader that goes away ends the command quietly, as it ends other tools.
@Suite struct BrokenPipeTests {
    @Test(arguments: [["get", "-A"], ["walkthrough"], ["probe", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000"]])
    func aClosedPipeEndsTheCommandWithoutACrash(arguments: [String]) async throws {
        // `true` leaves at once; the command then writes into a closed pipe (EPIPE: SwiftNIO
        // ignores SIGPIPE once the engine starts).
        let (_, out, err) = try await Spawn.run(
            "/bin/bash", ["-c", "\"$0\" \"$@\" | true; echo \"status=${PIPESTATUS[0]}\"", Binary.url.path] + arguments
        ).tuple
        #expect(!err.contains("Fatal error") && !err.contains("Crash"), "\(err)")
        #expect(out.contains("status=141"), "\(out)")
    }
}
