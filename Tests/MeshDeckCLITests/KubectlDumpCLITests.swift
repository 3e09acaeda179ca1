import Foundation
import MeshDeckCLI
import MeshDeckTestSupport
import Testing

/// The operator's flow: dump a cluster with kubectl, load it into MeshDeck, ask why.
@Suite struct KubectlDumpCLITests {
    let dump = Fixtures.path("kubectl-get-walkthrough.yaml")
    let walk = ["--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000"]

    func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
    }

    @Test func commonOptionsMayComeBeforeTheCommand() async {
        let get = await CLIRun(["-f", dump, "--empty", "get", "svc", "-A"])
        #expect(get.code == 0)
        #expect(rows(get.stdout).contains { $0.prefix(4) == ["tcp-demo", "tcp-echo", "ClusterIP", "10.96.183.42"] })
        #expect(await CLIRun(["--permissive", "off", "explain"] + walk).code == 1)
        #expect(await CLIRun(["--filename=\(dump)", "--empty", "explain"] + walk).code == 0)
        // An option MeshDeck does not know is still reported, not swallowed.
        let unknown = await CLIRun(["--frobnicate", "get"])
        #expect(unknown.code == 2)
        #expect(unknown.stderr.contains("--frobnicate"))
    }

    @Test func getShowsTheDumpedClusterWithOrWithoutTheEmbeddedScenario() async {
        let empty = await CLIRun(["-f", dump, "--empty", "get"])
        let over = await CLIRun(["-f", dump, "get"])
        #expect(empty.code == 0 && over.code == 0)
        #expect(empty.stderr.isEmpty, "nothing in the dump is reported: \(empty.stderr)")
        // The dump holds everything the walkthrough has, so the result is the same cluster.
        #expect(empty.stdout == over.stdout)
        let table = rows(empty.stdout)
        #expect(table.contains { $0.prefix(4) == ["kube-system", "service/kube-dns", "ClusterIP", "10.96.0.10"] })
        #expect(table.contains { $0.first == "osm-system" && $0.dropFirst().first == "deployment.apps/osm-controller" })
        #expect(
            table.contains {
                $0.prefix(5) == [
                    "tcp-demo", "traffictarget.access.smi-spec.io/tcp-access", "tcp-demo/tcp-echo", "curl/curl",
                    "TCPRoute/tcp-echo-route",
                ]
            })
    }

    @Test func dashNListsOneNamespaceOfTheDump() async {
        let run = await CLIRun(["-f", dump, "get", "svc,po", "-n", "tcp-demo"])
        #expect(run.code == 0)
        #expect(run.stdout.contains("service/tcp-echo   ClusterIP   10.96.183.42"))
        #expect(!run.stdout.contains("kube-dns"))
    }

    @Test func explainAnswersWithTheClustersPolicyAndAddresses() async {
        let allowed = await CLIRun(["-f", dump, "--empty", "explain"] + walk)
        #expect(allowed.code == 0)
        #expect(allowed.stdout.contains("reason: TrafficTarget tcp-demo/tcp-access allows ServiceAccount curl/curl on port 9000"))
        #expect(allowed.stdout.contains("resolves to Service tcp-demo/tcp-echo (ClusterIP 10.96.183.42)"))
        #expect(allowed.stdout.contains("enablePermissiveTrafficPolicyMode: false, enableEgress: true"))
        #expect(await CLIRun(["-f", dump, "--empty", "explain", "--from", "curl/curl", "--to", "10.96.183.42:9000"]).code == 0)
        // "Why can't tcp-echo reach itself on my cluster?"
        let denied = await CLIRun([
            "-f", dump, "--empty", "explain", "--from", "tcp-demo/tcp-echo", "--to", "tcp-echo.tcp-demo:9000",
        ])
        #expect(denied.code == 1)
        #expect(denied.stdout.contains("sources curl/curl (does not include tcp-demo/tcp-echo)"))
        #expect(denied.stdout.contains("fix:    apply a TrafficTarget in namespace tcp-demo"))
    }

    @Test func aShapeErrorInADumpNamesFileLineAndField() async throws {
        var lines = Fixtures.text("kubectl-get-walkthrough.yaml").components(separatedBy: "\n")
        let ip = try #require(lines.firstIndex(of: "    clusterIP: 10.96.183.42"))
        let port = try #require(lines[ip...].firstIndex(of: "      port: 9000"))
        lines[port] = "      port: nine-thousand"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dump-\(UUID()).yaml")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = await CLIRun(["-f", file.path, "--empty", "get"])
        #expect(run.code == 2)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr.hasPrefix(
                "\(file.path):\(port + 1):13: error: items[27].spec.ports[0].port: expected a whole number, got the string 'nine-thousand'"
            ))
        #expect(run.stderr.hasSuffix("error: 1 problem found; nothing was applied"))
    }
}
