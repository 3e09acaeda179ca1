import Testing

@testable import TerminalUI

/// The layout a screen is cut into: parts tile the whole, fixed parts keep their size while there
/// is room, fills share the rest, and a too-small screen shrinks the last parts first.
@Suite struct LayoutTests {
    @Test func headerBodyFooterTileTheScreen() {
        let parts = Rect(width: 80, height: 24).split(.vertical, [.length(1), .fill(), .length(2)])
        #expect(
            parts == [
                Rect(x: 0, y: 0, width: 80, height: 1), Rect(x: 0, y: 1, width: 80, height: 21),
                Rect(x: 0, y: 22, width: 80, height: 2),
            ])
    }

    @Test func percentagesAndFillsShareTheWidth() {
        let parts = Rect(width: 100, height: 10).split(.horizontal, [.percentage(25), .fill(), .percentage(30)])
        #expect(parts.map(\.width) == [25, 45, 30])
        #expect(parts.map(\.x) == [0, 25, 70])
    }

    @Test func fillsShareByWeightAndTheFirstGetTheRounding() {
        let parts = Rect(width: 10, height: 1).split(.horizontal, [.fill(1), .fill(2)])
        #expect(parts.map(\.width) == [4, 6])
        let thirds = Rect(width: 10, height: 1).split(.horizontal, [.fill(), .fill(), .fill()])
        #expect(thirds.map(\.width) == [4, 3, 3])
    }

    @Test func tooLittleRoomShrinksTheLastPartsFirst() {
        let parts = Rect(width: 10, height: 5).split(.vertical, [.length(3), .length(3), .length(3)])
        #expect(parts.map(\.height) == [3, 2, 0])
        #expect(parts.map(\.y) == [0, 3, 5])
    }

    @Test func minKeepsItsFloorAndTakesAShareOfTheRest() {
        let parts = Rect(width: 30, height: 1).split(.horizontal, [.min(10), .length(10)])
        #expect(parts.map(\.width) == [20, 10])
    }

    @Test func innerIsOneCellInFromEachSide() {
        #expect(Rect(x: 2, y: 3, width: 10, height: 4).inner == Rect(x: 3, y: 4, width: 8, height: 2))
        #expect(Rect(x: 0, y: 0, width: 1, height: 1).inner.isEmpty)
    }
}
