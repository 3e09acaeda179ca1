import DataPlaneInterface
import Foundation
import MeshDeckTestSupport
import MeshModel
import PolicyEngine
import Testing

@testable import Dashboard
@testable import Presentation
@testable import TerminalText

/// `--lang zh`: the log's verdict reasons and the explain popup in Chinese, from the same
/// catalogue as `meshdeck explain --lang zh`.
@Suite struct ChineseExplainTests {
    /// The walkthrough with permissive mode off and no policy, and the denied probe of step 9
    /// (as the data plane reports it: in English).
    static func deniedProbe(language: WalkthroughLanguage) async throws -> AppState {
        var cluster = Scenario.walkthrough()
        cluster.setPermissive(false)
        var state = AppState(cluster: cluster)
        state.language = language
        let result = try await InMemoryDataPlane(cluster).probe(
            from: "curl/curl", to: "tcp-echo.tcp-demo:9000", message: "hello", timeout: 1)
        #expect(result.reason == "no TrafficTarget allows it")
        _ = Reducer.reduce(&state, .probeFinished(result))
        return state
    }

    static func frame(_ state: AppState, _ w: Int, _ h: Int, ascii: Bool = false) -> [String] {
        Screen.render(state, width: w, height: h, context: RenderContext(ascii: ascii)).text
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func theLogSaysWhereAndWhyInChinese() async throws {
        let state = try await Self.deniedProbe(language: .zh)
        let lines = Self.frame(state, 200, 60)
        #expect(lines.allSatisfy { TextWidth.of($0) <= 200 })
        let log = lines.first { $0.contains("DENIED  curl/curl → tcp-echo.tcp-demo:9000") }
        #expect(log?.contains("hello  0.3 ms  服务端 sidecar：没有 TrafficTarget 允许这个连接") == true, "\(log ?? "no log line")")
        // A terminal that cannot show Chinese gets the English reason.
        let ascii = Self.frame(state, 200, 60, ascii: true).first { $0.contains("DENIED  curl/curl -> tcp-echo") }
        #expect(ascii?.contains("server sidecar: no TrafficTarget allows it") == true, "\(ascii ?? "no log line")")
    }

    @Test func theExplainPopupIsChinese() async throws {
        var state = try await Self.deniedProbe(language: .zh)
        _ = Reducer.reduce(&state, .key(.character("e")))
        guard case .explain(let title, let lines)? = state.popup else { Issue.record("no popup"); return }
        #expect(title == "curl/curl → tcp-echo.tcp-demo:9000")
        #expect(
            Array(lines.prefix(4)) == [
                "探测：DENIED（服务端 sidecar）：没有 TrafficTarget 允许这个连接",
                "当前策略：DENIED（服务端 sidecar）",
                "原因：SMI 模式（宽松模式已关闭），且没有任何 TrafficTarget 允许 ServiceAccount curl/curl 访问 ServiceAccount tcp-demo/tcp-echo",
                "- 源：Deployment curl/curl，pod curl-5ghzkjvn8j-xrxlg，ServiceAccount curl/curl，已注入 sidecar（命名空间 curl 在网格中，且启用了 sidecar 注入）",
            ])
        #expect(
            lines.last
                == "修复：在命名空间 tcp-demo 中应用一个 TrafficTarget：目标为 ServiceAccount tcp-demo/tcp-echo，来源为 ServiceAccount curl/curl，规则为匹配端口 9000 的 TCPRoute（或开启宽松模式）"
        )
        // Drawn in the frame, double-width characters counted as two columns.
        let frame = Self.frame(state, 200, 60)
        #expect(frame.allSatisfy { TextWidth.of($0) <= 200 })
        #expect(frame.contains { $0.contains("│ 原因：SMI 模式（宽松模式已关闭），且没有任何 TrafficTarget 允许") })
        #expect(frame.contains { $0.contains("│ 探测：DENIED（服务端 sidecar）：没有 TrafficTarget 允许这个连接") })
    }

    @Test func englishPopupIsUnchanged() async throws {
        var state = try await Self.deniedProbe(language: .en)
        _ = Reducer.reduce(&state, .key(.character("e")))
        guard case .explain(_, let lines)? = state.popup else { Issue.record("no popup"); return }
        #expect(
            Array(lines.prefix(3)) == [
                "probe: DENIED at the server sidecar: no TrafficTarget allows it",
                "policy now: DENIED at the server sidecar",
                "reason: SMI mode (permissive off) and no TrafficTarget lets ServiceAccount curl/curl reach ServiceAccount tcp-demo/tcp-echo",
            ])
        #expect(lines.last?.hasPrefix("fix: apply a TrafficTarget in namespace tcp-demo") == true)
    }

    /// Egress is one word in Chinese: the explanations say it as the dashboard's policies pane
    /// does (`出站流量：开`).
    @Test func egressIsTheDashboardsWord() {
        #expect(UIText.zh.egressLine(true).hasPrefix(ChineseWords.egress + "："))
        #expect(UIText.zh.egressMessage(true).hasPrefix(ChineseWords.egress))
        #expect(ChineseWords().reason(.egressDisabled).contains(ChineseWords.egress))
    }

    /// The policies pane says why the mesh ignores a TrafficTarget in Chinese too.
    @Test func thePoliciesPaneSaysWhyATrafficTargetIsIgnored() throws {
        var cluster = Scenario.walkthrough()
        _ = try cluster.apply(TestManifests.decode(TestManifests.trafficTarget("no-rules", rules: "[]")))
        var state = AppState(cluster: cluster)
        state.language = .zh
        #expect(Self.frame(state, 200, 60).contains { $0.contains("已忽略：它没有任何规则") })
        state.language = .en
        #expect(Self.frame(state, 200, 60).contains { $0.contains("IGNORED: it has no rules") })
    }

    /// At 80x24 the Chinese popup and log stay inside the screen, each Chinese character two
    /// columns wide.
    @Test func chineseFitsAt80x24() async throws {
        var state = try await Self.deniedProbe(language: .zh)
        #expect(Self.frame(state, 80, 24).allSatisfy { TextWidth.of($0) <= 80 })
        _ = Reducer.reduce(&state, .key(.character("e")))
        let frame = Self.frame(state, 80, 24)
        #expect(frame.count == 24 && frame.allSatisfy { TextWidth.of($0) <= 80 })
        #expect(frame.contains { $0.contains("探测：DENIED（服务端 sidecar）") })
    }

    /// `/` finds a probe by the Chinese reason the log shows, and still by the English.
    @Test func theFilterFindsTheChineseReason() async throws {
        var state = try await Self.deniedProbe(language: .zh)
        for needle in ["没有 TrafficTarget 允许", "服务端 sidecar", "no TrafficTarget allows it"] {
            state.log.setFilter(needle)
            #expect(state.log.visibleCount == 1, "\(needle)")
        }
        state.log.setFilter("宽松模式")
        #expect(state.log.visibleCount == 0)
    }
}
