import Foundation
import MeshModel
import Testing

@testable import Dashboard
@testable import TerminalText
@testable import TerminalUI

/// The explain and help popups as a presenter reads them at 80x24 and 200x60: lines wrap (with a
/// hanging indent) instead of being cut, the reason and the fix come first and stay, the rest
/// scrolls with ↑ ↓ PgUp PgDn and says how much more there is, and nothing of the screen is
/// left at their sides.
@Suite struct PopupTests {
    /// The denied probe of the walkthrough, explained.
    static func deniedExplained(_ w: Int, _ h: Int) async throws -> ScreenDriver {
        var d = try ScreenDriver(width: w, height: h)
        try await d.keys("EpEe")
        return d
    }

    static let fix =
        "fix: apply a TrafficTarget in namespace tcp-demo with destination ServiceAccount tcp-demo/tcp-echo, source ServiceAccount curl/curl and a TCPRoute rule matching port 9000 (or turn permissive mode on)"
    static let reason =
        "reason: SMI mode (permissive off) and no TrafficTarget lets ServiceAccount curl/curl reach ServiceAccount tcp-demo/tcp-echo"

    @Test(arguments: [(80, 24), (100, 30), (200, 60)])
    func reasonAndFixAreWholeOnTheFirstPage(size: (Int, Int)) async throws {
        let d = try await Self.deniedExplained(size.0, size.1)
        let lines = d.lines
        let screen = PopupReading.squeezed(d.text)
        #expect(screen.contains(PopupReading.squeezed(Self.reason)), "\(d.text)")
        #expect(screen.contains(PopupReading.squeezed(Self.fix)), "\(d.text)")
        // First: the reason on the popup's first row, the fix right after it.
        let top = try #require(lines.firstIndex { $0.contains("curl/curl → tcp-echo.tcp-demo:9000") && $0.contains("┌") })
        #expect(lines[top + 1].contains("reason: SMI mode"), "\(d.text)")
        #expect(lines.allSatisfy { TextWidth.of($0) <= size.0 })
    }

    @Test func wrappedLinesHangUnderTheirLabel() async throws {
        let d = try await Self.deniedExplained(80, 24)
        let lines = d.lines
        let reason = try #require(lines.firstIndex { $0.contains("│ reason: ") })
        let column = try #require(lines[reason].range(of: "reason: ")).upperBound
        let offset = lines[reason].distance(from: lines[reason].startIndex, to: column)
        // The next row goes on under the text, not under the label.
        let next = Array(lines[reason + 1])
        #expect(next[offset - 1] == " " && next[offset] != " ", "\(lines[reason])\n\(lines[reason + 1])")
    }

    @Test func theRestScrollsWithAMarkerAndTheReasonStays() async throws {
        var d = try await Self.deniedExplained(80, 24)
        #expect(d.text.contains("more ─"), "a marker says there is more:\n\(d.text)")
        #expect(d.text.contains("↑↓ PgUp PgDn scroll"), "the footer says how")
        // Every fact is there, page by page; the reason and the fix on every page.
        var all = ""
        for _ in 0..<10 {
            let screen = d.text
            #expect(screen.contains("reason: SMI mode"), "pinned:\n\(screen)")
            #expect(PopupReading.squeezed(screen).contains(PopupReading.squeezed(Self.fix)))
            all += PopupReading.squeezed(screen)
            try await d.keys("D")
        }
        #expect(all.contains(PopupReading.squeezed("- no TrafficTarget has destination ServiceAccount tcp-demo/tcp-echo")))
        #expect(all.contains(PopupReading.squeezed("plaintext; the server sidecar refuses it (mTLS only)")))
        // At the end: what is above is counted, nothing below.
        let bottom = try #require(d.lines.last { $0.contains("└") && $0.contains("┘") })
        #expect(bottom.contains("↑ ") && !bottom.contains("↓ "), "\(d.text)")
        let end = d.state.popupScroll
        #expect(end > 0)
        try await d.key(.up)
        #expect(d.state.popupScroll == end - 1)
        for _ in 0..<20 { try await d.key(.up) }
        #expect(d.state.popupScroll == 0, "↑ stops at the top")
    }

    @Test func at200ColumnsNothingIsCutOrLeftOut() async throws {
        let d = try await Self.deniedExplained(200, 60)
        guard case .explain(_, let lines)? = d.state.popup else {
            Issue.record("no explanation")
            return
        }
        let screen = PopupReading.squeezed(d.text)
        for line in lines { #expect(screen.contains(PopupReading.squeezed(line.text)), "missing or cut: \(line.text)") }
        #expect(!d.text.contains("more ─"))
        #expect(!d.text.contains("…"))
    }

    /// The help at 80 columns: every line whole (the `w` warning was cut), by scrolling.
    @Test func helpWrapsAndScrollsAt80x24() async throws {
        var d = try ScreenDriver(width: 80, height: 24)
        try await d.keys("?")
        let whole = PopupReading.everything(&d.state)
        for line in KeyBindings.helpLines(text: .en, width: 72) {
            #expect(whole.contains(PopupReading.squeezed(line.text)), "cut or missing: \(line.text)")
        }
        #expect(whole.contains(PopupReading.squeezed("the first time it asks, then resets the cluster to before step 1")))
    }

    /// Nothing of the screen behind touches a popup's border: a margin is cleared around it and
    /// the rest dimmed (`│1│`, `│e│` were left beside it).
    @Test(arguments: ["?", "EpEe"])
    func aPopupHasAClearMarginAndTheScreenBehindIsDimmed(keys: String) async throws {
        for (w, h) in [(80, 24), (101, 31), (200, 60)] {
            var d = try ScreenDriver(width: w, height: h)
            try await d.keys(keys)
            let canvas = d.canvas
            let rows = (0..<canvas.height).filter { y in (0..<canvas.width).contains { canvas[$0, y].character == "┌" } }
            let top = try #require(rows.first { y in (0..<canvas.width).contains { canvas[$0, y].character == "┌" && y > 1 } })
            let left = try #require((0..<canvas.width).first { canvas[$0, top].character == "┌" })
            let right = try #require((left..<canvas.width).first { canvas[$0, top].character == "┐" })
            let bottom = try #require((top..<canvas.height).first { canvas[left, $0].character == "└" })
            for y in top...bottom {
                for x in [left - 2, left - 1, right + 1, right + 2] where x >= 0 && x < canvas.width {
                    #expect(canvas[x, y].character == " ", "\(w)x\(h): '\(canvas[x, y].character)' at \(x),\(y)\n\(canvas.text)")
                }
            }
            // Behind it, dimmed: the header's badge is no longer reverse video.
            #expect((0..<canvas.width).allSatisfy { !canvas[$0, 0].style.reverse })
        }
    }
}
