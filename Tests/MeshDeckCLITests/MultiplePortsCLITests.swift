import Foundation
import MeshDeckCLI
import MeshDeckTestSupport
import Testing

/// Issue 11, point 5: every echo container of a pod runs, and explain says a pod listens only
/// where the data plane really starts a server (both read `Pod.listeningPorts`).
@Suite struct MultiplePortsCLITests {
    let file = Fixtures.path("osm-v1.2/multiple-ports.yaml")

    @Test func bothEchoContainersOfOnePodAnswer() async {
        for port in [9000, 9001] {
            let run = await CLIRun(["-f", file, "probe", "--from", "curl/curl", "--to", "multi.tcp-demo:\(port)"])
            #expect(run.code == 0, "port \(port): \(run.stderr)")
            #expect(run.stdout == "echo response: hello")
        }
        let explain = await CLIRun(["-f", file, "explain", "--from", "curl/curl", "--to", "multi.tcp-demo:9001"])
        #expect(explain.stdout.contains(", listening on 9001"), "\(explain.stdout)")
    }

    /// A containerPort is a declaration; the server listens where its --port says.
    @Test func aContainerPortTheServerDoesNotListenOnIsNotCalledListening() async {
        let explain = await CLIRun(["-f", file, "explain", "--from", "curl/curl", "--to", "mislabelled.tcp-demo:8080"])
        #expect(
            explain.stdout.contains("target port 8080, but nothing listens there (its echo servers listen on 9000)"),
            "\(explain.stdout)")
        #expect(explain.code == 1)
        #expect(explain.stdout.contains("listens on 9000, not on target port 8080, so the connection is refused"))
        let probe = await CLIRun(["-f", file, "probe", "--from", "curl/curl", "--to", "mislabelled.tcp-demo:8080"])
        #expect(probe.code == 1)
    }
}
