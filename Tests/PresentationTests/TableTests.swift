import Testing

@testable import Presentation
@testable import TerminalText

/// The one table renderer: columns line up in terminal columns, not characters, so a wide
/// (Chinese) cell does not push the next column out of line; the gap is kubectl's three spaces,
/// or what a caller asks for; control characters from a manifest arrive escaped.
@Suite struct TableTests {
    @Test func columnsLineUpInTerminalColumns() {
        let table = Table(headers: ["NAME", "STATUS"], rows: [["命名空间", "Active"], ["curl", "Active"]])
        let lines = table.lines()
        #expect(lines == ["NAME       STATUS", "命名空间   Active", "curl       Active"])
    }

    @Test func theGapIsKubectlsOrTheCallers() {
        let table = Table(headers: ["A", "B"], rows: [["x", "y"]])
        #expect(table.render() == "A   B\nx   y")
        #expect(table.lines(gap: 2) == ["A  B", "x  y"])
    }

    @Test func controlCharactersArriveEscaped() {
        let table = Table(headers: ["NAME", "X"], rows: [["a\u{1B}[2J", "b\u{1B}"]])
        #expect(table.lines().allSatisfy { !$0.contains("\u{1B}") })
    }
}
