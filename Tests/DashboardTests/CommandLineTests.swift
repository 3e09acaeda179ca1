import ConnectionEngine
import DataPlaneInterface
import Foundation
import MeshDeckTestSupport
import MeshModel
import Testing

@testable import Dashboard
@testable import Presentation
@testable import TerminalUI

/// Types a line into the `:` prompt and presses Enter, returning the effects.
@discardableResult
func runLine(_ state: inout AppState, _ line: String) -> [Effect] {
    _ = Reducer.reduce(&state, .key(.character(":")))
    for c in line { _ = Reducer.reduce(&state, .key(.character(c))) }
    return Reducer.reduce(&state, .key(.enter))
}

func screen(_ state: AppState, _ w: Int = 120, _ h: Int = 40) -> String {
    Screen.render(state, width: w, height: h, context: RenderContext(ascii: false)).text
}

@Suite struct LineCommandParserTests {
    @Test func everyCommandParses() throws {
        #expect(try LineCommandParser.parse("apply ./policy.yaml") == .apply(path: "./policy.yaml", namespace: nil))
        #expect(try LineCommandParser.parse("apply -f curl.yaml -n curl") == .apply(path: "curl.yaml", namespace: "curl"))
        #expect(
            try LineCommandParser.parse("delete traffictarget tcp-access -n tcp-demo")
                == .delete(kind: .trafficTarget, name: "tcp-access", namespace: "tcp-demo"))
        #expect(
            try LineCommandParser.parse("delete tcproute/tcp-echo-route")
                == .delete(kind: .tcpRoute, name: "tcp-echo-route", namespace: nil))
        #expect(
            try LineCommandParser.parse("probe curl/curl tcp-echo.tcp-demo:9000 'hi there'")
                == .probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", message: "hi there"))
        #expect(
            try LineCommandParser.parse("probe curl/curl tcp-echo.tcp-demo:9000")
                == .probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", message: nil))
        #expect(try LineCommandParser.parse("permissive off") == .permissive(false))
        #expect(try LineCommandParser.parse("egress on") == .egress(true))
        #expect(try LineCommandParser.parse("ns add default") == .namespaceAdd("default"))
        #expect(try LineCommandParser.parse("ns remove curl") == .namespaceRemove("curl"))
        #expect(
            try LineCommandParser.parse("scale tcp-demo/tcp-echo 3")
                == .scale(ObjectKey(namespace: "tcp-demo", name: "tcp-echo"), replicas: 3))
        #expect(try LineCommandParser.parse("load 500 8") == .load(count: 500, concurrency: 8))
        #expect(try LineCommandParser.parse("theme light") == .theme("light"))
        #expect(try LineCommandParser.parse("q") == .quit)
    }

    @Test(arguments: [
        ("permisive off", "unknown command ':permisive' (did you mean :permissive?)"),
        ("permissive maybe", "usage: :permissive on|off"),
        ("scale tcp-echo 3", "usage: :scale NS/DEPLOYMENT N"),
        ("scale tcp-demo/tcp-echo -1", "replicas must be a whole number of 0 or more, got '-1'"),
        ("load 0 4", "N is the number of probes, 1 to 1000000, got '0'"),
        ("load 10 x", "C is how many run at once, 1 to 1024, got 'x'"),
        ("delete tcproutes", "usage: :delete KIND NAME [-n NS]"),
        ("delete tcprout x", "unknown kind 'tcprout' (did you mean tcproute?)"),
        ("delete meshconfig osm-mesh-config", "the MeshConfig is not deleted here"),
        ("probe curl tcp-echo.tcp-demo:9000", "FROM is NS/DEPLOYMENT"),
        ("probe curl/curl tcp-echo", "TO is HOST:PORT"),
        ("probe curl/curl 'tcp-echo:9000", "the ' quote is not closed"),
    ])
    func badLinesSayWhatIsWrong(line: String, message: String) {
        #expect(throws: LineCommandError.self) { try LineCommandParser.parse(line) }
        do { _ = try LineCommandParser.parse(line) } catch { #expect(error.message.hasPrefix(message), "\(error.message)") }
    }
}

@Suite struct LineEditorTests {
    @Test func editsLikeAShellLine() {
        var e = LineEditor()
        for c in "probe 中文" { _ = e.edit(.character(c)) }
        #expect(e.string == "probe 中文" && e.cursor == 8)
        _ = e.edit(.backspace)
        #expect(e.string == "probe 中")
        _ = e.edit(.home); _ = e.edit(.delete)
        #expect(e.string == "robe 中")
        _ = e.edit(.end); _ = e.edit(.control("w"))
        #expect(e.string == "robe ")
        _ = e.edit(.left); _ = e.edit(.character("X"))
        #expect(e.string == "robeX ")
        _ = e.edit(.control("u"))
        #expect(e.string == " " && e.cursor == 0)
        let handled = e.edit(.enter)
        #expect(!handled, "Enter is not an edit: the caller runs the line")
    }

    @Test func historyWalksBackAndGivesTheDraftBack() {
        var h = CommandHistory()
        h.record("permissive off")
        h.record("permissive off")
        h.record("egress on")
        #expect(h.entries == ["permissive off", "egress on"])
        #expect(h.older(current: "sca") == "egress on")
        #expect(h.older(current: "egress on") == "permissive off")
        #expect(h.older(current: "permissive off") == nil)
        #expect(h.newer() == "egress on")
        #expect(h.newer() == "sca")
        #expect(h.newer() == nil)
    }
}

@Suite struct CompletionTests {
    var state: AppState = {
        var s = AppState(cluster: Scenario.walkthrough())
        s.themes = BuiltinThemes.all.compactMap { try? ThemeLoader.load($0.yaml, name: $0.name, file: $0.name) }
        return s
    }()

    /// A disk of a few files, listed as the app would list it when Tab asks.
    static func listing(_ directory: String) -> DirectoryListing {
        let entries: [(String, Bool)] =
            directory == ""
            ? [("manifests", true), ("policy.yaml", false), (".hidden", false)]
            : directory == "manifests/" ? [("curl.yaml", false), ("tcp-echo.yaml", false)] : []
        return DirectoryListing(directory: directory, entries: entries.map { .init(name: $0.0, isDirectory: $0.1) })
    }

    func complete(_ line: String) -> Completion {
        Completer.complete(
            line, state: state, listing: Completer.directoryToList(line, state: state).map(Self.listing))
    }

    /// The reducer reads no disk: Tab on a path asks the app for a listing, and completes once it
    /// comes back (and not if the line changed meanwhile).
    @Test func tabOnAPathAsksForAListingInsteadOfReadingTheDisk() {
        var state = self.state
        _ = Reducer.reduce(&state, .key(.character(":")))
        for c in "apply ma" { _ = Reducer.reduce(&state, .key(.character(c))) }
        #expect(Reducer.reduce(&state, .key(.tab)) == [.listDirectory("")])
        #expect(state.editor.string == "apply ma")
        _ = Reducer.reduce(&state, .directoryListed(Self.listing("")))
        #expect(state.editor.string == "apply manifests/")
        #expect(Reducer.reduce(&state, .key(.tab)) == [.listDirectory("manifests/")])
        _ = Reducer.reduce(&state, .key(.backspace))
        _ = Reducer.reduce(&state, .directoryListed(Self.listing("manifests/")))
        #expect(state.editor.string == "apply manifests", "a listing for a line that moved on is dropped")
        // Words that are not paths complete at once, with no effect.
        _ = Reducer.reduce(&state, .key(.escape))
        _ = Reducer.reduce(&state, .key(.character(":")))
        for c in "perm" { _ = Reducer.reduce(&state, .key(.character(c))) }
        #expect(Reducer.reduce(&state, .key(.tab)).isEmpty)
        #expect(state.editor.string == "permissive ")
    }

    /// Issue 11: `:probe` completes every workload kind that runs pods, not only Deployments.
    @Test func probeSourcesIncludeEveryWorkloadKind() throws {
        var state = self.state
        var cluster = state.cluster
        try cluster.apply(ManifestDecoder().decode(Fixtures.text("osm-v1.2/workloads.yaml"), file: "w.yaml").resources)
        state.setCluster(cluster)
        let candidates = Completer.complete("probe bookwarehouse/", state: state, listing: nil).candidates
        for name in ["mysql", "server", "agent", "worker", "loader"] {
            #expect(candidates.contains("bookwarehouse/\(name)"), "\(name) in \(candidates)")
        }
        #expect(
            Completer.complete("probe bookwarehouse/my", state: state, listing: nil).completedPrefix
                == "probe bookwarehouse/mysql ")
    }

    @Test func namesComeFromTheLiveCluster() {
        #expect(complete("pro").completedPrefix == "probe ")
        #expect(complete("probe cu").completedPrefix == "probe curl/curl ")
        #expect(complete("probe curl/curl tcp").completedPrefix == "probe curl/curl tcp-echo.tcp-demo:9000 ")
        #expect(complete("delete tr").completedPrefix == "delete traffictarget ")
        #expect(complete("permissive ").candidates == ["on", "off"])
        #expect(complete("ns add ").candidates.contains("default"))
        #expect(!complete("ns add ").candidates.contains("tcp-demo"), "already in the mesh")
        #expect(complete("ns remove ").candidates.contains("tcp-demo"))
        #expect(complete("scale tcp").completedPrefix == "scale tcp-demo/tcp-echo ")
        #expect(complete("theme hi").completedPrefix == "theme high-contrast ")
        #expect(complete("zzz").candidates.isEmpty)
    }

    @Test func severalCandidatesCompleteTheSharedPrefix() {
        let c = complete("p")
        #expect(c.candidates == ["probe", "permissive"])
        #expect(c.completedPrefix == nil)
        #expect(complete("e").completedPrefix == "egress ")
    }

    @Test func applyCompletesPathsFromDisk() {
        #expect(complete("apply man").completedPrefix == "apply manifests/")
        #expect(complete("apply manifests/t").completedPrefix == "apply manifests/tcp-echo.yaml ")
        #expect(complete("apply ").candidates == ["manifests/", "policy.yaml"])
        #expect(complete("apply manifests/curl.yaml -n c").completedPrefix == "apply manifests/curl.yaml -n curl ")
    }

    @Test mutating func tabInTheLineCompletesAndListsCandidates() {
        _ = Reducer.reduce(&state, .key(.character(":")))
        _ = Reducer.reduce(&state, .key(.character("p")))
        _ = Reducer.reduce(&state, .key(.tab))
        #expect(state.completions == ["probe", "permissive"])
        #expect(screen(state).contains(" probe  permissive"))
        _ = Reducer.reduce(&state, .key(.character("r")))
        _ = Reducer.reduce(&state, .key(.tab))
        #expect(state.editor.string == "probe ")
        #expect(state.completions.isEmpty)
    }
}

@Suite struct CommandLineReducerTests {
    var state = AppState(cluster: Scenario.walkthrough())

    @Test mutating func colonOpensALineThatShowsWhatIsTyped() {
        _ = Reducer.reduce(&state, .key(.character(":")))
        for c in "permissive of" { _ = Reducer.reduce(&state, .key(.character(c))) }
        let text = screen(state, 80, 24)
        #expect(text.split(separator: "\n")[22].hasPrefix(":permissive of"))
        #expect(text.contains("Enter run  Tab complete"))
        _ = Reducer.reduce(&state, .key(.escape))
        #expect(state.input == nil && state.cluster.isPermissive)
    }

    @Test mutating func permissiveAndEgressSetTheMeshConfig() {
        #expect(runLine(&state, "permissive off").contains(.updateEngine))
        #expect(!state.cluster.isPermissive)
        #expect(screen(state).contains(" SMI "))
        // A patch that changes nothing is logged as kubectl prints it, and the data plane is left alone.
        #expect(runLine(&state, "permissive off").isEmpty)
        #expect(screen(state).contains("meshconfig.config.openservicemesh.io/osm-mesh-config patched (no change)"))
        #expect(runLine(&state, "egress off").contains(.updateEngine))
        #expect(!state.cluster.isEgressEnabled)
    }

    @Test mutating func nsScaleAndDeleteChangeTheClusterAndLogTheCommand() throws {
        #expect(runLine(&state, "ns add default").contains(.updateEngine))
        #expect(state.cluster.namespaces["default"]?.isMonitored == true)
        #expect(screen(state).contains("Namespace [default] successfully added to mesh [osm]"))
        #expect(runLine(&state, "scale tcp-demo/tcp-echo 3").contains(.updateEngine))
        #expect(state.cluster.pods(in: "tcp-demo").count == 3)
        #expect(screen(state).contains("deployment.apps/tcp-echo scaled"))
        _ = Reducer.reduce(&state, .key(.character("a")))
        #expect(runLine(&state, "delete traffictarget tcp-access").contains(.updateEngine))
        #expect(state.cluster.trafficTargets.isEmpty)
        #expect(screen(state).contains("kubectl delete traffictarget.access.smi-spec.io tcp-access -n tcp-demo"))
        #expect(runLine(&state, "ns remove tcp-demo").contains(.updateEngine))
        #expect(state.cluster.pods(in: "tcp-demo").allSatisfy { !$0.hasSidecar })
    }

    @Test mutating func badInputShowsAMessageAndChangesNothing() {
        let before = state.cluster
        for line in ["scale tcp-demo/nope 2", "ns add nowhere", "delete tcproute nope", "frobnicate", "load 5"] {
            #expect(runLine(&state, line).isEmpty, "\(line)")
            #expect(state.message?.isEmpty == false, "\(line)")
            #expect(state.cluster == before, "\(line)")
        }
        #expect(state.message?.hasPrefix("usage: :load N C") == true)
        _ = runLine(&state, "scale tcp-demo/nope 2")
        #expect(state.message == "Error from server (NotFound): deployments.apps \"nope\" not found")
        #expect(screen(state, 80, 24).contains("deployments.apps \"nope\" not found"))
    }

    @Test mutating func deleteWithoutNamespaceFindsTheOneByThatName() {
        _ = Reducer.reduce(&state, .key(.character("a")))
        #expect(runLine(&state, "delete tcproute tcp-echo-route").contains(.updateEngine))
        #expect(state.cluster.tcpRoutes.isEmpty)
    }

    @Test mutating func probeSendsAndBecomesTheCurrentProbe() {
        #expect(
            runLine(&state, "probe curl/curl tcp-echo.tcp-demo:9000 bye now")
                == [.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", message: "bye now")])
        #expect(
            Reducer.reduce(&state, .key(.enter)) == [.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", message: "bye now")])
    }

    @Test mutating func upRecallsTheLastCommand() {
        _ = runLine(&state, "egress off")
        _ = Reducer.reduce(&state, .key(.character(":")))
        _ = Reducer.reduce(&state, .key(.up))
        #expect(state.editor.string == "egress off")
        _ = Reducer.reduce(&state, .key(.down))
        #expect(state.editor.string == "")
    }

    @Test mutating func applyReadsThenAppliesAllOrNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-apply-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("sa.yaml").path
        try "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: probe-sa\n".write(
            toFile: good, atomically: true, encoding: .utf8)
        #expect(runLine(&state, "apply \(good) -n curl") == [.readManifests(path: good, namespace: "curl")])
        let read = ManifestLoader.load([good], decoder: ManifestDecoder(defaultNamespace: "curl"))
        #expect(Reducer.reduce(&state, .manifestsRead(path: good, output: read)).contains(.updateEngine))
        #expect(state.cluster.serviceAccounts[ObjectKey(namespace: "curl", name: "probe-sa")] != nil)
        #expect(screen(state).contains("serviceaccount/probe-sa created"))

        let bad = dir.appendingPathComponent("bad.yaml").path
        try
            "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: other\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports: 9000\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let before = state.cluster
        let output = ManifestLoader.load([bad], decoder: ManifestDecoder(defaultNamespace: nil))
        #expect(Reducer.reduce(&state, .manifestsRead(path: bad, output: output)).isEmpty)
        #expect(state.cluster == before, "one bad document and nothing is applied")
        #expect(state.message?.contains("bad.yaml:11") == true, "\(state.message ?? "")")
        #expect(state.message?.contains("nothing applied") == true)
        #expect(screen(state).contains("nothing was applied"))
    }

    @Test mutating func themeByNameAndABrokenFileKeepsThePrevious() throws {
        state.themes = BuiltinThemes.all.compactMap { try? ThemeLoader.load($0.yaml, name: $0.name, file: $0.name) }
        #expect(runLine(&state, "theme light") == [.applyTheme(state.themes.first { $0.name == "light" }!.palette)])
        #expect(state.theme?.name == "light")
        #expect(runLine(&state, "theme /tmp/broken.yaml") == [.readTheme(path: "/tmp/broken.yaml")])
        let broken = ThemeError(file: "/tmp/broken.yaml", line: 7, key: "k9s.body.fgColor", message: "not a colour")
        #expect(Reducer.reduce(&state, .themeRead(.failure(broken))).isEmpty)
        #expect(state.theme?.name == "light")
        #expect(state.message?.contains("/tmp/broken.yaml:7") == true, "\(state.message ?? "")")
        #expect(state.message?.contains("k9s.body.fgColor") == true)
        #expect(state.message?.contains("theme unchanged: light") == true)
    }

    @Test mutating func qQuits() {
        _ = runLine(&state, "q")
        #expect(state.quit)
    }
}

@Suite struct LogFilterTests {
    func probe(_ outcome: ProbeResult.Outcome, _ reply: String) -> ProbeResult {
        ProbeResult(
            outcome: outcome, connection: 1, from: "curl/curl", to: "tcp-echo.tcp-demo:9000", reply: reply, verdict: nil,
            reason: outcome == .allowed ? "permissive mode" : "no TrafficTarget allows curl", clientError: nil,
            latencies: Latencies(connect: nil, firstByte: nil, total: 0.001), endpointPod: nil)
    }

    @Test func slashFiltersAsYouTypeAndEscClears() {
        var state = AppState(cluster: Scenario.walkthrough())
        for i in 0..<30 {
            _ = Reducer.reduce(
                &state, .probeFinished(probe(i % 3 == 0 ? .denied : .allowed, i % 3 == 0 ? "" : "echo response: hello\n")))
        }
        _ = Reducer.reduce(&state, .key(.character("/")))
        for c in "DENIED" { _ = Reducer.reduce(&state, .key(.character(c))) }
        #expect(state.log.visibleCount == 10)
        var text = screen(state)
        #expect(text.contains("Probe log /DENIED (10 of 30)"))
        #expect(!text.contains("ALLOWED"))
        _ = Reducer.reduce(&state, .key(.enter))
        #expect(state.input == nil && state.log.isFiltered)
        // New lines that match appear; the others are counted but hidden.
        _ = Reducer.reduce(&state, .probeFinished(probe(.denied, "")))
        _ = Reducer.reduce(&state, .probeFinished(probe(.allowed, "echo response: hello\n")))
        #expect(screen(state).contains("(11 of 32)"))
        _ = Reducer.reduce(&state, .key(.escape))
        text = screen(state)
        #expect(!state.log.isFiltered && text.contains("Probe log (32)") && text.contains("ALLOWED"))
    }

    @Test func matchesFollowTheRingAsItWraps() {
        var log = ProbeLog(capacity: 5)
        log.setFilter("odd")
        for i in 0..<13 { log.append(LogEntry(time: Date(), kind: .output(i % 2 == 1 ? "odd \(i)" : "even \(i)"))) }
        // Kept: 8...12; matching: 9, 11.
        #expect(log.count == 5 && log.visibleCount == 2)
        guard case .output(let a) = log.visible(0).kind, case .output(let b) = log.visible(1).kind else {
            Issue.record("kinds"); return
        }
        #expect(a == "odd 9" && b == "odd 11")
        log.setFilter("")
        #expect(log.visibleCount == 5)
        log.setFilter("EVEN 1")
        #expect(log.visibleCount == 2, "even 10 and even 12, case-insensitive")
    }

    @Test func eExplainsTheSelectedProbeAmongThoseShown() {
        var state = AppState(cluster: Scenario.walkthrough())
        _ = Reducer.reduce(&state, .probeFinished(probe(.denied, "")))
        _ = Reducer.reduce(&state, .probeFinished(probe(.allowed, "echo response: hello\n")))
        _ = Reducer.reduce(&state, .key(.character("/")))
        for c in "denied" { _ = Reducer.reduce(&state, .key(.character(c))) }
        _ = Reducer.reduce(&state, .key(.enter))
        _ = Reducer.reduce(&state, .key(.character("e")))
        guard case .explain(_, let lines)? = state.popup else { Issue.record("no popup"); return }
        #expect(lines.first?.text.hasPrefix("probe: DENIED") == true)
    }
}

@Suite struct LoadViewTests {
    @Test func lStartsAThousandProbesAndTicksFeedTheHeader() {
        var state = AppState(cluster: Scenario.walkthrough())
        #expect(
            Reducer.reduce(&state, .key(.character("L")))
                == [.startLoad(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", message: "hello", count: 1000, concurrency: 16)])
        #expect(Reducer.reduce(&state, .key(.character("L"))).isEmpty, "one load at a time")
        #expect(state.message == "a load is already running (Esc stops it)")
        let meter = LoadMeter(count: 1000, concurrency: 16)
        for i in 0..<300 { meter.record(.allowed, latency: 0.0005 + Double(i % 10) * 0.0001) }
        _ = Reducer.reduce(&state, .loadTick(meter.tick()))
        for _ in 0..<200 { meter.record(.allowed, latency: 0.003) }
        meter.record(.denied, latency: 0.001)
        _ = Reducer.reduce(&state, .loadTick(meter.tick()))
        #expect(state.allowed == 500 && state.denied == 1)
        let text = screen(state)
        #expect(text.contains("load 501/1000"))
        #expect(text.contains("p50 3.00 ms"))
        #expect(text.contains("▁█"), "a sparkline rising from the first tick's median to the second's")
        #expect(Reducer.reduce(&state, .key(.escape)) == [.cancelLoad])
    }

    @Test func theEndLogsASummaryWithNothingLost() {
        var state = AppState(cluster: Scenario.walkthrough())
        _ = Reducer.reduce(&state, .key(.character("L")))
        var report = LoadReport(requested: 1000)
        report.allowed = 1000
        report.seconds = 0.5
        report.latencies.record(0.0004, count: 1000)
        _ = Reducer.reduce(&state, .loadFinished(report, cancelled: false))
        #expect(!state.loadRunning && state.allowed == 1000)
        let text = screen(state)
        #expect(text.contains("1000 probes: 1000 allowed, 0 denied, 0 errors, 0 lost · 2000 probes/s"))
        #expect(text.contains("load 1000/1000 done · 2000/s · p50 0.40 ms"), "done: the whole run's median")
        #expect(screen(state, 80, 24).contains("1000/1000 done"))
        #expect(LoadStripView.text(state.load!, running: false, width: 20, ascii: true) == " 1000/1000 done ")
    }

    @Test func sparklineScalesAndFallsBackToASCII() {
        #expect(Sparkline.render([1, 2, 3, 4, 5, 6, 7, 8], width: 8, ascii: false) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.render([1, 5, 9], width: 2, ascii: false) == "▁█", "the newest that fit, scaled among themselves")
        #expect(Sparkline.render([1, 3, 5], width: 3, ascii: true) == "_-#")
        #expect(Sparkline.render([2, 2], width: 3, ascii: false) == "▅▅", "flat: the middle bar")
    }
}

@Suite struct FooterTests {
    @Test func theWalkthroughKeysStayAt80ColumnsAndEverythingShowsAt200() {
        let state = AppState(cluster: Scenario.walkthrough())
        let narrow = String(screen(state, 80, 24).split(separator: "\n", omittingEmptySubsequences: false)[23])
        for key in ["Enter probe", "p permissive", "a apply policy", "? help", "q quit"] {
            #expect(narrow.contains(key), "\(key) in \(narrow)")
        }
        #expect(!narrow.contains("t theme"), "the least essential key gives way")
        let wide = String(screen(state, 200, 60).split(separator: "\n", omittingEmptySubsequences: false)[59])
        for key in ["/ filter", ": command", "L load", "t theme", "x matrix"] { #expect(wide.contains(key), "\(key) in \(wide)") }
    }
}

@Suite struct MarkerTests {
    /// What a recording marks: mode flips and policy changes, named as a viewer would look for them.
    @Test func flipsAndPolicyChangesAskForAMarker() {
        var state = AppState(cluster: Scenario.walkthrough())
        #expect(Reducer.reduce(&state, .key(.character("p"))).contains(.mark("permissive mode off")))
        #expect(Reducer.reduce(&state, .key(.character("g"))).contains(.mark("egress off")))
        #expect(
            Reducer.reduce(&state, .key(.character("a")))
                .contains(
                    .mark(
                        "applied TCPRoute tcp-echo-route (port 9000) + TrafficTarget tcp-access (curl/curl -> tcp-demo/tcp-echo)")
                ))
        #expect(runLine(&state, "delete traffictarget tcp-access").contains(.mark("deleted TrafficTarget tcp-demo/tcp-access")))
        #expect(
            !Reducer.reduce(&state, .key(.enter)).contains { if case .mark = $0 { true } else { false } },
            "a probe is not a marker")
    }
}

/// The dashboard and the guided walkthrough say the same thing for the same change: both go
/// through `ClusterCommand` (before, `:permissive on` on a permissive mesh said "is already true"
/// while the walkthrough printed kubectl's "patched (no change)").
@Suite struct SameVoiceTests {
    @Test func theDashboardLogsWhatTheWalkthroughPrints() {
        var state = AppState(cluster: Scenario.walkthrough())
        _ = runLine(&state, "permissive on")
        let logged = (0..<state.log.count).compactMap { i -> String? in
            if case .output(let line) = state.log.visible(i).kind { return line }
            return nil
        }
        var cluster = Scenario.walkthrough()
        guard case .output(let printed) = WalkthroughAction.setPermissive(true).perform(on: &cluster) else {
            Issue.record("a patch prints output")
            return
        }
        #expect(logged == printed)
        #expect(printed == ["meshconfig.config.openservicemesh.io/osm-mesh-config patched (no change)"])
    }
}
