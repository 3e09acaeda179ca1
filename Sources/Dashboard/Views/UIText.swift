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
/// gives (`why`, `explain`), errors from the manifest reader and the data plane, and the cast's
/// chapter markers. Also kept: the PERMISSIVE / SMI badges and the ALLOWED / DENIED verdicts of
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
    var logEmptyHint: String
    var logNoMatch: @Sendable (_ filter: String) -> String

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
    var clear: String
    var stopLoad: String

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

    // MARK: Matrix
    var reachability: @Sendable (_ permissive: Bool) -> String
    var matrixEmpty: String
    var matrixLegend: @Sendable (_ allowed: String, _ denied: String) -> String

    // MARK: Load strip
    var loadWord: String
    var done: String

    // MARK: Guide pane
    var expectedEqualsActual: String
    var expected: String
    var actual: String
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
    var loadAlreadyRunning: String
    var loadRunning: String
    var themeMessage: @Sendable (_ name: String) -> String

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
        logEmptyHint: "Enter sends a probe: echo hello | nc tcp-echo.tcp-demo 9000",
        logNoMatch: { "nothing matches /\($0) (Esc clears the filter)" },
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
        typeToFilter: "type to filter the log", clear: "clear", stopLoad: "stop the load",
        helpTitle: "Keys",
        helpProbe: "send the probe: echo hello | nc tcp-echo.tcp-demo 9000 from curl/curl",
        helpPermissive: "flip permissive traffic policy mode",
        helpEgress: "flip egress",
        helpApply: "apply the walkthrough's SMI policy (TCPRoute + TrafficTarget)",
        helpDelete: "delete the selected policy (asks first)",
        helpExplain: "explain the selected probe: the full fact chain",
        helpMove: "move between panes;  j k, arrows: move in a pane",
        helpScroll: "scroll the log",
        helpMatrix: "the reachability matrix: every workload against every service port",
        helpFilter: "filter the log as you type (Enter keeps it, Esc clears it)",
        helpCommandLine: "command line (Tab completes, Up/Down history):",
        helpLoad: "load: 1,000 probes, 16 at a time, with the rate and a latency sparkline (Esc stops)",
        helpGuide: "the guided walkthrough beside the log (resets to before step 1 the first time)",
        helpGuideSteps: "(guide) perform the next step for real;  b  undo the last step",
        helpTheme: "next theme (default, light, high-contrast, deuteranopia, monochrome)",
        helpQuit: "quit",
        deleteTitle: "Delete?",
        deleteKeys: "y: delete   n: keep",
        reachability: { "Reachability (\($0 ? "permissive" : "SMI") mode)" },
        matrixEmpty: "nothing to show: no running workloads or no service ports",
        matrixLegend: { "\($0) . allowed   \($1) X denied   'meshdeck explain --from ROW --to COLUMN' says why" },
        loadWord: "load",
        done: " done",
        expectedEqualsActual: "expected = actual: ",
        expected: "expected: ",
        actual: "actual:   ",
        probing: { "probing \($0) from \($1)…" },
        next: "next: ",
        heredocLines: { "  … \($0) lines of YAML, EOF" },
        expect: "expect: ",
        allStepsMatched: { "all \($0) steps gave the guide's result" },
        someStepsDiffered: "some steps differed",
        guideFinishedHint: "w hides the guide; w again starts over",
        guideUnavailable: "the guided walkthrough is not available (its data files were not found)",
        guideOpened: "guide: n or Space performs step 1, b goes back, w hides the guide",
        guideResetComment: { "# guide: \($0): the cluster is back to just after osm install (no app namespaces yet)" },
        guideUndidComment: { "# guide: undid step \($0) (\($1)): the cluster is as it was before it" },
        guideWaiting: "guide: waiting for the probe's answer",
        guideDoneAllMatch: "guide: done, every step gave its expected result (w twice starts again)",
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
        loadAlreadyRunning: "a load is already running (Esc stops it)",
        loadRunning: "load running: Esc stops it",
        themeMessage: { "theme \($0)" })

    /// Written for a Chinese-speaking trainer and audience: the usual Chinese terms of the
    /// Kubernetes / service-mesh world (命名空间, 工作负载, 控制平面, 出站), short enough for
    /// 80 columns (each Chinese character takes two), keys and commands as typed.
    static let zh = UIText(
        tooSmall: { "MeshDeck 至少需要 \($0)x\($1) 的终端（当前 \($2)x\($3)）；按 q 退出" },
        tooSmallShort: { "至少需要 \($0)x\($1)（当前 \($2)x\($3)），q 退出" },
        namespaces: "命名空间",
        workloads: { "工作负载：\($0)" },
        policies: "策略",
        probeLog: { "探测日志（\($0)）" },
        probeLogFiltered: { "探测日志 /\($0)（\($1)/\($2)）" },
        logEmptyHint: "按 Enter 发送探测：echo hello | nc tcp-echo.tcp-demo 9000",
        logNoMatch: { "没有匹配 /\($0) 的记录（Esc 清除过滤）" },
        mesh: " 网格 osm ",
        egress: { "  出站 \($0 ? "开" : "关")" },
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
        probe: "探测", permissive: "宽松模式", egressKey: "出站", applyPolicy: "应用策略", delete: "删除",
        explain: "解释", matrix: "矩阵", filter: "过滤", command: "命令", load: "压测", guide: "导览",
        theme: "主题", help: "帮助", quit: "退出", nextStep: "下一步", back: "上一步", backToPanes: "返回", hideGuide: "隐藏导览",
        close: "关闭", keep: "保留", run: "执行", complete: "补全", history: "历史", cancel: "取消",
        typeToFilter: "输入文字过滤日志", clear: "清除", stopLoad: "停止压测",
        helpTitle: "按键",
        helpProbe: "从 curl/curl 发送探测：echo hello | nc tcp-echo.tcp-demo 9000",
        helpPermissive: "切换宽松流量策略模式（permissive）",
        helpEgress: "切换出站流量（egress）",
        helpApply: "应用导览中的 SMI 策略（TCPRoute + TrafficTarget）",
        helpDelete: "删除选中的策略（会先确认）",
        helpExplain: "解释选中的探测：完整的判定依据",
        helpMove: "在窗格间切换；j k 或方向键：在窗格内移动",
        helpScroll: "滚动日志",
        helpMatrix: "可达性矩阵：每个工作负载对每个服务端口",
        helpFilter: "边输入边过滤日志（Enter 保留，Esc 清除）",
        helpCommandLine: "命令行（Tab 补全，上/下键翻历史）：",
        helpLoad: "压测：1000 次探测，并发 16，显示速率和延迟走势（Esc 停止）",
        helpGuide: "在日志旁打开导览（首次打开会回到第 1 步之前）",
        helpGuideSteps: "（导览中）真实执行下一步；b 撤销上一步",
        helpTheme: "切换主题：default light high-contrast deuteranopia monochrome",
        helpQuit: "退出",
        deleteTitle: "删除？",
        deleteKeys: "y: 删除   n: 保留",
        reachability: { "可达性（\($0 ? "宽松" : "SMI")模式）" },
        matrixEmpty: "没有可显示的内容：没有运行中的工作负载或服务端口",
        matrixLegend: { "\($0) . 允许   \($1) X 拒绝   原因见 'meshdeck explain --from ROW --to COLUMN'" },
        loadWord: "压测",
        done: " 完成",
        expectedEqualsActual: "预期 = 实际：",
        expected: "预期：",
        actual: "实际：",
        probing: { "正在从 \($1) 探测 \($0)…" },
        next: "下一步：",
        heredocLines: { "  … \($0) 行 YAML，至 EOF" },
        expect: "预期：",
        allStepsMatched: { "全部 \($0) 步都与导览的结果一致" },
        someStepsDiffered: "有些步骤与导览的结果不同",
        guideFinishedHint: "w 隐藏导览；再按 w 从头开始",
        guideUnavailable: "导览不可用（找不到它的数据文件）",
        guideOpened: "导览：n 或空格执行第 1 步，b 后退，w 隐藏导览",
        guideResetComment: { "# 导览：\($0)：集群已回到刚执行 osm install 之后（还没有应用的命名空间）" },
        guideUndidComment: { "# 导览：已撤销第 \($0) 步（\($1)）：集群回到了这一步之前的状态" },
        guideWaiting: "导览：正在等待探测结果",
        guideDoneAllMatch: "导览：完成，每一步都得到了预期结果（按两次 w 重新开始）",
        guideDoneSomeDiffered: "导览：完成；有些步骤与导览不同（见上方的 ✘）",
        guideProbing: { "导览：第 \($0) 步：正在从 \($2) 探测 \($1)…" },
        guideAlreadyAtStart: "导览：已在第 1 步之前",
        guideBackBefore: { "导览：已回到第 \($0) 步之前" },
        guideStepMatched: { "导览：第 \($0) 步得到了预期结果" },
        guideStepDiffers: { "导览：第 \($0) 步结果不同：\($1)" },
        permissiveOn: "宽松流量策略模式已开启",
        permissiveOff: "宽松模式已关闭：由 SMI 策略决定",
        egressMessage: { "出站流量已\($0 ? "开启" : "关闭")" },
        noPolicyToDelete: "没有可删除的策略",
        nothingDeleted: "未删除任何内容",
        noProbeMatches: "没有与过滤条件匹配的探测",
        noProbeYet: "还没有可解释的探测：按 Enter 发送一个",
        loadAlreadyRunning: "压测已在运行（Esc 停止）",
        loadRunning: "压测运行中：Esc 停止",
        themeMessage: { "主题 \($0)" })
}
