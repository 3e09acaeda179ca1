import Testing

@testable import TerminalText
@testable import TerminalUI

/// The pieces the dashboard's screens are made of: text cut with a mark, wrapped with a hanging
/// indent, tables that give up their least important columns, parts sized to their content.
@Suite struct WidgetTests {
    @Test func cutTextEndsInTheMarkAndWholeTextDoesNot() {
        var c = Canvas(width: 12, height: 4)
        c.put("server sidecar: no TrafficTarget", x: 0, y: 0, maxWidth: 10, cut: "…")
        c.put("exactly ten", x: 0, y: 1, maxWidth: 11, cut: "…")
        c.put("中文中文中文", x: 0, y: 2, maxWidth: 7, cut: "…")
        var rows = c.text.split(separator: "\n").map(String.init)
        #expect(rows[0] == "server si…")
        #expect(rows[1] == "exactly ten")
        #expect(rows[2] == "中文中…", "the mark takes the column the next wide character did not fit in")
        c.put("中文中文中文", x: 0, y: 3, maxWidth: 6, cut: "…")
        rows = c.text.split(separator: "\n").map(String.init)
        #expect(rows[3] == "中文 …", "the mark over the right half of a wide character blanks its left half")
        #expect(!c[5, 3].isContinuation && c[5, 3].character == "…")
    }

    @Test func wrapHangsContinuationLinesUnderTheText() {
        let lines = TextWrap.wrap(
            "reason: SMI mode (permissive off) and no TrafficTarget lets curl/curl reach tcp-demo/tcp-echo", width: 30,
            hangingIndent: TextWrap.hangingIndent(of: "reason: x"))
        #expect(lines.first == "reason: SMI mode (permissive")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("        ") && !$0.hasPrefix("         ") })
        #expect(lines.allSatisfy { TextWidth.of($0) <= 30 })
        #expect(TextWrap.hangingIndent(of: "- source: deployment") == 2)
        #expect(TextWrap.hangingIndent(of: "原因：没有") == 6)
        #expect(TextWrap.hangingIndent(of: "a plain sentence, with no label") == 2)
        // Chinese wraps between characters, each two columns.
        let zh = TextWrap.wrap("修复：在命名空间 tcp-demo 中应用一个 TrafficTarget", width: 16, hangingIndent: 6)
        #expect(zh.allSatisfy { TextWidth.of($0) <= 16 })
        #expect(zh.dropFirst().allSatisfy { $0.hasPrefix("      ") })
    }

    @Test func aTableDropsItsLeastImportantColumnsFirst() {
        let table = FittedTable(
            headers: ["NAME", "TYPE", "CLUSTER-IP", "PORT(S)"],
            rows: [["service/tcp-echo", "ClusterIP", "10.101.166.71", "9000/TCP"]], priorities: [9, 1, 2, 8])
        #expect(table.naturalWidth == 52)
        #expect(
            table.lines(width: 52) == [
                "NAME              TYPE       CLUSTER-IP     PORT(S)", "service/tcp-echo  ClusterIP  10.101.166.71  9000/TCP",
            ])
        #expect(
            table.lines(width: 45) == ["NAME              CLUSTER-IP     PORT(S)", "service/tcp-echo  10.101.166.71  9000/TCP"])
        #expect(table.lines(width: 30) == ["NAME              PORT(S)", "service/tcp-echo  9000/TCP"])
        // Narrower still: the first column is cut, never a number.
        #expect(table.lines(width: 20).allSatisfy { TextWidth.of($0) <= 20 })
        #expect(table.lines(width: 20)[1].hasSuffix("9000/TCP") && table.lines(width: 20)[1].contains("…"))
        #expect(table.width(keeping: 8) == 26)
    }

    @Test func aPodsRandomSuffixGivesWayBeforeReady() {
        let table = FittedTable(
            headers: ["NAME", "READY", "STATUS", "RESTARTS"], rows: [["pod/tcp-echo-h9lf6sqbfk-47gpn", "2/2", "Running", "0"]],
            priorities: [9, 8, 5, 1], firstColumnMinimum: 20)
        let lines = table.lines(width: 34)
        #expect(lines[1].hasPrefix("pod/tcp-echo-h9lf6s"), "\(lines)")
        #expect(lines[1].contains("…  2/2"), "\(lines)")
        #expect(table.width(keeping: 8) == 27)
    }

    @Test func contentPartsGetWhatTheyNeedSmallFirst() {
        let parts = Rect(width: 100, height: 5).split(
            .horizontal, [.content(min: 20, natural: 24), .content(min: 29, natural: 57), .content(min: 30, natural: 56)])
        #expect(parts.map(\.width) == [24, 38, 38])
        #expect(parts.map(\.x) == [0, 24, 62])
        // Room for every natural size: the rest in proportion to it.
        let wide = Rect(width: 200, height: 5).split(
            .horizontal, [.content(min: 10, natural: 50), .content(min: 10, natural: 50)])
        #expect(wide.map(\.width) == [100, 100])
        // Not even the minimums: the last parts shrink first.
        let narrow = Rect(width: 50, height: 5).split(
            .horizontal, [.content(min: 20, natural: 30), .content(min: 40, natural: 40)])
        #expect(narrow.map(\.width) == [20, 30])
    }

    @Test func aHeavyBoxAndAFooterOnItsBottomBorder() {
        var c = Canvas(width: 20, height: 3)
        c.box(
            x: 0, y: 0, width: 20, height: 3, title: "Log", style: .plain, titleStyle: .plain, ascii: false, heavy: true,
            footer: "↓ 2 more")
        let rows = c.text.split(separator: "\n").map(String.init)
        #expect(rows[0] == "┏━ Log ━━━━━━━━━━━━┓")
        #expect(rows[2] == "┗━━━━━━━ ↓ 2 more ━┛")
    }
}
