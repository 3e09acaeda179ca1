import DataPlaneInterface
import Foundation
import MeshModel
import Testing

@testable import Dashboard
@testable import TerminalText
@testable import TerminalUI

/// The probe log at 80 columns: the denied probe's reason whole, cut lines ending in `…`, a wrap
/// key, scrolling that stops at the first full page and says what arrived meanwhile, and the
/// commands people copy in the log's own (bold) colour.
@Suite struct LogPaneTests {
    /// The rows inside the log's box.
    static func logRows(_ d: ScreenDriver) -> [String] {
        let lines = d.lines
        guard let top = lines.firstIndex(where: { $0.contains(" Probe log") || $0.contains(" 探测日志") }) else { return [] }
        var rows: [String] = []
        for line in lines[(top + 1)...] {
            let chars = Array(line)
            guard let first = chars.first, "│┃".contains(first) else { break }
            // Up to the log's right border (the guide may be beside it).
            let inside = chars.dropFirst().prefix { !"│┃".contains($0) }
            rows.append(String(inside))
        }
        return rows
    }

    @Test func theDeniedReasonIsWholeAt80Columns() async throws {
        var d = try ScreenDriver(width: 80, height: 24)
        try await d.keys("EpE")
        let rows = Self.logRows(d)
        #expect(rows.contains { $0.contains("server sidecar: no TrafficTarget allows it") }, "\(d.text)")
        #expect(rows.contains { $0.contains("✘ DENIED") && $0.contains("0.3 ms") })
        // A row cut at the border says so.
        let patch = try #require(rows.first { $0.contains("$ kubectl patch meshconfig") })
        #expect(patch.hasSuffix("…"), "\(patch)")
        #expect(!rows.contains { $0.hasSuffix("server s") || $0.hasSuffix("no TrafficTa") })
    }

    @Test func besideTheGuideTheLatencyIsNeverCutInHalf() async throws {
        var d = try ScreenDriver(width: 80, height: 24)
        try await d.keys("wy" + String(repeating: "n", count: 10))
        let rows = Self.logRows(d)
        let probe = try #require(rows.first { $0.contains("ALLOWED") }, "\(d.text)")
        #expect(probe.contains("0.3 ms"), "\(probe)")
        #expect(!rows.contains { $0.hasSuffix(" m") || $0.hasSuffix("0.3 m") })
        // The rows too long for it end in the cut mark.
        #expect(rows.contains { $0.contains("$ kubectl exec") && $0.hasSuffix("…") }, "\(d.text)")
    }

    @Test func wWrapsLongLinesAndWWAgainCutsThem() async throws {
        var d = try ScreenDriver(width: 80, height: 24)
        try await d.keys("p")
        let command =
            "$ kubectl patch meshconfig osm-mesh-config -n osm-system -p '{\"spec\":{\"traffic\":{\"enablePermissiveTrafficPolicyMode\":false}}}' --type=merge"
        #expect(!PopupReading.squeezed(Self.logRows(d).joined()).contains(PopupReading.squeezed(command)))
        try await d.keys("W")
        #expect(PopupReading.squeezed(Self.logRows(d).joined()).contains(PopupReading.squeezed(command)), "\(d.text)")
        #expect(d.text.contains("Probe log (2) · wrapped"))
        // The wrapped rows hang under the command, after the time.
        let rows = Self.logRows(d)
        let first = try #require(rows.firstIndex { $0.contains("$ kubectl patch") })
        #expect(rows[first + 1].hasPrefix(String(repeating: " ", count: 12)) && rows[first + 1].count > 12)
        try await d.keys("W")
        #expect(!d.text.contains("wrapped"))
        #expect(d.text.contains("W wrap") || KeyBindings.helpLines(text: .en, width: 72).contains { $0.text.hasPrefix("W ") })
    }

    /// PgUp three times, then a new probe: the log stayed a full page, and the title says how far
    /// up it is and what came in; End goes back to the newest.
    @Test func scrollingStopsAtTheFirstFullPageAndCountsWhatArrives() async throws {
        var d = try ScreenDriver(width: 80, height: 24)
        try await d.keys(String(repeating: "pg", count: 6))
        let page = Self.logRows(d).count
        #expect(d.state.log.count > page, "more entries than rows")
        try await d.keys("UUU")
        var rows = Self.logRows(d)
        #expect(rows.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty }, "a full page:\n\(d.text)")
        #expect(rows.first?.contains("$ kubectl patch") == true, "the oldest entry first:\n\(d.text)")
        let scrolled = d.state.logScroll
        #expect(scrolled > 0)
        try await d.keys("E")
        rows = Self.logRows(d)
        #expect(rows.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty }, "still a full page:\n\(d.text)")
        #expect(!rows.contains { $0.contains("ALLOWED") || $0.contains("DENIED") }, "the view stayed where it was")
        #expect(d.text.contains("Probe log (\(d.state.log.count))  ↑ \(scrolled + 1) · 1 new"), "\(d.text)")
        #expect(d.text.contains("End newest"), "the footer says how to get back")
        try await d.key(.end)
        #expect(d.text.contains("Probe log (\(d.state.log.count)) ━"), "\(d.text)")
        #expect(Self.logRows(d).contains { $0.contains("ALLOWED") })
        // G does the same; PgDn never goes past the newest.
        try await d.keys("UG")
        #expect(d.state.logScroll == 0)
        try await d.keys("DD")
        #expect(d.state.logScroll == 0)
    }

    @Test func aResizeKeepsTheScrollWithinAFullPage() async throws {
        var d = try ScreenDriver(width: 80, height: 24)
        try await d.keys(String(repeating: "pg", count: 6) + "UUUU")
        d.resize(200, 60)
        #expect(d.state.logScroll == 0, "everything fits: nothing to scroll")
        #expect(Self.logRows(d).prefix(d.state.log.count).allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
    }

    /// The kubectl commands are the lines people copy: in the log's own colour, bold, not muted.
    @Test func commandsAreBoldInTheLogsColourNotMuted() async throws {
        var d = try ScreenDriver(width: 100, height: 30)
        try await d.keys("p")
        let canvas = d.canvas
        let y = try #require((0..<canvas.height).first { canvas.text.split(separator: "\n")[$0].contains("$ kubectl patch") })
        let x = try #require(Array(canvas.text.split(separator: "\n")[y]).firstIndex(of: "$"))
        #expect(canvas[x, y].style.role == .logText && canvas[x, y].style.bold, "\(canvas[x, y].style)")
        #expect(Palette.default.pairs[.logText]?.foreground == -1, "the terminal's own text colour, not grey")
    }

    /// The log's clock and latencies are formatted by hand (for frame time): as `%.1f` and `%02d` would.
    @Test func latencyAndClockReadAsPrintfWouldHaveThem() {
        for seconds in [0.0, 0.0003, 0.00413, 0.0021, 0.01234, 1.5, 12.3456, 0.00096] {
            #expect(LogView.milliseconds(seconds) == String(format: "%.1f ms", seconds * 1000), "\(seconds)")
        }
        let utc = TimeZone(identifier: "UTC")!
        #expect(LogView.clock(Date(timeIntervalSince1970: 1_700_000_000), utc) == "22:13:20")
        #expect(LogView.clock(Date(timeIntervalSince1970: 3_661), utc) == "01:01:01")
    }
}
