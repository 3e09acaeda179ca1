import Foundation
import Testing

@testable import MeshDeckCLI

/// The progress line a long load draws on a terminal: nothing in its first second, then the
/// phase and percentage redrawn in place (at most ten times a second), erased at the end; and
/// none at all when standard error is not the process's own terminal.
@Suite struct LoadProgressLineTests {
    final class Written: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func append(_ s: String) { lock.withLock { text += s } }
        var value: String { lock.withLock { text } }
    }

    @Test func nothingIsDrawnInTheFirstSecond() {
        let written = Written()
        let line = LoadProgressLine(delay: .seconds(1)) { written.append($0) }
        line.show("reading manifests", fraction: 0.5)
        line.finish()
        #expect(written.value.isEmpty)
    }

    @Test func aLongLoadIsShownInPlaceAndErased() {
        let written = Written()
        let line = LoadProgressLine(delay: .zero) { written.append($0) }
        line.show("reading manifests", fraction: 0.42)
        // Within 100 ms of the last draw, only the end of a phase is drawn.
        line.show("reading manifests", fraction: 0.43)
        line.show("reading manifests", fraction: 1)
        line.finish()
        #expect(written.value == "\r\u{1B}[Kreading manifests   42%\r\u{1B}[Kreading manifests  100%\r\u{1B}[K")
    }

    @Test func aConsoleThatIsNotTheTerminalGetsNoLine() {
        let console = Console(out: { _ in }, err: { _ in })
        #expect(LoadProgressLine.forConsole(console) == nil)
    }
}
