import DataPlaneInterface
import MeshModel
import Presentation
import Testing

@testable import Dashboard
@testable import TerminalUI

/// When the data plane stops an idle pod to stay under its bound of running pods, the log says
/// so, in the dashboard's language, and the line is on screen.
@Suite struct PodEvictionLogTests {
    static let pod = ObjectKey(namespace: "tcp-demo", name: "tcp-echo-7f9c-abcde")

    static func screen(_ state: AppState) -> String {
        Screen.render(state, width: 200, height: 60, context: RenderContext(ascii: false)).text
    }

    @Test(arguments: [WalkthroughLanguage.en, .zh])
    func anEvictedPodIsALogLine(language: WalkthroughLanguage) {
        var state = AppState(cluster: Scenario.walkthrough())
        state.language = language
        _ = Reducer.reduce(&state, .podEvicted(pod: Self.pod, idleSeconds: 12.34, running: 235, bound: 235))
        #expect(state.log.count == 1)
        let text = Self.screen(state)
        if language == .en {
            #expect(text.contains("data plane: stopped idle pod tcp-demo/tcp-echo-7f9c-abcde (unused for 12.3 s)"), "\(text)")
            #expect(text.contains("to keep at most 235 pods running"))
        } else {
            #expect(text.contains("数据平面：停止了空闲的 pod tcp-demo/tcp-echo-7f9c-abcde（已 12.3 秒未使用）"), "\(text)")
        }
    }
}
