import Foundation
import MeshDeckCLI
import Testing

/// `probe` and `load`: real sockets behind the CLI contract.
@Suite struct ProbeCLITests {
    let walk = ["probe", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000"]

    @Test func walkthroughsThreeProbes() async {
        let on = await CLIRun(walk)
        #expect(on.code == 0)
        #expect(on.stdout == "echo response: hello")
        let off = await CLIRun(walk + ["--permissive", "off"])
        #expect(off.code == 1)
        #expect(off.stdout.isEmpty)
        #expect(off.stderr == "command terminated with exit code 1")
        let policy = await CLIRun(walk + ["--permissive", "off", "--bundle", "smi-policy"])
        #expect(policy.code == 0)
        #expect(policy.stdout == "echo response: hello")
    }

    @Test func verboseSaysWhereAndWhy() async {
        let off = await CLIRun(walk + ["--permissive", "off", "--egress", "off", "--verbose"])
        #expect(off.code == 1)
        #expect(off.stderr.contains("* client sidecar of curl/curl-"))
        #expect(off.stderr.contains("DENIED, no TrafficTarget allows it"))
        #expect(off.stderr.hasSuffix("DENIED at the client sidecar: no TrafficTarget allows it"))
    }

    @Test func unknownHostIsWhatNcPrints() async {
        let run = await CLIRun(["probe", "--from", "curl/curl", "--to", "tcp-echo.nowhere:9000"])
        #expect(run.code == 1)
        #expect(run.stderr == "nc: bad address 'tcp-echo.nowhere'")
    }

    @Test func messageIsSentAndTheReplyIsEscapedForTheTerminal() async {
        let run = await CLIRun(walk + ["--message", "hi \u{1B}[2J there"])
        #expect(run.code == 0)
        #expect(run.stdout == "echo response: hi \\e[2J there")
    }

    @Test func httpPortPrintsTheSidecarsBadRequest() async {
        let yaml =
            "apiVersion: v1\nkind: Service\nmetadata: {name: tcp-echo, namespace: tcp-demo}\nspec:\n  ports: [{name: tcp, port: 9000}]\n  selector: {app: tcp-echo}\n"
        let run = await CLIRun(walk + ["-f", "-"], stdin: yaml)
        #expect(run.code == 0)
        #expect(run.stdout.hasPrefix("HTTP/1.1 400 Bad Request\\r\\n"))
    }

    @Test func jsonHasVerdictReplyWhereReasonLatencies() async throws {
        let run = await CLIRun(walk + ["--json"])
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["verdict"] as? String == "allowed")
        #expect(object?["reply"] as? String == "echo response: hello\n")
        #expect(object?["where"] as? String == "server sidecar")
        #expect(object?["reason"] as? String == "permissive mode")
        let latency = object?["latencyMs"] as? [String: Any]
        #expect(latency?["total"] is Double)
        #expect(latency?["connect"] is Double)
    }

    @Test func badInputExitsTwo() async {
        #expect(await CLIRun(["probe", "--from", "curl/nope", "--to", "tcp-echo.tcp-demo:9000"]).code == 2)
        #expect(await CLIRun(["probe", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo"]).code == 2)
        #expect(await CLIRun(walk + ["--timeout", "0"]).code == 2)
    }
}

@Suite struct LoadCLITests {
    @Test func jsonReportsEveryProbe() async throws {
        let run = await CLIRun([
            "load", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000", "--count", "300", "--concurrency", "16", "--json",
        ])
        #expect(run.code == 0)
        let o = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(o?["allowed"] as? Int == 300)
        #expect(o?["denied"] as? Int == 0)
        #expect(o?["errors"] as? Int == 0)
        #expect(o?["lost"] as? Int == 0)
        #expect((o?["probesPerSecond"] as? Double ?? 0) > 0)
        let latency = o?["latencyMs"] as? [String: Double]
        #expect(Set(latency?.keys.map { $0 } ?? []) == ["p50", "p90", "p99", "max"])
        #expect((latency?["p50"] ?? -1) <= (latency?["p99"] ?? -2))
    }

    @Test func deniedProbesAreCountedAsDenied() async {
        let run = await CLIRun([
            "load", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000", "--count", "50", "--concurrency", "8",
            "--permissive", "off",
        ])
        #expect(run.code == 0)
        #expect(run.stdout.contains("allowed 0   denied 50   errors 0   lost 0"))
    }

    /// Scripts say what they expect: the other verdict is exit 1, with the count on stderr.
    @Test func theOtherVerdictThanExpectedExitsOne() async {
        let run = await CLIRun([
            "load", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000", "--count", "20", "--concurrency", "4",
            "--permissive", "off", "--expect", "allowed",
        ])
        #expect(run.code == 1)
        #expect(run.stderr.contains("error: 20 denied of 20 probes (expected allowed)"), "\(run.stderr)")
        #expect(await CLIRun(["load", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000", "--expect", "maybe"]).code == 2)
    }

    /// A message longer than the echo app's line limit gets no answer: allowed by the policy,
    /// but an error, never counted as allowed (it was, with an empty reply), and exit 3.
    @Test func probesWithoutTheEchoAreErrorsAndExitThree() async throws {
        let run = await CLIRun([
            "load", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000", "--count", "4", "--concurrency", "2",
            "--message", String(repeating: "m", count: 100_000), "--json",
        ])
        #expect(run.code == 3)
        let o = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(o?["allowed"] as? Int == 0 && o?["errors"] as? Int == 4, "\(run.stdout)")
        #expect(run.stderr.contains("4 errors of 4 probes (expected allowed); first error: "), "\(run.stderr)")
    }

    @Test func pipedOutputHasNoProgress() async throws {
        let (code, out, err) = try await Binary.run([
            "load", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000", "--count", "100",
        ])
        #expect(code == 0)
        #expect(out.contains("lost 0"))
        #expect(!err.contains("\r"))
    }
}

@Suite struct EngineLifecycleTests {
    @Test func shutdownLeavesNoThreadFileDescriptorOrPortBehind() async throws {
        let (code, out, err) = try await Binary.run(["_cleanup-check"])
        #expect(code == 0, "\(out)\(err)")
        #expect(out.hasSuffix("clean\n"))
    }
}
