import Presentation

/// The dashboard's own words (its "chrome"): pane titles, footer labels, the help overlay, the
/// header, the guide pane's labels, the load strip and the messages the dashboard writes itself,
/// in the language `--lang` (or the locale) chose, so a session run in Chinese is not half
/// English. One table with one property per string, so the two languages are read side by side
/// and a view never tests the language itself.
///
/// Deliberately not here, so they stay as a real cluster shows them: what a user types or reads
/// from kubectl/osm (commands, their output, `echo response: hello`, resource names, YAML,
/// `kubectl get` tables), key names (Enter, q, p …), the reasons and facts the PolicyEngine
/// gives (`why`, `explain`), and errors from the manifest reader and the data plane. Also kept: the PERMISSIVE / SMI badges and the ALLOWED / DENIED verdicts of
/// the probe log, which are the words `meshdeck probe`, `explain` and the `/` filter use (see
/// README, "The dashboard in Chinese").
struct UIText: Sendable {
    // MARK: Screen
    var tooSmall: @Sendable (_ minW: Int, _ minH: Int, _ w: Int, _ h: Int) -> String
    var tooSmallShort: @Sendable (_ minW: Int, _ minH: Int, _ w: Int, _ h: Int) -> String
    var namespaces: String
    var workloads: @Sendable (_ namespace: String) -> String
    var policies: String
    var probeLog: @Sendable (_ count: Int) -> String
    var probeLogFiltered: @Sendable (_ filter: String, _ visible: Int, _ count: Int) -> String
    /// After the log's title while it is scrolled up: entries below the view, and how many of
    /// them arrived since (`↑ 12 · 3 new`).
    var logScrolled: @Sendable (_ below: Int, _ unseen: Int) -> String
    /// After the log's title while long lines wrap.
    var logWrapped: String
    var logEmptyHint: String
    var logNoMatch: @Sendable (_ filter: String) -> String
    /// On a scrolled view's bottom border: rows above and below what it shows (`↓ 12 more`).
    var more: @Sendable (_ above: Int, _ below: Int) -> String
    /// A top pane's title while `/` filters it: the title, the filter, the rows kept and all.
    var paneFiltered: @Sendable (_ title: String, _ filter: String, _ shown: Int, _ total: Int) -> String
    /// The same without the pane's name, where the pane is too narrow for both.
    var paneFilteredShort: @Sendable (_ filter: String, _ shown: Int, _ total: Int) -> String
    /// On a top pane's bottom border when rows are out of view: the selected row's place.
    var position: @Sendable (_ row: Int, _ rows: Int) -> String

    // MARK: Header
    var mesh: String
    var egress: @Sendable (_ on: Bool) -> String
    var allowedCount: @Sendable (_ glyph: String, _ n: Int) -> String
    var deniedCount: @Sendable (_ glyph: String, _ n: Int) -> String
    var inFlight: @Sendable (_ n: Int) -> String

    // MARK: Panes
    var roleMesh: String
    var roleMeshNoInject: String
    var roleControlPlane: String
    var permissiveMode: @Sendable (_ on: Bool) -> String
    var egressLine: @Sendable (_ on: Bool) -> String
    var noPolicies: String
    var ports: String
    var anyPort: String
    var ignored: String

    // MARK: Footer labels (the keys themselves are never translated)
    var probe: String
    var permissive: String
    var egressKey: String
    var applyPolicy: String
    var delete: String
    var explain: String
    var matrix: String
    var filter: String
    var command: String
    var load: String
    var guide: String
    var theme: String
    var help: String
    var quit: String
    var nextStep: String
    var back: String
    var backToPanes: String
    var hideGuide: String
    var close: String
    var keep: String
    var run: String
    var complete: String
    var history: String
    var cancel: String
    var typeToFilter: String
    var typeToFilterPane: String
    var clear: String
    var stopLoad: String
    var newest: String
    var wrap: String
    var scroll: String
    var reset: String
    var move: String

    // MARK: Popups
    var helpTitle: String
    /// One line each in the help overlay, after the keys (see `KeyBindings`).
    var helpProbe: String
    var helpPermissive: String
    var helpEgress: String
    var helpApply: String
    var helpDelete: String
    var helpExplain: String
    var helpMove: String
    var helpScroll: String
    var helpNewest: String
    var helpWrap: String
    var helpMatrix: String
    var helpFilter: String
    var helpCommandLine: String
    var helpLoad: String
    var helpGuide: String
    var helpGuideSteps: String
    var helpTheme: String
    var helpQuit: String
    var deleteTitle: String
    var deleteKeys: String
    /// `w` asks before the guide resets the cluster.
    var resetTitle: String
    var resetLines: [String]
    var resetKeys: String

    // MARK: Matrix
    var reachability: @Sendable (_ permissive: Bool) -> String
    var matrixEmpty: String
    var matrixLegend: @Sendable (_ allowed: String, _ denied: String) -> String

    // MARK: Describe and YAML
    var describeKey: String
    var yamlKey: String
    var helpDescribe: String
    var helpYAML: String
    var nothingToDescribe: String

    // MARK: Copy and save
    var copyKey: String
    var helpCopy: String
    var copied: @Sendable (_ what: String) -> String
    var copyCommandLine: String
    var copyPopup: @Sendable (_ lines: Int) -> String
    var saving: @Sendable (_ path: String) -> String
    var saved: @Sendable (_ path: String) -> String
    var saveFailed: @Sendable (_ path: String, _ error: String) -> String

    // MARK: Presentation layout
    var presentKey: String
    var helpPresent: String
    var lastVerdict: String
    var noVerdictYet: String

    // MARK: Service map
    var mapKey: String
    var helpMap: String
    var serviceMap: @Sendable (_ permissive: Bool) -> String
    var mapEmpty: String
    var mapScope: @Sendable (_ namespace: String) -> String
    var mapLegend: @Sendable (_ allowed: String, _ denied: String) -> String

    // MARK: Load strip
    var loadWord: String
    var done: String
    var stopped: String

    // MARK: Guide pane
    var expected: String
    var actual: String
    /// A step that gave the guide's result: what it printed, in short.
    var asExpected: @Sendable (_ summary: String) -> String
    /// A kubectl table in that summary: its rows are in the log.
    var tableRows: @Sendable (_ rows: Int) -> String
    var moreLines: @Sendable (_ n: Int) -> String
    var probing: @Sendable (_ to: String, _ from: String) -> String
    var next: String
    var heredocLines: @Sendable (_ n: Int) -> String
    var expect: String
    var allStepsMatched: @Sendable (_ n: Int) -> String
    var someStepsDiffered: String
    var guideFinishedHint: String

    // MARK: Messages the dashboard writes itself
    var guideUnavailable: String
    var guideOpened: String
    var guideNotOpened: String
    /// `# ` comments in the log (not commands: nothing to type on a real cluster).
    var guideResetComment: @Sendable (_ title: String) -> String
    var guideUndidComment: @Sendable (_ step: Int, _ title: String) -> String
    var guideWaiting: String
    var guideDoneAllMatch: String
    var guideDoneSomeDiffered: String
    var guideProbing: @Sendable (_ step: Int, _ to: String, _ from: String) -> String
    var guideAlreadyAtStart: String
    var guideBackBefore: @Sendable (_ step: Int) -> String
    var guideStepMatched: @Sendable (_ step: Int) -> String
    var guideStepDiffers: @Sendable (_ step: Int, _ mismatch: String) -> String
    var permissiveOn: String
    var permissiveOff: String
    var egressMessage: @Sendable (_ on: Bool) -> String
    var noPolicyToDelete: String
    var nothingDeleted: String
    var noProbeMatches: String
    var noProbeYet: String
    var noCellToExplain: String
    var loadAlreadyRunning: String
    var loadRunning: String
    var themeMessage: @Sendable (_ name: String) -> String
    var themeUnchanged: @Sendable (_ error: String, _ current: String?) -> String
    var dataPlaneError: @Sendable (_ error: String) -> String
    /// The data plane stopped an idle pod for room (EngineConfiguration.maxRunningPods).
    var podEvicted: @Sendable (_ pod: String, _ idleSeconds: Double, _ running: Int, _ bound: Int) -> String
    /// `:cert expire`: whose certificate expired and what follows.
    var certificateExpired: @Sendable (_ identity: String) -> String
    /// `:cert rotate-root`: how many tunnels closed to be dialed again under the new root.
    var rootRotated: @Sendable (_ closedTunnels: Int) -> String
    /// The data plane's CA renewed a certificate (the engine's English words for how).
    var certificateChanged: @Sendable (_ identity: String, _ change: String) -> String
    var certificateFaultFailed: @Sendable (_ error: String) -> String
    var appliedBundle: @Sendable (_ name: String) -> String
    var applyFailed: String
    var deleted: @Sendable (_ kind: String, _ name: String) -> String
    var noCompletion: String
    var reading: @Sendable (_ path: String) -> String
    var probeChanged: @Sendable (_ from: String, _ arrow: String, _ to: String, _ message: String) -> String
    var joinedMesh: @Sendable (_ namespace: String) -> String
    var leftMesh: @Sendable (_ namespace: String) -> String
    var scaled: @Sendable (_ deployment: String, _ replicas: Int) -> String
    var notFoundAnywhere: @Sendable (_ kind: String, _ name: String) -> String
    var inSeveralNamespaces: @Sendable (_ kind: String, _ name: String, _ namespaces: String) -> String
    /// The first problem of an apply, and how many more the log lists.
    var applyProblems: @Sendable (_ first: String, _ more: Int) -> String
    var noResourcesFound: @Sendable (_ path: String) -> String
    var appliedFrom: @Sendable (_ count: Int, _ path: String) -> String
    var filterKept: @Sendable (_ filter: String, _ visible: Int, _ count: Int) -> String
    var filterKeptRows: @Sendable (_ filter: String, _ shown: Int, _ total: Int) -> String
    /// The `# ` comment a load starts with in the log.
    var loadComment: @Sendable (_ count: Int, _ message: String, _ from: String, _ to: String, _ concurrency: Int) -> String
    /// A finished load, in full (the log) and short enough for the message line at 80 columns.
    var loadSummary: @Sendable (_ numbers: LoadNumbers) -> String
    var loadMessage: @Sendable (_ numbers: LoadNumbers) -> String
    /// A `:` line that could not be parsed.
    var commandError: @Sendable (_ problem: LineCommandError.Problem) -> String
    /// `--lang zh` where the locale cannot show Chinese: said once, in English.
    var languageFallback: @Sendable (_ language: String) -> String

    // MARK: Recording markers (a player lists them as chapters)
    var markPermissive: @Sendable (_ on: Bool) -> String
    var markEgress: @Sendable (_ on: Bool) -> String
    var markApplied: @Sendable (_ name: String, _ summary: String) -> String
    var markDeleted: @Sendable (_ kind: String, _ name: String) -> String
    var markGuide: @Sendable (_ title: String) -> String
    var markStep: @Sendable (_ step: Int, _ title: String) -> String
    var markBack: @Sendable (_ step: Int) -> String

    /// The table for a language. `ascii` (a terminal whose locale is not UTF-8) gets English:
    /// it could not show Chinese characters.
    static func `for`(_ language: WalkthroughLanguage, ascii: Bool = false) -> UIText {
        switch language {
        case .zh where !ascii: zh
        default: en
        }
    }

    static let en = UIText(
        tooSmall: { "MeshDeck needs at least \($0)x\($1) (now \($2)x\($3)); q quits" },
        tooSmallShort: { "need \($0)x\($1) (now \($2)x\($3)), q quits" },
        namespaces: "Namespaces",
        workloads: { "Workloads: \($0)" },
        policies: "Policies",
        probeLog: { "Probe log (\($0))" },
        probeLogFiltered: { "Probe log /\($0) (\($1) of \($2))" },
        logScrolled: { "↑ \($0)" + ($1 > 0 ? " · \($1) new" : "") },
        logWrapped: "wrapped",
        logEmptyHint: "Enter sends a probe: echo hello | nc tcp-echo.tcp-demo 9000",
        logNoMatch: { "nothing matches /\($0) (Esc clears the filter)" },
        more: { above, below in
            [above > 0 ? "↑ \(above)" : nil, below > 0 ? "↓ \(below)" : nil].compactMap { $0 }.joined(separator: " · ")
                + " more"
        },
        paneFiltered: { "\($0) /\($1) (\($2) of \($3))" },
        paneFilteredShort: { "/\($0) \($1)/\($2)" },
        position: { "\($0)/\($1)" },
        mesh: " mesh osm ",
        egress: { "  egress \($0 ? "on" : "off")" },
        allowedCount: { "   \($0) \($1) allowed" },
        deniedCount: { "  \($0) \($1) denied" },
        inFlight: { "  (\($0) in flight)" },
        roleMesh: "mesh",
        roleMeshNoInject: "mesh, no inject",
        roleControlPlane: "control plane",
        permissiveMode: { "permissive mode: \($0 ? "on" : "off")" },
        egressLine: { "egress: \($0 ? "on" : "off")" },
        noPolicies: "no SMI policies; a applies one",
        ports: "ports",
        anyPort: "any",
        ignored: "IGNORED: ",
        probe: "probe", permissive: "permissive", egressKey: "egress", applyPolicy: "apply policy", delete: "delete",
        explain: "explain", matrix: "matrix", filter: "filter", command: "command", load: "load", guide: "guide",
        theme: "theme", help: "help", quit: "quit", nextStep: "next step", back: "back", backToPanes: "back",
        hideGuide: "hide guide",
        close: "close", keep: "keep", run: "run", complete: "complete", history: "history", cancel: "cancel",
        typeToFilter: "type to filter the log", typeToFilterPane: "type to filter the pane by namespace/name", clear: "clear",
        stopLoad: "stop the load", newest: "newest", wrap: "wrap",
        scroll: "scroll", reset: "reset and start", move: "move",
        helpTitle: "Keys",
        helpProbe: "send the probe: echo hello | nc tcp-echo.tcp-demo 9000 from curl/curl",
        helpPermissive: "flip permissive traffic policy mode",
        helpEgress: "flip egress",
        helpApply: "apply the walkthrough's SMI policy (TCPRoute + TrafficTarget)",
        helpDelete: "delete the selected policy (asks first)",
        helpExplain: "explain the selected probe: the full fact chain",
        helpMove: "move between panes;  j k, arrows: move in a pane",
        helpScroll: "scroll the log a page (or the focused pane: namespaces, workloads, policies, the guide)",
        helpNewest: "back to the newest log line, following the log again (in a top pane: its last row; Home its first)",
        helpWrap: "wrap long log lines instead of cutting them with …",
        helpMatrix: "the reachability matrix: every workload against every service port (arrows move, e explains)",
        helpFilter:
            "filter the focused pane as you type: the log, or namespaces, workloads and policies by namespace/name (Enter keeps it, Esc clears it)",
        helpCommandLine: "command line (Tab completes, Up/Down history):",
        helpLoad: "load: 1,000 probes, 16 at a time, with the rate and a latency sparkline (Esc stops)",
        helpGuide: "the guided walkthrough beside the log; the first time it asks, then resets the cluster to before step 1",
        helpGuideSteps: "(guide) perform the next step for real;  b  back: undo the last step",
        helpTheme: "next theme (default, light, high-contrast, deuteranopia, monochrome)",
        helpQuit: "quit",
        deleteTitle: "Delete?",
        deleteKeys: "y: delete   n: keep",
        resetTitle: "Start the guided walkthrough?",
        resetLines: [
            "The guide starts where the OSM guide does: a cluster with only OSM installed (osm-system and its MeshConfig).",
            "The namespaces, workloads and policies shown now are removed, and the probe counters go back to 0.",
        ],
        resetKeys: "y: reset and start   n: keep the cluster",
        reachability: { "Reachability (\($0 ? "permissive" : "SMI") mode)" },
        matrixEmpty: "nothing to show: no running workloads or no service ports",
        matrixLegend: { "\($0) . allowed   \($1) X denied   arrows move the cursor, e explains the cell" },
        describeKey: "describe",
        yamlKey: "yaml",
        helpDescribe:
            "describe what the focused pane has selected, as kubectl describe does (a probe: its source workload, its pods and their sidecar)",
        helpYAML: "the same as YAML, as kubectl get -o yaml prints it",
        nothingToDescribe: "nothing selected to describe here: Tab to a pane with a selection",
        copyKey: "copy",
        helpCopy:
            "copy to the clipboard (OSC 52): an open explanation with its meshdeck explain line, else that line for the selected probe",
        copied: { "copied \($0) to the clipboard (OSC 52)" },
        copyCommandLine: "the meshdeck explain line",
        copyPopup: { "\($0) lines" },
        saving: { "saving the log to \($0)…" },
        saved: { "saved the log to \($0)" },
        saveFailed: { "could not save the log to \($0): \($1)" },
        presentKey: "present",
        helpPresent:
            "presentation layout: the last verdict in large letters with its reason and fix, over the log (z or Esc: back)",
        lastVerdict: "Last probe",
        noVerdictYet: "no probe yet: Enter sends one",
        mapKey: "map",
        helpMap:
            "the service map: workloads and services as boxes, each connection with its verdict and probe counters (↑↓ select, e explains)",
        serviceMap: { "Service map (\($0 ? "permissive" : "SMI") mode)" },
        mapEmpty: "no connections yet: the policy allows none and no probe was sent (Enter sends one)",
        mapScope: { "\($0) and its neighbours (Tab to the namespaces pane to pick another)" },
        mapLegend: { "verdict now, then probes sent: \($0) allowed \($1) denied   ↑↓ select, e explains" },
        loadWord: "load",
        done: " done",
        stopped: " stopped",
        expected: "expected: ",
        actual: "actual:   ",
        asExpected: { "as the guide says: \($0)" },
        tableRows: { "a kubectl table of \($0) rows (in the log)" },
        moreLines: { " (+\($0) lines)" },
        probing: { "probing \($0) from \($1)…" },
        next: "next: ",
        heredocLines: { "  … \($0) lines of YAML, EOF" },
        expect: "expect: ",
        allStepsMatched: { "all \($0) steps gave the guide's result" },
        someStepsDiffered: "some steps differed",
        guideFinishedHint: "w hides the guide; w again offers to start over",
        guideUnavailable: "the guided walkthrough is not available (its data files were not found)",
        guideOpened: "guide: n or Space performs step 1, b goes back, w hides the guide",
        guideNotOpened: "the cluster is unchanged; the guide is not open",
        guideResetComment: { "# guide: \($0): the cluster is back to just after osm install (no app namespaces yet)" },
        guideUndidComment: { "# guide: undid step \($0) (\($1)): the cluster is as it was before it" },
        guideWaiting: "guide: waiting for the probe's answer",
        guideDoneAllMatch: "guide: done, every step gave its expected result (w hides the guide; w again offers to start over)",
        guideDoneSomeDiffered: "guide: done; some steps differed from the guide (see the ✘ above)",
        guideProbing: { "guide: step \($0): probing \($1) from \($2)…" },
        guideAlreadyAtStart: "guide: already before step 1",
        guideBackBefore: { "guide: back before step \($0)" },
        guideStepMatched: { "guide: step \($0) gave the expected result" },
        guideStepDiffers: { "guide: step \($0) differs: \($1)" },
        permissiveOn: "permissive traffic policy mode on",
        permissiveOff: "permissive mode off: SMI policies decide",
        egressMessage: { "egress \($0 ? "on" : "off")" },
        noPolicyToDelete: "no policy to delete",
        nothingDeleted: "nothing deleted",
        noProbeMatches: "no probe matches the filter",
        noProbeYet: "no probe to explain yet: press Enter to send one",
        noCellToExplain: "no cell to explain: the matrix is empty",
        loadAlreadyRunning: "a load is already running (Esc stops it)",
        loadRunning: "load running: Esc stops it",
        themeMessage: { "theme \($0)" },
        themeUnchanged: { "\($0) (theme unchanged: \($1 ?? "terminal colours"))" },
        dataPlaneError: { "data plane: \($0)" },
        podEvicted: { pod, idle, running, bound in
            "data plane: stopped idle pod \(pod) (unused for \(Double(Int(idle * 10)) / 10) s) to keep at most \(bound) pods running; it starts again on its next connection (\(running) running)"
        },
        certificateExpired: {
            "certificate of \($0) expired: its sidecars' next connections fail the TLS handshake (certificate has expired) until the CA renews it"
        },
        rootRotated: {
            "mesh root rotated: certificates of the old root are refused; \($0) tunnel\($0 == 1 ? "" : "s") closed, dialed again under the new root on the next connection"
        },
        certificateChanged: { "certificate of \($0): \($1)" },
        certificateFaultFailed: { "cert: \($0)" },
        appliedBundle: { "applied \($0)" },
        applyFailed: "apply failed",
        deleted: { "\($0.lowercased()) \($1) deleted" },
        noCompletion: "no completion",
        reading: { "reading \($0)…" },
        probeChanged: { "Enter now sends: \($0) \($1) \($2) \($3)" },
        joinedMesh: { "\($0) joined the mesh: new pods get a sidecar" },
        leftMesh: { "\($0) left the mesh: its pods run without a sidecar" },
        scaled: { "\($0): \($1) replica\($1 == 1 ? "" : "s")" },
        notFoundAnywhere: { "\($0) \"\($1)\" not found in any namespace" },
        inSeveralNamespaces: { "\($0.lowercased()) \($1) is in several namespaces (\($2)): add -n NS" },
        applyProblems: { $0 + ($1 > 0 ? " (and \($1) more in the log; nothing applied)" : " (nothing applied)") },
        noResourcesFound: { "\($0): no resources found" },
        appliedFrom: { "applied \($0) resource\($0 == 1 ? "" : "s") from \($1)" },
        filterKept: { "filter /\($0): \($1) of \($2) lines (Esc clears)" },
        filterKeptRows: { "filter /\($0): \($1) of \($2) rows (Esc clears)" },
        loadComment: { "# load: \($0) × echo \($1) | nc from \($2) to \($3), \($4) at a time" },
        loadSummary: { n in
            (n.stopped ? "stopped after \(n.finished) of \(n.requested) probes: " : "\(n.requested) probes: ")
                + "\(n.allowed) allowed, \(n.denied) denied, \(n.errors) errors, \(n.lost) lost · \(n.rate) probes/s · "
                + "p50 \(n.p50) ms p90 \(n.p90) ms p99 \(n.p99) ms max \(n.max) ms"
        },
        loadMessage: { n in
            n.stopped
                ? "load stopped at \(n.finished)/\(n.requested): \(n.allowed) allowed, \(n.denied) denied · p50 \(n.p50) ms"
                : "load done: \(n.allowed) allowed, \(n.denied) denied"
                    + (n.errors > 0 ? ", \(n.errors) errors" : "") + (n.lost > 0 ? ", \(n.lost) lost" : "")
                    + " · \(n.rate)/s · p50 \(n.p50) ms p99 \(n.p99) ms"
        },
        commandError: { problem in
            switch problem {
            case .empty(let commands): "type a command: \(commands.joined(separator: ", "))"
            case .usage(let usage): "usage: \(usage)"
            case .unknownKind(let kind, let suggestion, let kinds):
                "unknown kind '\(kind)'\(suggestion.map { " (did you mean \($0)?)" } ?? ""): \(kinds.joined(separator: ", "))"
            case .meshConfigNotDeleted: "the MeshConfig is not deleted here: use :permissive and :egress"
            case .probeFrom(let usage): "FROM is NS/DEPLOYMENT, as curl/curl: usage: \(usage)"
            case .probeTo(let usage): "TO is HOST:PORT, as tcp-echo.tcp-demo:9000: usage: \(usage)"
            case .replicas(let typed): "replicas must be a whole number of 0 or more, got '\(typed)'"
            case .loadCount(let typed, let maximum): "N is the number of probes, 1 to \(maximum), got '\(typed)'"
            case .loadConcurrency(let typed, let maximum): "C is how many run at once, 1 to \(maximum), got '\(typed)'"
            case .namespaceMissing(let usage): "-n needs a namespace: usage: \(usage)"
            case .unknownCommand(let word, let suggestion, let commands):
                "unknown command ':\(word)'\(suggestion.map { " (did you mean :\($0)?)" } ?? ""); commands: \(commands.joined(separator: " "))"
            case .unclosedQuote(let quote): "the \(quote) quote is not closed"
            }
        },
        languageFallback: {
            "--lang \($0) needs a UTF-8 locale (LANG=C.UTF-8, say): showing English"
        },
        markPermissive: { "permissive mode \($0 ? "on" : "off")" },
        markEgress: { "egress \($0 ? "on" : "off")" },
        markApplied: { "applied \($1)" },
        markDeleted: { "deleted \($0) \($1)" },
        markGuide: { "guide: \($0)" },
        markStep: { "step \($0): \($1)" },
        markBack: { "back: before step \($0)" })

    /// Written for a Chinese-speaking trainer and audience: the usual Chinese terms of the
    /// Kubernetes / service-mesh world, one term per thing everywhere (命名空间, 工作负载, 控制平面,
    /// 出站流量 for egress, 宽松模式 for permissive mode, 探测 for a probe, 压测 for a load, 导览 for
    /// the guide, 后退 for b), short enough for 80 columns (each Chinese character takes two),
    /// keys and commands as typed.
    static let zh = UIText(
        tooSmall: { "MeshDeck 至少需要 \($0)x\($1) 的终端（当前 \($2)x\($3)）；按 q 退出" },
        tooSmallShort: { "至少需要 \($0)x\($1)（当前 \($2)x\($3)），q 退出" },
        namespaces: "命名空间",
        workloads: { "工作负载：\($0)" },
        policies: "策略",
        probeLog: { "探测日志（\($0)）" },
        probeLogFiltered: { "探测日志 /\($0)（\($1)/\($2)）" },
        logScrolled: { "↑ \($0)" + ($1 > 0 ? " · \($1) 条新记录" : "") },
        logWrapped: "自动换行",
        logEmptyHint: "按 Enter 发送探测：echo hello | nc tcp-echo.tcp-demo 9000",
        logNoMatch: { "没有匹配 /\($0) 的记录（Esc 清除过滤）" },
        more: { above, below in
            [above > 0 ? "↑ 上方 \(above) 行" : nil, below > 0 ? "↓ 还有 \(below) 行" : nil].compactMap { $0 }
                .joined(separator: " · ")
        },
        paneFiltered: { "\($0) /\($1)（\($2)/\($3)）" },
        paneFilteredShort: { "/\($0)（\($1)/\($2)）" },
        position: { "\($0)/\($1)" },
        mesh: " 网格 osm ",
        egress: { "  出站流量 \($0 ? "开" : "关")" },
        allowedCount: { "   \($0) \($1) 允许" },
        deniedCount: { "  \($0) \($1) 拒绝" },
        inFlight: { "  （\($0) 个进行中）" },
        roleMesh: "网格",
        roleMeshNoInject: "网格，不注入",
        roleControlPlane: "控制平面",
        permissiveMode: { "宽松模式：\($0 ? "开" : "关")" },
        egressLine: { "出站流量：\($0 ? "开" : "关")" },
        noPolicies: "无 SMI 策略，按 a 应用",
        ports: "端口",
        anyPort: "任意",
        ignored: "已忽略：",
        probe: "探测", permissive: "宽松模式", egressKey: "出站流量", applyPolicy: "应用策略", delete: "删除",
        explain: "解释", matrix: "矩阵", filter: "过滤", command: "命令", load: "压测", guide: "导览",
        theme: "主题", help: "帮助", quit: "退出", nextStep: "下一步", back: "后退", backToPanes: "返回", hideGuide: "隐藏导览",
        close: "关闭", keep: "保留", run: "执行", complete: "补全", history: "历史", cancel: "取消",
        typeToFilter: "输入文字过滤日志", typeToFilterPane: "输入 命名空间/名称 过滤窗格", clear: "清除", stopLoad: "停止压测", newest: "最新", wrap: "换行",
        scroll: "滚动", reset: "重置并开始", move: "移动",
        helpTitle: "按键",
        helpProbe: "从 curl/curl 发送探测：echo hello | nc tcp-echo.tcp-demo 9000",
        helpPermissive: "切换宽松模式（permissive traffic policy mode）",
        helpEgress: "切换出站流量（egress）",
        helpApply: "应用导览中的 SMI 策略（TCPRoute + TrafficTarget）",
        helpDelete: "删除选中的策略（会先确认）",
        helpExplain: "解释选中的探测：完整的判定依据",
        helpMove: "在窗格间切换；j k 或方向键：在窗格内移动",
        helpScroll: "日志翻一页（焦点在命名空间、工作负载、策略或导览窗格时翻该窗格）",
        helpNewest: "回到最新的日志，继续跟随（在上方窗格中：到最后一行；Home 到第一行）",
        helpWrap: "日志长行自动换行，不再以 … 截断",
        helpMatrix: "可达性矩阵：每个工作负载对每个服务端口（方向键移动，e 解释）",
        helpFilter: "边输入边过滤当前窗格：日志，或按 命名空间/名称 过滤命名空间、工作负载、策略（Enter 保留，Esc 清除）",
        helpCommandLine: "命令行（Tab 补全，上/下键翻历史）：",
        helpLoad: "压测：1000 次探测，并发 16，显示速率和延迟走势（Esc 停止）",
        helpGuide: "在日志旁打开导览；首次打开会先确认，再把集群重置到第 1 步之前",
        helpGuideSteps: "（导览中）真实执行下一步；b 后退：撤销上一步",
        helpTheme: "切换主题：default light high-contrast deuteranopia monochrome",
        helpQuit: "退出",
        deleteTitle: "删除？",
        deleteKeys: "y: 删除   n: 保留",
        resetTitle: "开始导览？",
        resetLines: [
            "导览和 OSM 指南一样，从只安装了 OSM 的集群开始（只有 osm-system 及其 MeshConfig）。",
            "现在显示的命名空间、工作负载和策略都会被移除，探测计数归零。",
        ],
        resetKeys: "y: 重置并开始   n: 保留当前集群",
        reachability: { "可达性（\($0 ? "宽松" : "SMI")模式）" },
        matrixEmpty: "没有可显示的内容：没有运行中的工作负载或服务端口",
        matrixLegend: { "\($0) . 允许   \($1) X 拒绝   方向键移动光标，e 解释所选单元格" },
        describeKey: "详情",
        yamlKey: "YAML",
        helpDescribe: "像 kubectl describe 一样描述当前窗格选中的资源（探测：其来源工作负载、它的 Pod 及边车）",
        helpYAML: "同一资源的 YAML，与 kubectl get -o yaml 的输出一致",
        nothingToDescribe: "这里没有选中可描述的资源：用 Tab 切换到有选中项的窗格",
        copyKey: "复制",
        helpCopy: "复制到剪贴板（OSC 52）：打开的解释连同 meshdeck explain 命令，否则是所选探测的这条命令",
        copied: { "已复制\($0)到剪贴板（OSC 52）" },
        copyCommandLine: " meshdeck explain 命令",
        copyPopup: { " \($0) 行" },
        saving: { "正在把日志保存到 \($0)…" },
        saved: { "日志已保存到 \($0)" },
        saveFailed: { "无法把日志保存到 \($0)：\($1)" },
        presentKey: "演示",
        helpPresent: "演示布局：最近一次判定用大字显示，附原因和修复方法，下方是日志（z 或 Esc 返回）",
        lastVerdict: "最近一次探测",
        noVerdictYet: "还没有探测：按 Enter 发送一个",
        mapKey: "服务拓扑",
        helpMap: "服务拓扑：工作负载和服务画成方框，每条连接标出判定和探测计数（↑↓ 选择，e 解释）",
        serviceMap: { "服务拓扑（\($0 ? "宽松" : "SMI")模式）" },
        mapEmpty: "还没有连接：策略不允许任何连接，也还没有发送探测（Enter 发送一个）",
        mapScope: { "\($0) 及其相邻服务（在命名空间窗格中另选）" },
        mapLegend: { "当前判定，然后是已发送的探测：\($0) 允许 \($1) 拒绝   ↑↓ 选择，e 解释" },
        loadWord: "压测",
        done: " 完成",
        stopped: " 已停止",
        expected: "预期：",
        actual: "实际：",
        asExpected: { "与指南一致：\($0)" },
        tableRows: { "kubectl 表格，共 \($0) 行（见日志）" },
        moreLines: { "（另有 \($0) 行）" },
        probing: { "正在从 \($1) 探测 \($0)…" },
        next: "下一步：",
        heredocLines: { "  … \($0) 行 YAML，至 EOF" },
        expect: "预期：",
        allStepsMatched: { "全部 \($0) 步都与导览的结果一致" },
        someStepsDiffered: "有些步骤与导览的结果不同",
        guideFinishedHint: "w 隐藏导览；再按 w 可重新开始",
        guideUnavailable: "导览不可用（找不到它的数据文件）",
        guideOpened: "导览：n 或空格执行第 1 步，b 后退，w 隐藏导览",
        guideNotOpened: "集群未变，导览没有打开",
        guideResetComment: { "# 导览：\($0)：集群已回到刚执行 osm install 之后（还没有应用的命名空间）" },
        guideUndidComment: { "# 导览：已撤销第 \($0) 步（\($1)）：集群回到了这一步之前的状态" },
        guideWaiting: "导览：正在等待探测结果",
        guideDoneAllMatch: "导览：完成，每一步都得到了预期结果（w 隐藏导览；再按 w 可重新开始）",
        guideDoneSomeDiffered: "导览：完成；有些步骤与导览不同（见上方的 ✘）",
        guideProbing: { "导览：第 \($0) 步：正在从 \($2) 探测 \($1)…" },
        guideAlreadyAtStart: "导览：已在第 1 步之前",
        guideBackBefore: { "导览：已回到第 \($0) 步之前" },
        guideStepMatched: { "导览：第 \($0) 步得到了预期结果" },
        guideStepDiffers: { "导览：第 \($0) 步结果不同：\($1)" },
        permissiveOn: "宽松模式已开启：网格内的流量都允许",
        permissiveOff: "宽松模式已关闭：由 SMI 策略决定",
        egressMessage: { "出站流量已\($0 ? "开启" : "关闭")" },
        noPolicyToDelete: "没有可删除的策略",
        nothingDeleted: "未删除任何内容",
        noProbeMatches: "没有与过滤条件匹配的探测",
        noProbeYet: "还没有可解释的探测：按 Enter 发送一个",
        noCellToExplain: "没有可解释的单元格：矩阵是空的",
        loadAlreadyRunning: "压测已在运行（Esc 停止）",
        loadRunning: "压测运行中：Esc 停止",
        themeMessage: { "主题 \($0)" },
        themeUnchanged: { "\($0)（主题未变：\($1 ?? "终端颜色")）" },
        dataPlaneError: { "数据平面：\($0)" },
        podEvicted: { pod, idle, running, bound in
            "数据平面：停止了空闲的 pod \(pod)（已 \(Double(Int(idle * 10)) / 10) 秒未使用），使运行中的 pod 不超过 \(bound) 个；下次有连接时会重新启动（当前运行 \(running) 个）"
        },
        certificateExpired: { "\($0) 的证书已过期：在 CA 续签之前，它的 sidecar 的新连接会在 TLS 握手时失败" },
        rootRotated: { "网格根证书已轮换：旧根签发的证书会被拒绝；关闭了 \($0) 条隧道，下次连接时在新根证书下重新建立" },
        certificateChanged: { "\($0) 的证书：\($1)" },
        certificateFaultFailed: { "cert：\($0)" },
        appliedBundle: { "已应用 \($0)" },
        applyFailed: "应用失败",
        deleted: { "已删除 \($0) \($1)" },
        noCompletion: "没有可补全的内容",
        reading: { "正在读取 \($0)…" },
        probeChanged: { "现在按 Enter 发送：\($0) \($1) \($2) \($3)" },
        joinedMesh: { "\($0) 已加入网格：新建的 Pod 会注入 Sidecar" },
        leftMesh: { "\($0) 已移出网格：其 Pod 不再有 Sidecar" },
        scaled: { "\($0)：\($1) 个副本" },
        notFoundAnywhere: { "在所有命名空间中都找不到 \($0) \"\($1)\"" },
        inSeveralNamespaces: { "\($0) \($1) 存在于多个命名空间（\($2)）：请加 -n NS" },
        applyProblems: { $0 + ($1 > 0 ? "（日志中还有 \($1) 条；未应用任何内容）" : "（未应用任何内容）") },
        noResourcesFound: { "\($0)：没有找到资源" },
        appliedFrom: { "已从 \($1) 应用 \($0) 个资源" },
        filterKept: { "过滤 /\($0)：共 \($2) 行，显示 \($1) 行（Esc 清除）" },
        filterKeptRows: { "过滤 /\($0)：共 \($2) 项，显示 \($1) 项（Esc 清除）" },
        loadComment: { "# 压测：\($0) 次 echo \($1) | nc，从 \($2) 到 \($3)，并发 \($4)" },
        loadSummary: { n in
            (n.stopped ? "已停止，完成 \(n.finished)/\(n.requested) 次探测：" : "\(n.requested) 次探测：")
                + "\(n.allowed) 允许，\(n.denied) 拒绝，\(n.errors) 错误，\(n.lost) 丢失 · \(n.rate) 次/秒 · "
                + "p50 \(n.p50) ms p90 \(n.p90) ms p99 \(n.p99) ms 最大 \(n.max) ms"
        },
        loadMessage: { n in
            n.stopped
                ? "压测已停止（\(n.finished)/\(n.requested)）：\(n.allowed) 允许，\(n.denied) 拒绝 · p50 \(n.p50) ms"
                : "压测完成：\(n.allowed) 允许，\(n.denied) 拒绝"
                    + (n.errors > 0 ? "，\(n.errors) 错误" : "") + (n.lost > 0 ? "，\(n.lost) 丢失" : "")
                    + " · \(n.rate) 次/秒 · p50 \(n.p50) ms p99 \(n.p99) ms"
        },
        commandError: { problem in
            switch problem {
            case .empty(let commands): "请输入命令：\(commands.joined(separator: ", "))"
            case .usage(let usage): "用法：\(usage)"
            case .unknownKind(let kind, let suggestion, let kinds):
                "未知的资源类型 '\(kind)'\(suggestion.map { "（是不是 \($0)？）" } ?? "")；可用类型：\(kinds.joined(separator: ", "))"
            case .meshConfigNotDeleted: "MeshConfig 不能在这里删除：请用 :permissive 和 :egress"
            case .probeFrom(let usage): "FROM 的格式是 NS/DEPLOYMENT，例如 curl/curl。用法：\(usage)"
            case .probeTo(let usage): "TO 的格式是 HOST:PORT，例如 tcp-echo.tcp-demo:9000。用法：\(usage)"
            case .replicas(let typed): "副本数必须是 0 或更大的整数，输入的是 '\(typed)'"
            case .loadCount(let typed, let maximum): "N 是探测次数，范围 1 到 \(maximum)，输入的是 '\(typed)'"
            case .loadConcurrency(let typed, let maximum): "C 是并发数，范围 1 到 \(maximum)，输入的是 '\(typed)'"
            case .namespaceMissing(let usage): "-n 后面需要一个命名空间。用法：\(usage)"
            case .unknownCommand(let word, let suggestion, let commands):
                "未知命令 ':\(word)'\(suggestion.map { "（是不是 :\($0)？）" } ?? "")；可用命令：\(commands.joined(separator: " "))"
            case .unclosedQuote(let quote): "引号 \(quote) 没有闭合"
            }
        },
        languageFallback: {
            "--lang \($0) needs a UTF-8 locale (LANG=C.UTF-8, say): showing English"
        },
        markPermissive: { "宽松模式\($0 ? "开启" : "关闭")" },
        markEgress: { "出站流量\($0 ? "开启" : "关闭")" },
        markApplied: { name, _ in "已应用 \(name) 策略" },
        markDeleted: { "已删除 \($0) \($1)" },
        markGuide: { "导览：\($0)" },
        markStep: { "第 \($0) 步：\($1)" },
        markBack: { "后退：回到第 \($0) 步之前" })
}

/// A finished load's numbers, as the log and the message line give them.
struct LoadNumbers: Sendable {
    var requested: Int
    var finished: Int
    var allowed: Int
    var denied: Int
    var errors: Int
    var lost: Int
    /// Probes per second, rounded.
    var rate: Int
    /// Latency quantiles in milliseconds, two decimals.
    var p50: String
    var p90: String
    var p99: String
    var max: String
    var stopped: Bool
}
