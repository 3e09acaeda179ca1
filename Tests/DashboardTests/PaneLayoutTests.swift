import Foundation
import MeshModel
import Testing

@testable import Dashboard
@testable import Presentation
@testable import TerminalText
@testable import TerminalUI

/// The top panes sized to the screen and to what they hold, the focus visible on every pane,
/// and the guide pane that keeps its title, command and note first and scrolls the rest.
@Suite struct PaneLayoutTests {
    /// The rows of the box whose title contains `title`, inside its borders.
    static func box(_ d: ScreenDriver, _ title: String) -> [String] {
        let canvas = d.canvas
        let lines = d.lines
        guard let top = lines.firstIndex(where: { $0.contains(title) }) else { return [] }
        let chars = Array(lines[top])
        guard let titleAt = lines[top].range(of: title) else { return [] }
        var left = lines[top].distance(from: lines[top].startIndex, to: titleAt.lowerBound)
        while left > 0, !"┌┏".contains(chars[left]) { left -= 1 }
        // Columns, not characters: walk the canvas from that corner.
        var x = 0, seen = 0
        while x < canvas.width, seen < left {
            if !canvas[x, top].isContinuation { seen += 1 }
            x += 1
        }
        var right = x + 1
        while right < canvas.width, !"┐┓".contains(canvas[right, top].character) { right += 1 }
        var rows: [String] = []
        var y = top + 1
        while y < canvas.height, "│┃".contains(canvas[x, y].character) {
            var row = ""
            for col in (x + 1)..<right where !canvas[col, y].isContinuation { row.append(canvas[col, y].character) }
            rows.append(row)
            y += 1
        }
        return rows
    }

    @Test func at80ColumnsTheWorkloadsShowPortsAndReadyAndNoPartialAddress() async throws {
        var d = try ScreenDriver(width: 80, height: 24)
        try await d.keys("EpEaE")
        let workloads = Self.box(d, "Workloads: tcp-demo")
        #expect(workloads.contains { $0.contains("PORT(S)") }, "\(d.text)")
        #expect(workloads.contains { $0.contains("service/tcp-echo") && $0.contains("9000/TCP") })
        #expect(workloads.contains { $0.contains("READY") })
        #expect(workloads.contains { $0.contains("2/2") })
        #expect(!d.text.contains("10.10") || d.text.contains("10.101.166.71"), "an address is whole or not shown")
        let policies = Self.box(d, "Policies")
        #expect(policies.contains { $0.contains("permissive mode: off") })
    }

    @Test(arguments: [(100, 30), (120, 40), (200, 60)])
    func widerScreensShowMoreColumnsWhole(size: (Int, Int)) async throws {
        var d = try ScreenDriver(width: size.0, height: size.1)
        try await d.keys("EpEaE")
        let workloads = Self.box(d, "Workloads: tcp-demo")
        #expect(workloads.contains { $0.contains("PORT(S)") && $0.contains("NAME") })
        if size.0 >= 120 { #expect(workloads.contains { $0.contains("10.101.166.71") && $0.contains("9000/TCP") }) }
        if size.0 >= 200 {
            #expect(workloads.contains { $0.contains("TYPE") && $0.contains("CLUSTER-IP") })
            #expect(workloads.contains { $0.contains("pod/tcp-echo-h9lf6sqbfk-47gpn") && $0.contains("Running") })
            #expect(
                Self.box(d, "Policies").contains {
                    $0.contains("TrafficTarget tcp-demo/tcp-access curl/curl → tcp-demo/tcp-echo")
                })
        }
        // Namespace names are not cut where the pane has room for them.
        let namespaces = Self.box(d, "Namespaces")
        #expect(namespaces.contains { $0.contains("kube-node-lease") } || d.text.contains("more ─"), "\(d.text)")
        if size.0 >= 120 { #expect(namespaces.contains { $0.contains("osm-system  control plane") }) }
    }

    /// The top panes take the rows they need; the log gets the others.
    @Test func unusedRowsGoToTheLog() async throws {
        var d = try ScreenDriver(width: 80, height: 24)
        try await d.keys("EpEaE")
        let log = LogPaneTests.logRows(d)
        #expect(log.count >= 12, "the log has \(log.count) rows:\n\(d.text)")
        // Every row of the walkthrough is on screen at 80x24.
        let text = d.text
        for expected in ["echo response: hello", "server sidecar: no TrafficTarget allows it", "tcp-access created"] {
            #expect(text.contains(expected), "\(expected)")
        }
        let top = Self.box(d, "Workloads: tcp-demo")
        #expect(top.count <= 6, "\(top.count) rows for 4 of content")
    }

    /// The marker says which of how many is selected (tcp-demo, the third of seven).
    @Test func theNamespacesScrollWithAMarkerWhenTheyDoNotFit() async throws {
        var d = try ScreenDriver(width: 80, height: 24)
        #expect(d.text.contains(" 3/7 ─"), "\(d.text)")
        try await d.keys("T")
        for _ in 0..<7 { try await d.key(.down) }
        #expect(Self.box(d, "Namespaces").contains { $0.contains("▸ kube-system") }, "\(d.text)")
        #expect(d.text.contains(" 7/7 ━"), "\(d.text)")
    }

    /// ▸ marks the selection only in the pane that has the focus; the focused pane's border is heavy.
    @Test func theFocusIsVisibleOnEveryPaneAndOnlyThere() async throws {
        var d = try ScreenDriver(width: 100, height: 30)
        try await d.keys("a")
        #expect(!Self.box(d, "Namespaces").contains { $0.contains("▸") }, "the log has the focus:\n\(d.text)")
        #expect(!Self.box(d, "Policies").contains { $0.contains("▸") })
        #expect(d.lines.contains { $0.hasPrefix("┏━ Probe log") })
        try await d.keys("T")
        #expect(Self.box(d, "Namespaces").contains { $0.contains("▸ tcp-demo") })
        #expect(d.lines.contains { $0.hasPrefix("┏━ Namespaces") })
        #expect(d.lines.contains { $0.hasPrefix("┌─ Probe log") })
        #expect(!Self.box(d, "Policies").contains { $0.contains("▸") })
        try await d.keys("TT")
        #expect(Self.box(d, "Policies").contains { $0.contains("▸tr tcp-demo/tcp-echo") })
        #expect(!Self.box(d, "Namespaces").contains { $0.contains("▸") })
    }

    /// At 100x30 the guide's notes (the `echo response: echo` typo, the broken heredoc) are on
    /// screen with the command, and the rest scrolls once the guide has the focus.
    @Test func theGuideKeepsTitleCommandAndNoteFirstAndScrollsTheRest() async throws {
        var d = try ScreenDriver(width: 100, height: 30)
        try await d.keys("wy" + String(repeating: "n", count: 9))
        var guide = PopupReading.squeezed(Self.box(d, "Guide 10/14").joined())
        #expect(guide.contains(PopupReading.squeezed("next: 10/14. Confirm the curl client reaches tcp-echo using TCP routing")))
        #expect(guide.contains(PopupReading.squeezed("$ kubectl exec -n curl -ti")))
        #expect(
            guide.contains(PopupReading.squeezed("as the guide's own console output shows.")), "the whole note:\n\(d.text)")
        #expect(d.text.contains("more ─"), "\(d.text)")
        // Tab to the guide; PgDn shows the rest, and stops at its end.
        try await d.keys("T")
        #expect(d.state.focus == .guide)
        try await d.keys("DDDD")
        guide = PopupReading.squeezed(Self.box(d, "Guide 10/14").joined())
        #expect(guide.contains(PopupReading.squeezed("expect: echo response: hello")), "\(d.text)")
        try await d.keys("nnn")
        guide = PopupReading.squeezed(Self.box(d, "Guide 13/14").joined())
        #expect(guide.contains(PopupReading.squeezed("Shown here correctly indented.")), "\(d.text)")
        #expect(d.state.guideScroll == 0, "a new step starts at its top")
    }

    /// A step that matched: ✔ and a few words, not its kubectl table flattened into a sentence.
    @Test func aMatchingTableIsAShortSummary() async throws {
        var d = try ScreenDriver(width: 120, height: 40)
        try await d.keys("wynnnn")
        let guide = Self.box(d, "Guide 5/14")
        #expect(guide.first?.hasPrefix("✔ 4. Confirm the tcp-echo service") == true, "\(d.text)")
        #expect(
            PopupReading.squeezed(guide.joined()).contains(
                PopupReading.squeezed("as the guide says: a kubectl table of 4 rows (in the log)")), "\(d.text)")
        #expect(!d.text.contains("NAME               TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)    AGE / "))
    }

    /// After `w` resets the cluster the namespace is empty: kubectl's words, whole, even in a narrow pane.
    @Test func anEmptyNamespaceSaysSoWholeAt80Columns() async throws {
        var d = try ScreenDriver(width: 80, height: 24)
        try await d.keys("wy")
        let top = d.lines.prefix(8)
        #expect(top.contains { $0.contains("│No resources found") }, "\(d.text)")
        #expect(
            top.contains { $0.contains("osm-system") && $0.contains("│in osm-system") || $0.contains("namespace.") }, "\(d.text)")
        #expect(!d.lines.prefix(8).contains { $0.contains("foun…") }, "\(d.text)")
    }
}
