import Foundation
import Testing

@testable import Dashboard
@testable import TerminalUI

/// A click focuses the pane under it and selects its row; the wheel scrolls a popup, the guide,
/// else the log.
@Suite struct MouseTests {
    static func at(_ d: ScreenDriver, _ text: String) throws -> (x: Int, y: Int) {
        let y = try #require(d.lines.firstIndex { $0.contains(text) }, "\(text) not on screen:\n\(d.text)")
        let x = try #require(d.lines[y].range(of: text)).lowerBound.utf16Offset(in: d.lines[y])
        return (x, y)
    }

    @Test func aClickFocusesAPaneAndSelectsTheRowUnderIt() async throws {
        var d = try ScreenDriver(width: 100, height: 30)
        try await d.keys("EpE")
        // The namespaces pane: `curl` under the pointer.
        let curl = try Self.at(d, "curl        mesh")
        try await d.key(.mouse(MouseEvent(.press, x: curl.x, y: curl.y)))
        #expect(d.state.focus == .namespaces && d.state.currentNamespace == "curl", "\(d.state.focus)")
        // The log: the allowed probe, the older of the two.
        let allowed = try Self.at(d, "✔ ALLOWED")
        try await d.key(.mouse(MouseEvent(.press, x: allowed.x, y: allowed.y)))
        #expect(d.state.focus == .log && d.state.selectedLogFromEnd == 1, "\(d.state.selectedLogFromEnd)")
        try await d.keys("e")
        #expect(d.text.contains("probe: ALLOWED"), "e explains the probe clicked:\n\(d.text)")
    }

    /// The policies pane: a click on a policy selects it, and `i` then describes that one.
    @Test func aClickSelectsThePolicyUnderIt() async throws {
        var d = try ScreenDriver(width: 120, height: 40)
        try await d.keys("EpEa")
        let target = try Self.at(d, "tcp-demo/tcp-access")
        try await d.key(.mouse(MouseEvent(.press, x: target.x, y: target.y)))
        #expect(d.state.focus == .policies && d.state.selectedPolicy == 1, "\(d.state.selectedPolicy)")
        let route = try Self.at(d, "tcp-demo/tcp-echo-route")
        try await d.key(.mouse(MouseEvent(.press, x: route.x, y: route.y)))
        #expect(d.state.selectedPolicy == 0)
        try await d.key(.mouse(MouseEvent(.press, x: target.x, y: target.y)))
        try await d.keys("i")
        #expect(d.text.contains("kubectl describe traffictarget.access.smi-spec.io tcp-access -n tcp-demo"), "\(d.text)")
    }

    @Test func theWheelScrollsThePopupTheGuideAndTheLog() async throws {
        var d = try ScreenDriver(width: 80, height: 24)
        for _ in 0..<12 { try await d.keys("E") }
        try await d.key(.mouse(MouseEvent(.wheelUp, x: 10, y: 15)))
        #expect(d.state.logScroll == 3, "three entries up")
        try await d.key(.mouse(MouseEvent(.wheelDown, x: 10, y: 15)))
        #expect(d.state.logScroll == 0)
        try await d.keys("pEe")
        try await d.key(.mouse(MouseEvent(.wheelDown, x: 40, y: 12)))
        #expect(d.state.popupScroll == 3)
        try await d.keys("Xwy")
        for _ in 0..<12 { try await d.keys("n") }
        let guide = try #require(ScreenLayout.of(d.state, width: 80, height: 24, context: d.context).guide)
        try await d.key(.mouse(MouseEvent(.wheelDown, x: guide.x + 2, y: guide.y + 2)))
        #expect(d.state.guideScroll == 3, "\(d.state.guideScroll)")
    }

    @Test func inTheMapTheWheelSelectsTheNextConnection() async throws {
        var d = try ScreenDriver(width: 80, height: 24)
        try await d.keys("EpEpEm")
        #expect(MapView.edges(d.state).count == 2 && d.state.matrixRow == 0)
        try await d.key(.mouse(MouseEvent(.wheelDown, x: 10, y: 10)))
        #expect(d.state.matrixRow == 1)
        try await d.key(.mouse(MouseEvent(.wheelUp, x: 10, y: 10)))
        #expect(d.state.matrixRow == 0)
        try await d.key(.mouse(MouseEvent(.press, x: 10, y: 10)))
        #expect(d.state.showMap, "a click leaves the map as it is")
    }
}
