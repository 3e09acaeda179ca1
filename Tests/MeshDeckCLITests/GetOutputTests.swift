import Foundation
import MeshDeckCLI
import MeshDeckTestSupport
import Testing
import Yams

/// `get -o yaml|json` prints what `kubectl get -o yaml|json` prints for the same objects.
@Suite struct GetYAMLTests {
    func yaml(_ arguments: [String], stdin: String? = nil) async throws -> (CLIRun, [String: Any]) {
        let run = await CLIRun(["get"] + arguments, stdin: stdin)
        let object = try #require(try Yams.load(yaml: run.stdout) as? [String: Any], "\(run.stdout)\n\(run.stderr)")
        return (run, object)
    }

    @Test func oneNamedServiceIsOneObjectInKubectlsKeyOrder() async throws {
        let (run, service) = try await yaml(["svc", "tcp-echo", "-n", "tcp-demo", "-o", "yaml"])
        #expect(run.code == 0)
        #expect(run.stdout.hasPrefix("apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: \""))
        let metadata = service["metadata"] as? [String: Any]
        #expect(metadata?["name"] as? String == "tcp-echo")
        #expect(metadata?["namespace"] as? String == "tcp-demo")
        #expect(metadata?["labels"] as? [String: String] == ["app": "tcp-echo"])
        #expect((metadata?["creationTimestamp"] as? String)?.hasSuffix("Z") == true)
        let spec = try #require(service["spec"] as? [String: Any])
        #expect(spec["type"] as? String == "ClusterIP")
        #expect((spec["clusterIP"] as? String)?.hasPrefix("10.") == true)
        #expect(spec["selector"] as? [String: String] == ["app": "tcp-echo"])
        let port = try #require((spec["ports"] as? [[String: Any]])?.first)
        #expect(port["port"] as? Int == 9000)
        #expect(port["targetPort"] as? Int == 9000)
        #expect(port["protocol"] as? String == "TCP")
        #expect(port["appProtocol"] as? String == "tcp")
    }

    @Test func severalObjectsAreAList() async throws {
        let (run, list) = try await yaml(["svc,po", "-n", "tcp-demo", "-o", "yaml"])
        #expect(run.code == 0)
        #expect(run.stdout.hasPrefix("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Service\n"))
        #expect(run.stdout.hasSuffix("\nkind: List\nmetadata:\n  resourceVersion: \"\""))
        let items = try #require(list["items"] as? [[String: Any]])
        #expect(items.map { $0["kind"] as? String } == ["Service", "Pod"])
        // One service, even if only one matches, is a List when it was not asked for by name.
        let (_, one) = try await yaml(["svc", "-n", "tcp-demo", "-o", "yaml"])
        #expect(one["kind"] as? String == "List")
        #expect((one["items"] as? [Any])?.count == 1)
    }

    @Test func aMeshedPodRunsTheEnvoySidecar() async throws {
        let (_, pod) = try await yaml(["po", "-n", "curl", "-o", "yaml"])
        let item = try #require((pod["items"] as? [[String: Any]])?.first)
        #expect((item["metadata"] as? [String: Any])?["name"] as? String == "curl-5ghzkjvn8j-xrxlg")
        let spec = try #require(item["spec"] as? [String: Any])
        let containers = try #require(spec["containers"] as? [[String: Any]])
        #expect(containers.map { $0["name"] as? String } == ["curl", "envoy"])
        #expect(containers.last?["image"] as? String == "envoyproxy/envoy-distroless:v1.22.2")
        #expect(spec["serviceAccountName"] as? String == "curl")
        let status = try #require(item["status"] as? [String: Any])
        #expect(status["phase"] as? String == "Running")
        #expect((status["containerStatuses"] as? [[String: Any]])?.allSatisfy { $0["ready"] as? Bool == true } == true)
    }

    @Test func aPodOutsideTheMeshHasNoSidecar() async throws {
        let (_, list) = try await yaml(["po", "-n", "outside", "-f", "-", "-o", "yaml"], stdin: TestManifests.outside)
        let items = try #require(list["items"] as? [[String: Any]])
        let names = items.map {
            (($0["spec"] as? [String: Any])?["containers"] as? [[String: Any]])?.map { $0["name"] as? String }
        }
        #expect(names == [["c"], ["e"]])
    }

    @Test func aDumpedObjectKeepsTheClustersTimeAndAddress() async throws {
        let dump = Fixtures.path("kubectl-get-walkthrough.yaml")
        let (_, service) = try await yaml(["-f", dump, "--empty", "svc", "tcp-echo", "-n", "tcp-demo", "-o", "yaml"])
        #expect((service["spec"] as? [String: Any])?["clusterIP"] as? String == "10.96.183.42")
        let run = await CLIRun(["-f", dump, "--empty", "get", "ns", "curl", "-o", "yaml"])
        #expect(run.stdout.contains("  creationTimestamp: \"2026-11-24T09:16:05Z\"\n"))
        #expect(run.stdout.contains("    kubernetes.io/metadata.name: curl\n"))
    }

    @Test func jsonIsTheSameDocument() async throws {
        // A dump, so both runs hold the same creation times.
        let dump = ["-f", Fixtures.path("kubectl-get-walkthrough.yaml"), "--empty"]
        let yaml = await CLIRun(dump + ["get", "svc,po,deploy,traffictarget", "-A", "-o", "yaml"])
        let json = await CLIRun(dump + ["get", "svc,po,deploy,traffictarget", "-A", "-o", "json"])
        #expect(json.code == 0)
        #expect(json.stdout.hasPrefix("{\n  \"apiVersion\" : \"v1\",\n  \"items\" : ["))
        let fromJSON = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))
        #expect(try OutputFormatTests.canonical(Yams.load(yaml: yaml.stdout)) == OutputFormatTests.canonical(fromJSON))
    }

    @Test func whatGetPrintsLoadsBackIntoTheSameCluster() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("get-yaml-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("state.yaml")
        let original = ["--permissive", "off", "--bundle", "smi-policy"]
        try await CLIRun(["get", "-o", "yaml"] + original).stdout.write(to: file, atomically: true, encoding: .utf8)
        let names = await CLIRun(["get", "-o", "name"] + original)
        let reloaded = await CLIRun(["-f", file.path, "--empty", "get", "-o", "name"])
        #expect(reloaded.code == 0)
        #expect(reloaded.stdout == names.stdout)
        #expect(
            await CLIRun(["matrix", "--json", "-f", file.path, "--empty"]).stdout
                == CLIRun(["matrix", "--json"] + original).stdout)
    }

    @Test func nothingInScopeIsAnEmptyList() async {
        let run = await CLIRun(["get", "svc", "-n", "nowhere", "-o", "yaml"])
        #expect(run.code == 0)
        #expect(run.stdout == "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"")
    }

    @Test func manifestTextCannotActOnTheTerminal() async {
        let manifest = """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: sneaky
              namespace: default
              annotations: {note: "\\e[2Jgone\\u202E"}
            """
        for format in ["yaml", "json"] {
            let run = await CLIRun(["get", "sa", "sneaky", "-f", "-", "-o", format], stdin: manifest)
            #expect(run.code == 0)
            #expect(run.stdout.contains("gone"))
            #expect(!run.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }, "\(run.stdout)")
        }
    }
}

/// `get -o wide|name`, `--no-headers` and names, as kubectl users type them.
@Suite struct GetTableOptionTests {
    func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
    }

    @Test func wideAddsSelectorsContainersAndImages() async {
        let svc = await CLIRun(["get", "svc", "-n", "tcp-demo", "-o", "wide"])
        #expect(rows(svc.stdout).first?.suffix(2) == ["AGE", "SELECTOR"])
        #expect(rows(svc.stdout).last?.last == "app=tcp-echo")
        let deploy = await CLIRun(["get", "deploy", "-A", "-o", "wide"])
        #expect(rows(deploy.stdout).first?.suffix(4) == ["AGE", "CONTAINERS", "IMAGES", "SELECTOR"])
        #expect(
            rows(deploy.stdout).last?.suffix(3) == [
                "tcp-echo-server", "openservicemesh/tcp-echo-server:latest", "app=tcp-echo,version=v1",
            ])
    }

    @Test func wideInventsNoPodIP() async {
        let wide = await CLIRun(["get", "po", "-A", "-o", "wide"])
        #expect(wide.code == 0)
        #expect(wide.stdout == (await CLIRun(["get", "po", "-A"])).stdout)
    }

    @Test func nameIsKindSlashName() async {
        let run = await CLIRun(["get", "all", "-n", "tcp-demo", "-o", "name"])
        #expect(run.stdout == "pod/tcp-echo-h9lf6sqbfk-47gpn\nservice/tcp-echo\ndeployment.apps/tcp-echo")
        let policy = await CLIRun(["get", "tcproute,traffictarget", "-n", "tcp-demo", "--bundle", "smi-policy", "-o", "name"])
        #expect(policy.stdout == "tcproute.specs.smi-spec.io/tcp-echo-route\ntraffictarget.access.smi-spec.io/tcp-access")
    }

    @Test func noHeadersPrintsRowsOnly() async {
        let run = await CLIRun(["get", "svc,deploy", "-n", "tcp-demo", "--no-headers"])
        #expect(run.code == 0)
        // No header rows, and no blank line between the kinds.
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("service/tcp-echo   ClusterIP   10."))
        #expect(lines[1].hasPrefix("deployment.apps/tcp-echo   1/1   1   1   "))
    }

    @Test func namesNarrowTheTable() async {
        let run = await CLIRun(["get", "deploy", "echo", "-n", "outside", "-f", "-"], stdin: TestManifests.outside)
        #expect(run.code == 0)
        #expect(rows(run.stdout).map { $0.first } == ["NAME", "echo"])
        let slashed = await CLIRun(["get", "svc/tcp-echo", "deploy/tcp-echo", "-n", "tcp-demo", "-o", "name"])
        #expect(slashed.stdout == "service/tcp-echo\ndeployment.apps/tcp-echo")
    }

    @Test func aNameThatIsNotThereIsAnError() async {
        let run = await CLIRun(["get", "svc", "nope", "tcp-echo", "-n", "tcp-demo", "-o", "name"])
        #expect(run.code == 2)
        #expect(run.stdout == "service/tcp-echo")
        #expect(run.stderr == "error: services \"nope\" not found in namespace tcp-demo")
        let ns = await CLIRun(["get", "ns", "nope"])
        #expect(ns.code == 2)
        #expect(ns.stderr == "error: namespaces \"nope\" not found")
    }

    @Test(arguments: [
        (
            ["get", "svc", "tcp-echo", "-A"],
            "error: a resource cannot be retrieved by name across all namespaces (use -n NAMESPACE)"
        ),
        (["get", "svc/"], "error: 'svc/' is not KIND/NAME; when one argument is KIND/NAME, all must be"),
        (["get", "frob"], "error: unknown resource type in 'frob'; use ns, svc, po"),
    ])
    func badRequestsAreUsageErrors(arguments: [String], expected: String) async {
        let run = await CLIRun(arguments)
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix(expected), "\(run.stderr)")
    }
}
