import Foundation

/// `reading manifests  42%` on standard error while a load takes longer than a second, when
/// standard error is a terminal; nothing otherwise (pipes, files and tests see no progress).
/// Redrawn at most ten times a second, and erased when the load is done.
final class LoadProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let start: ContinuousClock.Instant
    private let clock = ContinuousClock()
    private var lastDrawn: ContinuousClock.Instant?
    private let write: @Sendable (String) -> Void
    /// After this long, the line appears.
    private let delay: Duration

    init(delay: Duration = .seconds(1), write: @escaping @Sendable (String) -> Void) {
        self.delay = delay
        self.write = write
        start = clock.now
    }

    /// The process's own terminal, or nil when standard error is not one (or the console is a test's).
    static func forConsole(_ console: Console) -> LoadProgressLine? {
        guard console.isStandard, isatty(STDERR_FILENO) == 1 else { return nil }
        return LoadProgressLine { Console.writeAll(STDERR_FILENO, $0) }
    }

    /// `what` (`reading manifests`, `applying`) and, when known, how far, 0...1.
    func show(_ what: String, fraction: Double? = nil) {
        lock.lock()
        defer { lock.unlock() }
        let now = clock.now
        guard now - start >= delay else { return }
        if let last = lastDrawn, now - last < .milliseconds(100), fraction.map({ $0 < 1 }) ?? true { return }
        lastDrawn = now
        let percent = fraction.map { String(format: "  %3d%%", Int(($0 * 100).rounded(.down))) } ?? ""
        // \r and erase-line: the line is redrawn in place.
        write("\r\u{1B}[K\(what)\(percent)")
    }

    /// Erases the line, if it was ever drawn.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if lastDrawn != nil { write("\r\u{1B}[K") }
        lastDrawn = nil
    }
}
