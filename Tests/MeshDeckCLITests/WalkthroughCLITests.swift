import Foundation
import MeshDeckCLI
import MeshDeckTestSupport
import Testing

/// `meshdeck walkthrough`: the guide performed for real, printed as the guide prints it.
@Suite struct WalkthroughCLITests {
    static let packageRoot = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
    static let exec =
        #"kubectl exec -n curl -ti "$(kubectl get pod -n curl -l app=curl -o jsonpath='{.items[0].metadata.name}')" -c curl -- sh -c 'echo hello | nc tcp-echo.tcp-demo 9000'"#

    /// The commands and their outputs, in order, as a reader of the transcript sees them.
    static let expectedSequence = [
        "$ kubectl create namespace tcp-demo", "namespace/tcp-demo created",
        "$ osm namespace add tcp-demo", "Namespace [tcp-demo] successfully added to mesh [osm]",
        "$ kubectl apply -f https://raw.githubusercontent.com/openservicemesh/osm-docs/release-v1.2/manifests/apps/tcp-echo.yaml -n tcp-demo",
        "service/tcp-echo created", "serviceaccount/tcp-echo created", "deployment.apps/tcp-echo created",
        "$ kubectl get svc,po -n tcp-demo",
        "$ kubectl create namespace curl", "namespace/curl created",
        "$ osm namespace add curl", "Namespace [curl] successfully added to mesh [osm]",
        "$ kubectl apply -f https://raw.githubusercontent.com/openservicemesh/osm-docs/release-v1.2/manifests/samples/curl/curl.yaml -n curl",
        "serviceaccount/curl created", "deployment.apps/curl created",
        "$ kubectl get pods -n curl",
        #"$ kubectl patch meshconfig osm-mesh-config -n osm-system -p '{"spec":{"traffic":{"enablePermissiveTrafficPolicyMode":true}}}' --type=merge"#,
        "meshconfig.config.openservicemesh.io/osm-mesh-config patched (no change)",
        "$ " + exec, "echo response: hello",
        #"$ kubectl patch meshconfig osm-mesh-config -n osm-system -p '{"spec":{"traffic":{"enablePermissiveTrafficPolicyMode":false}}}' --type=merge"#,
        "meshconfig.config.openservicemesh.io/osm-mesh-config patched",
        "$ " + exec, "command terminated with exit code 1",
        "$ kubectl apply -f - <<EOF", "kind: TCPRoute", "metadata:", "  name: tcp-echo-route", "  namespace: tcp-demo", "EOF",
        "tcproute.specs.smi-spec.io/tcp-echo-route created", "traffictarget.access.smi-spec.io/tcp-access created",
        "$ " + exec, "echo response: hello",
    ]

    /// True when `wanted` appears in `lines` in this order (other lines may come between).
    static func inOrder(_ wanted: [String], in lines: [String]) -> String? {
        var rest = lines[...]
        for line in wanted {
            guard let found = rest.firstIndex(of: line) else { return "missing, or out of order: \(line)" }
            rest = rest[(found + 1)...]
        }
        return nil
    }

    @Test(arguments: ["en", "zh"])
    func everyStepGivesItsExpectedResultAndTheTranscriptReadsLikeTheGuide(_ lang: String) async throws {
        let run = await CLIRun(["walkthrough", "--lang", lang])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let lines = run.stdout.components(separatedBy: "\n")
        #expect(Self.inOrder(Self.expectedSequence, in: lines) == nil, "\(Self.inOrder(Self.expectedSequence, in: lines) ?? "")")
        #expect(lines.filter { $0.range(of: #"^# \d+\. "#, options: .regularExpression) != nil }.count == 14)
        #expect(
            lines.contains {
                $0.range(of: #"^pod/tcp-echo-[a-z0-9]+-[a-z0-9]{5} +2/2 +Running +0 +\d+s$"#, options: .regularExpression) != nil
            })
        #expect(
            lines.contains {
                $0.range(of: #"^curl-[a-z0-9]+-[a-z0-9]{5} +2/2 +Running +0 +\d+s$"#, options: .regularExpression) != nil
            })
        #expect(!run.stdout.contains("echo response: echo\n") && !run.stdout.hasSuffix("echo response: echo"))
        #expect(lines.first == (lang == "zh" ? "# TCP 流量路由" : "# TCP traffic routing"))
    }

    @Test func bothLanguagesTypeTheSameCommandsAndGetTheSameResults() async {
        let en = await CLIRun(["walkthrough", "--lang", "en"]).stdout.components(separatedBy: "\n")
        let zh = await CLIRun(["walkthrough", "--lang", "zh"]).stdout.components(separatedBy: "\n")
        func untranslated(_ lines: [String]) -> [String] {
            // Ages may differ by a second between two runs.
            lines.filter { !$0.hasPrefix("# ") }.map {
                $0.replacingOccurrences(of: #"\d+s$"#, with: "AGE", options: .regularExpression)
            }
        }
        #expect(untranslated(en) == untranslated(zh))
        #expect(en.filter { $0.hasPrefix("# ") } != zh.filter { $0.hasPrefix("# ") })
    }

    @Test func theGetStepPrintsWhatMeshdeckGetPrintsForTheSameCluster() async {
        let walk = await CLIRun(["walkthrough", "--lang", "en"]).stdout
        let get = await CLIRun(["get", "svc,po", "-n", "tcp-demo"]).stdout
        func withoutAge(_ text: String) -> String {
            text.replacingOccurrences(of: #" +\d+s(\n|$)"#, with: "$1", options: .regularExpression)
        }
        #expect(get.contains("pod/tcp-echo-"))
        #expect(withoutAge(walk).contains("$ kubectl get svc,po -n tcp-demo\n" + withoutAge(get) + "\n"))
    }

    @Test func theLanguageComesFromTheLocale() async throws {
        func firstLine(_ env: [String: String]) async throws -> String {
            let (code, out, err) = try await Binary.run(
                ["walkthrough"], environment: ["LC_ALL": "", "LC_MESSAGES": "", "LANG": ""].merging(env) { $1 })
            #expect(code == 0, "\(err)")
            return out.components(separatedBy: "\n").first ?? ""
        }
        #expect(try await firstLine(["LANG": "zh_CN.UTF-8"]) == "# TCP 流量路由")
        #expect(try await firstLine(["LANG": "en_US.UTF-8"]) == "# TCP traffic routing")
        #expect(try await firstLine(["LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"]) == "# TCP traffic routing")
        #expect(try await firstLine(["LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"]) == "# TCP 流量路由")
    }

    /// The comparison behind the exit code, end to end: a walkthrough whose step 12 expects the
    /// probe to pass must fail, and say which step, what it expected and what came.
    @Test func aStepWhoseResultDiffersFailsNamingTheStep() async throws {
        let shipped = try String(
            contentsOf: Self.packageRoot.appendingPathComponent("Sources/Presentation/Resources/walkthrough/en.yaml"),
            encoding: .utf8)
        let wrong = shipped.replacingOccurrences(
            of: "output: command terminated with exit code 1", with: "output: \"echo response: hello\"")
        #expect(wrong != shipped)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("walk-\(UUID()).yaml")
        try wrong.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = await CLIRun(["walkthrough", "--file", file.path])
        #expect(run.code == 1)
        #expect(
            run.stderr == """
                error: step 12 (probe-denied) "Confirm the curl client cannot reach tcp-echo without SMI policies": expected "echo response: hello", got "command terminated with exit code 1"
                error: 1 of 14 steps did not give the expected result
                """)
        #expect(run.stdout.hasSuffix("echo response: hello"), "the transcript is printed in full")

        // And the shipped file, given as a file, passes: the failure above is the edit's.
        #expect(
            await CLIRun([
                "walkthrough", "--file",
                Self.packageRoot.appendingPathComponent("Sources/Presentation/Resources/walkthrough/en.yaml").path,
            ]).code == 0)
    }

    @Test func badInputExitsTwo() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("walk-\(UUID()).yaml")
        try
            "language: en\ntitle: Mine\nsteps:\n- id: one\n  title: One\n  command: kubectl create namespace x\n  does: it\n  action: {type: create-namespace}\n  expect: {output: done}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let broken = await CLIRun(["walkthrough", "--file", file.path])
        #expect(broken.code == 2)
        #expect(
            broken.stderr.hasPrefix("\(file.path):8:11: error: steps[0].action.namespace: required field is missing"),
            "\(broken.stderr)")
        #expect(broken.stdout.isEmpty)
        let lang = await CLIRun(["walkthrough", "--lang", "fr"])
        #expect(lang.code == 2 && lang.stderr.contains("unknown language 'fr'; languages: en, zh"))
        #expect(await CLIRun(["walkthrough", "--lang", "en", "--file", file.path]).code == 2)
        let cast = await CLIRun(["walkthrough", "--lang", "en", "--cast", "/nonexistent-dir/walk.cast"])
        #expect(cast.code == 2)
        #expect(cast.stderr == "error: cannot write /nonexistent-dir/walk.cast: No such file or directory")
        #expect(cast.stdout.isEmpty, "a recording that cannot be written fails before the walkthrough runs")
    }
}

/// `meshdeck walkthrough --cast`: a recording the real asciinema replays.
@Suite struct WalkthroughCastTests {
    /// asciinema from scripts/install-test-tools.sh (the package's venv), else from PATH.
    static func asciinema() -> URL? {
        let venv = WalkthroughCLITests.packageRoot.appendingPathComponent(".build-tools/venv/bin/asciinema")
        if FileManager.default.isExecutableFile(atPath: venv.path) { return venv }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("asciinema")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    static func run(_ tool: URL, _ arguments: [String]) async throws -> (Int32, String, String) {
        try await Spawn.run(tool.path, arguments, environment: ["LC_ALL": "C.UTF-8"]).tuple
    }

    @Test(arguments: ["en", "zh"])
    func asciinemaReplaysTheTranscriptWithOneMarkerPerStep(_ lang: String) async throws {
        let cast = FileManager.default.temporaryDirectory.appendingPathComponent("walk-\(UUID()).cast")
        defer { try? FileManager.default.removeItem(at: cast) }
        let run = await CLIRun(["walkthrough", "--lang", lang, "--cast", cast.path])
        #expect(run.code == 0)
        #expect(run.stderr.hasPrefix("wrote \(cast.path): 14 steps, "))

        // The file: a v2 header, then events in time order, one marker per step.
        let lines = try String(contentsOf: cast, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect((header["width"] as? Int ?? 0) >= 80 && header["height"] as? Int == 30)
        #expect(abs(Double(header["timestamp"] as? Int ?? 0) - Date().timeIntervalSince1970) < 600)
        #expect((header["title"] as? String)?.hasPrefix("MeshDeck: ") == true)
        let env = header["env"] as? [String: String]
        #expect(env?["TERM"]?.isEmpty == false && env?["SHELL"]?.isEmpty == false)
        let events = try lines.dropFirst().map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [Any]) }
        let times = events.compactMap { $0[0] as? Double }
        #expect(times.count == events.count && zip(times, times.dropFirst()).allSatisfy { $0 < $1 })
        #expect(Set(events.compactMap { $0[1] as? String }) == ["o", "m"])
        let markers = events.filter { $0[1] as? String == "m" }.compactMap { $0[2] as? String }
        let titles = run.stdout.components(separatedBy: "\n").compactMap { line -> String? in
            guard let r = line.range(of: #"^# \d+\. "#, options: .regularExpression) else { return nil }
            return String(line[r.upperBound...])
        }
        #expect(titles.count == 14)
        #expect(markers == titles.enumerated().map { "step \($0.offset + 1): \($0.element)" })

        // The real asciinema accepts it and prints the same transcript.
        guard let asciinema = Self.asciinema() else {
            Issue.record("asciinema not found in .build-tools/venv/bin or on PATH: run scripts/install-test-tools.sh")
            return
        }
        let (code, out, err) = try await Self.run(asciinema, ["cat", cast.path])
        #expect(code == 0, "asciinema cat failed: \(err)")
        #expect(out.replacingOccurrences(of: "\r\n", with: "\n") == run.stdout + "\n")
    }
}
