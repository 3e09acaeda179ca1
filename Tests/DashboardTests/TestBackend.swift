import Dashboard
import Foundation
import MeshDeckTestSupport

@testable import TerminalUI

/// A terminal in memory: it keeps the last canvas drawn and plays a script of keys, waiting
/// where told until the screen shows some text (as a person watching it would).
final class TestBackend: TerminalBackend {
    enum Step {
        case key(Key)
        case waitFor(String)
        case resize(Int, Int)
        /// Runs on the dashboard's own thread when reached (to start or end something around a
        /// key, as a person at another terminal would).
        case run(@Sendable () -> Void)
    }

    var size: (width: Int, height: Int)
    let unicode: Bool
    private(set) var screen = Canvas(width: 0, height: 0)
    private var script: [Step]
    private let deadline: Date
    private(set) var failure: String?
    private var waitingSince = Date()
    var quitSignal: Int32? { nil }

    /// `timeout` bounds the whole script: it catches a hang, it does not measure speed, so it is
    /// generous (the suite runs process-heavy tests alongside, on two cores).
    /// 240 s: the thousand-probe `L` run shares Swift's pool with the whole suite (its load
    /// is bulk work and runs there); probes and engine updates no longer do (DedicatedExecutor).
    init(width: Int = 120, height: Int = 40, unicode: Bool = true, script: [Step], timeout: Double = 240) {
        self.size = (width, height)
        self.unicode = unicode
        self.script = script
        self.deadline = Date().addingTimeInterval(timeout)
    }

    func draw(_ canvas: Canvas) { screen = canvas }
    /// What the app put on the clipboard, in order.
    private(set) var copied: [String] = []
    func copyToClipboard(_ text: String) { copied.append(text) }
    func apply(_ palette: Palette) {}

    func readKey(timeoutMilliseconds: Int32) -> Key? {
        guard Date() < deadline else {
            if failure == nil { failure = "timed out at \(script.first.map { "\($0)" } ?? "end"); screen:\n\(screen.text)" }
            return .character("q")
        }
        guard let step = script.first else { return nil }
        switch step {
        case .key(let key):
            script.removeFirst()
            waitingSince = Date()
            return key
        case .run(let body):
            script.removeFirst()
            body()
            return readKey(timeoutMilliseconds: 0)
        case .resize(let w, let h):
            script.removeFirst()
            size = (w, h)
            return .resize
        case .waitFor(let text):
            if screen.text.contains(text) {
                script.removeFirst()
                waitingSince = Date()
                return readKey(timeoutMilliseconds: 0)
            }
            if Date() > waitingSince.addingTimeInterval(45) { StallDump.once("dashboard waited 45 s for \(text)") }
            Thread.sleep(forTimeInterval: 0.005)
            return nil
        }
    }
}
