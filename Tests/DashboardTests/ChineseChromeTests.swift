import ConnectionEngine
import DataPlaneInterface
import Foundation
import MeshModel
import Testing

@testable import Dashboard
@testable import Presentation
@testable import TerminalText

/// `--lang zh`: the dashboard's own words in Chinese, still fitting 80x24 (each Chinese
/// character takes two columns), with commands, kubectl output and key names as typed.
@Suite struct ChineseChromeTests {
    static func zhState() -> AppState {
        var state = AppState(cluster: Scenario.walkthrough())
        state.language = .zh
        return state
    }

    static func lines(_ state: AppState, _ w: Int = 80, _ h: Int = 24, ascii: Bool = false) -> [String] {
        Screen.render(state, width: w, height: h, context: RenderContext(ascii: ascii)).text
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The footer's items as shown: `key label` pairs two spaces apart.
    static func footerItems(_ line: String) -> [String] {
        line.trimmingCharacters(in: .whitespaces).components(separatedBy: "  ").filter { !$0.isEmpty }
    }

    @Test func panesHeaderAndFooterAreChineseAndFit80x24() {
        let lines = Self.lines(Self.zhState())
        let text = lines.joined(separator: "\n")
        #expect(lines.count == 24)
        #expect(lines.allSatisfy { TextWidth.of($0) <= 80 })
        #expect(lines[0].hasPrefix(" MeshDeck  网格 osm  PERMISSIVE   出站流量 开   ✔ 0 允许  ✘ 0 拒绝"))
        for title in ["命名空间", "工作负载：tcp-demo", "策略", "探测日志（0）"] { #expect(text.contains(" \(title) "), "\(title)") }
        #expect(text.contains("tcp-demo    网格"))
        #expect(text.contains("宽松模式：开"))
        #expect(text.contains("按 Enter 发送探测：echo hello | nc tcp-echo.tcp-demo 9000"))
        for english in ["Namespaces", "Workloads", "Policies", "Probe log", "allowed", "quit", "help"] {
            #expect(!text.contains(english), "English chrome left: \(english)")
        }
        // The footer keeps the essential keys, each with its whole label.
        let footer = Self.footerItems(lines[23])
        for item in ["Enter 探测", "p 宽松模式", "a 应用策略", "w 导览", "? 帮助", "q 退出"] {
            #expect(footer.contains(item), "\(item) in \(footer)")
        }
    }

    /// Every footer the dashboard shows, at 80 columns: only whole `key label` items, ending
    /// with the one that gets you out.
    @Test func everyFooterFits80ColumnsWithWholeLabels() throws {
        let zh = UIText.zh
        let labels = [
            zh.probe, zh.permissive, zh.egressKey, zh.applyPolicy, zh.delete, zh.explain, zh.matrix, zh.filter, zh.command,
            zh.load, zh.guide, zh.theme, zh.help, zh.quit, zh.nextStep, zh.back, zh.backToPanes, zh.hideGuide, zh.close,
            zh.keep, zh.run, zh.complete, zh.history, zh.cancel, zh.typeToFilter, zh.clear, zh.stopLoad, zh.newest,
            zh.wrap, zh.scroll, zh.reset, zh.move, zh.copyKey, zh.describeKey, zh.yamlKey, zh.presentKey, zh.mapKey,
        ]
        var states: [(String, AppState, String)] = []
        var s = Self.zhState()
        states.append(("panes", s, "q 退出"))
        s.walkthrough = try WalkthroughLoader.builtin(.zh)
        _ = Reducer.reduce(&s, .key(.character("w")))
        states.append(("reset?", s, "n 保留"))
        _ = Reducer.reduce(&s, .key(.character("y")))
        states.append(("guide", s, "q 退出"))
        s = Self.zhState(); s.showMatrix = true
        states.append(("matrix", s, "q 退出"))
        s = Self.zhState(); s.loadRunning = true
        states.append(("load", s, "q 退出"))
        s = Self.zhState(); s.input = .filter
        states.append(("filter", s, "Esc 清除"))
        s = Self.zhState(); s.input = .command
        states.append(("command", s, "Esc 取消"))
        s = Self.zhState(); s.popup = .help
        states.append(("help", s, "Esc 关闭"))
        for (name, state, last) in states {
            let footer = Self.lines(state)[23]
            #expect(TextWidth.of(footer) <= 80, "\(name)")
            let items = Self.footerItems(footer)
            #expect(items.contains(last), "\(name): \(footer)")
            for item in items where !item.hasPrefix(":apply") {
                let label = item.split(separator: " ", maxSplits: 1).last.map(String.init) ?? item
                #expect(labels.contains(label) || labels.contains(item), "\(name): cut or unknown item '\(item)' in \(footer)")
            }
        }
    }

    @Test func helpOverlayIsChineseAndWholeAt80x24() {
        var state = Self.zhState()
        state.screenWidth = 80
        state.screenHeight = 24
        _ = Reducer.reduce(&state, .key(.character("?")))
        let lines = Self.lines(state)
        let text = lines.joined(separator: "\n")
        #expect(text.contains(" 按键 "))
        #expect(lines.allSatisfy { TextWidth.of($0) <= 80 })
        // Every line of the help is there in full, wrapped rather than cut, as it scrolls.
        let whole = PopupReading.everything(&state)
        for line in KeyBindings.helpLines(text: .zh, width: 72) {
            #expect(whole.contains(PopupReading.squeezed(line.text)), "cut or missing: \(line.text)")
        }
        #expect(text.contains("q, Ctrl-C  退出") || whole.contains(PopupReading.squeezed("q, Ctrl-C  退出")))
        #expect(whole.contains(PopupReading.squeezed(":apply FILE|DIR [-n NS]")), "commands stay as typed")
    }

    @Test func guideAt200x60SaysWhatHappenedInChinese() throws {
        var state = Self.zhState()
        state.walkthrough = try WalkthroughLoader.builtin(.zh)
        _ = Reducer.reduce(&state, .key(.character("w")))
        _ = Reducer.reduce(&state, .key(.character("y")))
        #expect(state.message == "导览：n 或空格执行第 1 步，b 后退，w 隐藏导览")
        _ = Reducer.reduce(&state, .key(.character("n")))
        let lines = Self.lines(state, 200, 60)
        let text = lines.joined(separator: "\n")
        #expect(lines.allSatisfy { TextWidth.of($0) <= 200 })
        #expect(text.contains("与指南一致：namespace/tcp-demo created"), "kubectl output stays as kubectl prints it")
        #expect(text.contains("下一步：2/"))
        #expect(text.contains("$ osm namespace add tcp-demo"))
        #expect(text.contains("预期：Namespace [tcp-demo] successfully added to mesh [osm]"))
        #expect(text.contains("  # 导览：TCP 流量路由：集群已回到刚执行 osm install 之后"))
        #expect(lines[58] == " 导览：第 1 步得到了预期结果")
        #expect(lines[59].contains("n/Space 下一步  b 后退  w 隐藏导览"))
    }

    @Test func messagesTheDashboardWritesAreChineseButCommandsAreNot() {
        var state = Self.zhState()
        _ = Reducer.reduce(&state, .key(.character("p")))
        let lines = Self.lines(state)
        #expect(lines[22] == " 宽松模式已关闭：由 SMI 策略决定")
        #expect(lines[0].contains(" SMI "))
        let text = lines.joined(separator: "\n")
        #expect(text.contains("$ kubectl patch meshconfig osm-mesh-config"))
        #expect(text.contains("meshconfig.config.openservicemesh.io/osm-mesh-config patched"))
        _ = Reducer.reduce(&state, .key(.character("e")))
        #expect(state.message == "还没有可解释的探测：按 Enter 发送一个")
    }

    @Test func loadStripAndMatrixAreChinese() {
        var state = Self.zhState()
        _ = Reducer.reduce(&state, .key(.character("L")))
        #expect(state.message == "压测运行中：Esc 停止")
        var report = LoadReport(requested: 1000)
        report.allowed = 1000
        report.seconds = 0.5
        report.latencies.record(0.0004, count: 1000)
        _ = Reducer.reduce(&state, .loadFinished(report, cancelled: false))
        #expect(Self.lines(state, 120, 40).joined(separator: "\n").contains("压测 1000/1000 完成 · 2000/s · p50 0.40 ms"))
        #expect(Self.lines(state).allSatisfy { TextWidth.of($0) <= 80 })
        state.showMatrix = true
        let matrix = Self.lines(state, 100, 30).joined(separator: "\n")
        #expect(matrix.contains("可达性（宽松模式）"))
        #expect(matrix.contains("✔ . 允许   ✘ X 拒绝"))
    }

    /// A terminal whose locale is not UTF-8 cannot show Chinese: the chrome falls back to English.
    @Test func asciiTerminalGetsEnglishChrome() {
        let text = Self.lines(Self.zhState(), 100, 30, ascii: true).joined(separator: "\n")
        #expect(text.contains("Namespaces") && text.contains("q quit"))
        #expect(!text.unicodeScalars.contains { $0.value > 0x7E })
    }
}
