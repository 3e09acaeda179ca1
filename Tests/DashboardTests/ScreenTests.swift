import ConnectionEngine
import DataPlaneInterface
import Foundation
import MeshModel
import PolicyEngine
import Testing

@testable import Dashboard
@testable import TerminalText
@testable import TerminalUI

@Suite struct CanvasTests {
    @Test func wideCharactersTakeTwoColumnsAndNeverBreakAlignment() {
        var c = Canvas(width: 10, height: 2)
        #expect(c.put("中文ab", x: 0, y: 0) == 6)
        #expect(c.text.split(separator: "\n").first == "中文ab")
        #expect(c[1, 0].isContinuation)
        // A wide character that would be cut in half at the edge becomes a space.
        c.put("abcdefghi中", x: 0, y: 1)
        #expect(TextWidth.of(c.text.split(separator: "\n")[1].description) == 9)
    }

    @Test func controlCharactersAreShownEscaped() {
        var c = Canvas(width: 30, height: 1)
        c.put("echo \u{1B}[2J", x: 0, y: 0)
        #expect(c.text == "echo \\e[2J")
        #expect(!c.cells.contains { $0.character == "\u{1B}" })
    }

    @Test func truncationKeepsTheColumnBudget() {
        #expect(TextWidth.truncate("tcp-echo.tcp-demo", to: 8) == "tcp-ech…")
        #expect(TextWidth.of(TextWidth.pad("中文", to: 6)) == 6)
    }
}

@Suite struct ScreenTests {
    func render(_ state: AppState, _ w: Int, _ h: Int, ascii: Bool = false) -> String {
        Screen.render(state, width: w, height: h, context: RenderContext(ascii: ascii)).text
    }

    @Test func walkthroughAt80x24() {
        let text = render(AppState(cluster: Scenario.walkthrough()), 80, 24)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 24)
        #expect(lines[0].hasPrefix(" MeshDeck  mesh osm  PERMISSIVE   egress on   ✔ 0 allowed  ✘ 0 denied"))
        #expect(text.contains("┌ Namespaces ┐") || text.contains(" Namespaces "))
        #expect(text.contains("tcp-demo    mesh"))
        #expect(text.contains("osm-system  cont"))
        #expect(text.contains("Workloads: tcp-demo"))
        #expect(text.contains("permissive mode: on"))
        #expect(text.contains("Enter sends a probe"))
        #expect(lines[23].hasPrefix(" Enter probe  p permissive"))
        #expect(lines.allSatisfy { TextWidth.of(String($0)) <= 80 })
    }

    @Test func workloadsLikeKubectlAt120x40() {
        var state = AppState(cluster: Scenario.walkthrough())
        state.selectedNamespace = state.namespaces.firstIndex { $0.name == "tcp-demo" }!
        let text = render(state, 120, 40)
        #expect(text.contains("Workloads: tcp-demo"))
        #expect(text.contains("osm-system  control plane"))
        #expect(text.contains("service/tcp-echo"))
        #expect(text.contains("9000/TCP"))
        #expect(text.contains("2/2    Running  0"))
        #expect(text.contains("service/tcp-echo  ClusterIP  10."))
    }

    @Test func tooSmallSaysSoOnOneLine() {
        let text = render(AppState(cluster: Scenario.walkthrough()), 40, 10)
        #expect(text.hasPrefix("need 80x24 (now 40x10), q quits"))
        #expect(
            render(AppState(cluster: Scenario.walkthrough()), 60, 10).hasPrefix(
                "MeshDeck needs at least 80x24 (now 60x10); q quits"))
        #expect(render(AppState(cluster: Scenario.walkthrough()), 1, 1).count == 1)
        #expect(render(AppState(cluster: Scenario.walkthrough()), 0, 0) == "")
    }

    @Test func asciiFallbackHasNoLineDrawing() {
        let text = render(AppState(cluster: Scenario.walkthrough()), 100, 30, ascii: true)
        #expect(!text.unicodeScalars.contains { $0.value > 0x7E })
        #expect(text.contains("+ 0 allowed  x 0 denied"))
    }

    @Test func smiBadgeAndIgnoredPolicyAreVisible() throws {
        var cluster = Scenario.walkthrough()
        cluster.setPermissive(false)
        let yaml =
            "apiVersion: access.smi-spec.io/v1alpha3\nkind: TrafficTarget\nmetadata: {name: orphan, namespace: tcp-demo}\nspec:\n  destination: {kind: ServiceAccount, name: tcp-echo, namespace: tcp-demo}\n  sources: [{kind: ServiceAccount, name: curl, namespace: curl}]\n  rules: [{kind: TCPRoute, name: missing}]\n"
        try cluster.apply(ManifestDecoder().decode(yaml, file: "t").resources)
        let text = render(AppState(cluster: cluster), 160, 40)
        #expect(text.split(separator: "\n")[0].contains(" SMI "))
        #expect(text.contains("TrafficTarget tcp-demo/orphan curl/curl"))
        #expect(text.contains("IGNORED: TCPRoute tcp-demo/missing"))
    }
}

@Suite struct ReducerTests {
    var state = AppState(cluster: Scenario.walkthrough())

    @Test mutating func enterAndSSendTheProbe() {
        #expect(
            Reducer.reduce(&state, .key(.enter)) == [.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", message: "hello")])
        #expect(Reducer.reduce(&state, .key(.character("s"))).count == 1)
        #expect(state.probesInFlight == 2)
    }

    @Test mutating func pFlipsPermissiveAndLogsTheKubectlPatch() {
        #expect(Reducer.reduce(&state, .key(.character("p"))).contains(.updateEngine))
        #expect(!state.cluster.isPermissive)
        guard case .command(let text) = state.log[state.log.count - 2].kind else { Issue.record("no command logged"); return }
        guard case .output(let out)? = state.log.last?.kind else { Issue.record("no output logged"); return }
        #expect(out == "meshconfig.config.openservicemesh.io/osm-mesh-config patched")
        #expect(
            text
                == "kubectl patch meshconfig osm-mesh-config -n osm-system -p '{\"spec\":{\"traffic\":{\"enablePermissiveTrafficPolicyMode\":false}}}' --type=merge"
        )
        _ = Reducer.reduce(&state, .key(.character("p")))
        #expect(state.cluster.isPermissive)
    }

    @Test mutating func gFlipsEgress() {
        _ = Reducer.reduce(&state, .key(.character("g")))
        #expect(!state.cluster.isEgressEnabled)
    }

    @Test mutating func aAppliesTheBundleAndDDeletesAfterConfirming() {
        #expect(Reducer.reduce(&state, .key(.character("a"))).contains(.updateEngine))
        #expect(state.cluster.trafficTargets.count == 1 && state.cluster.tcpRoutes.count == 1)
        state.focus = .policies
        _ = Reducer.reduce(&state, .key(.down))  // the TrafficTarget
        _ = Reducer.reduce(&state, .key(.character("d")))
        guard case .confirmDelete(.trafficTarget, let key)? = state.popup else { Issue.record("no confirmation"); return }
        #expect(key.name == "tcp-access")
        #expect(Reducer.reduce(&state, .key(.character("n"))).isEmpty)
        #expect(state.cluster.trafficTargets.count == 1)
        _ = Reducer.reduce(&state, .key(.character("d")))
        #expect(Reducer.reduce(&state, .key(.character("y"))).contains(.updateEngine))
        #expect(state.cluster.trafficTargets.isEmpty)
    }

    @Test mutating func eExplainsTheSelectedProbe() {
        _ = Reducer.reduce(&state, .key(.character("e")))
        #expect(state.popup == nil && state.message?.contains("no probe") == true)
        let result = ProbeResult(
            outcome: .allowed, connection: 1, from: "curl/curl", to: "tcp-echo.tcp-demo:9000",
            reply: "echo response: hello\n", verdict: nil, reason: "permissive mode", clientError: nil,
            latencies: Latencies(connect: nil, firstByte: nil, total: 0.001), endpointPod: nil)
        _ = Reducer.reduce(&state, .probeFinished(result))
        #expect(state.allowed == 1)
        _ = Reducer.reduce(&state, .key(.character("e")))
        guard case .explain(_, let lines)? = state.popup else { Issue.record("no explanation"); return }
        #expect(lines.contains { $0.text.contains("permissive traffic policy mode is on") })
        _ = Reducer.reduce(&state, .key(.escape))
        #expect(state.popup == nil)
    }

    @Test mutating func helpTabAndQuit() {
        _ = Reducer.reduce(&state, .key(.character("?")))
        guard case .help? = state.popup else { Issue.record("no help"); return }
        _ = Reducer.reduce(&state, .key(.escape))
        let before = state.focus
        _ = Reducer.reduce(&state, .key(.tab))
        #expect(state.focus != before)
        _ = Reducer.reduce(&state, .key(.control("c")))
        #expect(state.quit)
    }

    @Test func logIsABoundedRingBuffer() {
        var ring = RingBuffer<Int>(capacity: 3)
        for i in 0..<10 { ring.append(i) }
        #expect(ring.count == 3 && ring[0] == 7 && ring.last == 9)
    }
}

@Suite struct MatrixViewTests {
    @Test func xShowsTheMatrixWithGlyphsAndEscGoesBack() throws {
        var cluster = Scenario.walkthrough()
        cluster.setPermissive(false)
        var state = AppState(cluster: cluster)
        _ = Reducer.reduce(&state, .key(.character("x")))
        var text = Screen.render(state, width: 100, height: 30, context: RenderContext(ascii: false)).text
        #expect(text.contains("Reachability (SMI mode)"))
        #expect(text.contains("tcp-echo.tcp-demo:9000"))
        let curlRow = text.split(separator: "\n").first { $0.contains("curl/curl") }
        #expect(curlRow?.contains("✘ X") == true)
        _ = Reducer.reduce(&state, .key(.character("a")))
        text = Screen.render(state, width: 100, height: 30, context: RenderContext(ascii: false)).text
        #expect(text.split(separator: "\n").first { $0.contains("curl/curl") }?.contains("✔ .") == true)
        _ = Reducer.reduce(&state, .key(.escape))
        #expect(!state.showMatrix)
    }
}

@Suite struct WideCharacterOverwriteTests {
    @Test func drawingOverHalfAWideCharacterBlanksTheOtherHalf() {
        var c = Canvas(width: 8, height: 2)
        c.put("中文中文", x: 0, y: 0)
        c.put("|", x: 1, y: 0)  // over the right half of 中
        c.put("|", x: 2, y: 0)  // over the left half of 文
        #expect(c.text.split(separator: "\n").first == " || 中文")
        c.put("中文中文", x: 0, y: 1)
        c.put("文", x: 1, y: 1)  // a wide character straddling two others
        #expect(c.text.split(separator: "\n")[1] == " 文 中文")
    }
}
