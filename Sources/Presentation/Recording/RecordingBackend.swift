import TerminalUI

/// A terminal that also records: every frame drawn goes to the real terminal and, as the
/// terminal output that reproduces it, into an asciicast; size changes become `"r"` events and
/// marks (walkthrough steps, mode flips, policy changes) `"m"` markers.
package final class RecordingBackend: TerminalBackend {
    private let inner: TerminalBackend
    private let writer: AsciicastWriter
    private var encoder: AnsiFrameEncoder
    private let colors: Bool
    private var recordedSize: (width: Int, height: Int)

    /// `colors: false` records attributes only (as NO_COLOR shows them).
    package init(recording inner: TerminalBackend, into writer: AsciicastWriter, colors: Bool) {
        self.inner = inner
        self.writer = writer
        self.colors = colors
        self.encoder = AnsiFrameEncoder(palette: colors ? .default : nil)
        self.recordedSize = inner.size
    }

    package var size: (width: Int, height: Int) { inner.size }
    package var unicode: Bool { inner.unicode }
    package var quitSignal: Int32? { inner.quitSignal }

    package func draw(_ canvas: Canvas) {
        inner.draw(canvas)
        if (canvas.width, canvas.height) != recordedSize {
            recordedSize = (canvas.width, canvas.height)
            writer.resize(width: canvas.width, height: canvas.height)
        }
        writer.output(encoder.encode(canvas))
    }

    package func readKey(timeoutMilliseconds: Int32) -> Key? { inner.readKey(timeoutMilliseconds: timeoutMilliseconds) }

    package func apply(_ palette: Palette) {
        inner.apply(palette)
        encoder.setPalette(colors ? palette : nil)
    }

    package func mark(_ label: String) {
        inner.mark(label)
        writer.marker(label)
    }
}
