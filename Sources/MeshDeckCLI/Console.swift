import Foundation

/// Where commands write, injectable so tests run commands in-process and read what they print.
package struct Console: Sendable {
    var out: @Sendable (String) -> Void
    var err: @Sendable (String) -> Void
    var readStandardInput: @Sendable () -> Data?
    /// Whether text may use UTF-8 glyphs (✔ ✘ →); plain ASCII otherwise.
    var unicode: Bool

    /// True only for the process's real stdout/stderr: progress bars are drawn there alone.
    var isStandard = false

    package init(
        out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
        readStandardInput: @escaping @Sendable () -> Data? = { nil }, unicode: Bool = false
    ) {
        self.out = out
        self.err = err
        self.readStandardInput = readStandardInput
        self.unicode = unicode
    }

    static let standard: Console = {
        var console = Console(
            out: { writeAll(STDOUT_FILENO, $0 + "\n") },
            err: { writeAll(STDERR_FILENO, $0 + "\n") },
            readStandardInput: { FileHandle.standardInput.readDataToEndOfFile() },
            unicode: localeIsUTF8(ProcessInfo.processInfo.environment))
        console.isStandard = true
        return console
    }()

    @TaskLocal static var current: Console = .standard

    /// Writes all of `text`. A reader that went away (`meshdeck get | head`) ends the process
    /// quietly, as SIGPIPE ends other tools (status 141): SwiftNIO ignores SIGPIPE, and
    /// FileHandle.write would trap on the EPIPE instead.
    static func writeAll(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(128 + SIGPIPE) }
                return
            }
            bytes = bytes.dropFirst(n)
        }
    }

    /// The C library's rule: the first of LC_ALL, LC_CTYPE, LANG that is set decides.
    package static func localeIsUTF8(_ env: [String: String]) -> Bool {
        let value = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let lower = value.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }

    var arrow: String { unicode ? "→" : "->" }
}
