import Foundation
import MeshModel
import Synchronization

/// Writes an asciicast v2 recording, the format `asciinema play` replays: one JSON header
/// line, then one JSON array per event, `[seconds, code, data]`, with `o` (output), `r`
/// (resize, `"WxH"`) and `m` (marker, a label players can jump to). Event times only go
/// forward: an event given a time that is not after the last one's is written 1 µs after it.
///
/// Thread-safe; each event is written as soon as it is given, so a recording cut short (a
/// crash, a kill) keeps everything up to its last event.
package final class AsciicastWriter: Sendable {
    package struct Header: Sendable {
        var width: Int
        var height: Int
        /// When the recording started (Unix seconds in the file).
        var timestamp: Date?
        var title: String?
        /// `TERM` and `SHELL`, as asciinema records them.
        var environment: [String: String]

        package init(
            width: Int, height: Int, timestamp: Date? = Date(), title: String? = nil,
            environment: [String: String] = Header.currentEnvironment()
        ) {
            self.width = width
            self.height = height
            self.timestamp = timestamp
            self.title = title
            self.environment = environment
        }

        /// This process's `TERM` and `SHELL` (`xterm-256color` and `/bin/sh` when unset).
        static func currentEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
            [
                "TERM": env["TERM"].flatMap { $0.isEmpty ? nil : $0 } ?? "xterm-256color",
                "SHELL": env["SHELL"].flatMap { $0.isEmpty ? nil : $0 } ?? "/bin/sh",
            ]
        }

        /// The header line's fields, as asciinema names them (`env` for the environment).
        fileprivate struct Line: Encodable {
            let version = 2
            var width: Int
            var height: Int
            var timestamp: Int64?
            var title: String?
            var env: [String: String]
        }

        fileprivate var line: Line {
            Line(
                width: width, height: height, timestamp: timestamp.map { Int64($0.timeIntervalSince1970) }, title: title,
                env: environment)
        }
    }

    /// One event line: `[seconds, code, data]`, a JSON array of mixed types, so encoded by hand
    /// into an unkeyed container.
    private struct Event: Encodable {
        var seconds: Double
        var code: String
        var data: String

        func encode(to encoder: any Encoder) throws {
            var array = encoder.unkeyedContainer()
            try array.encode(seconds)
            try array.encode(code)
            try array.encode(data)
        }
    }

    /// Foundation's JSON: control characters escaped (so an event is one line), other text as
    /// UTF-8; doubles in their shortest exact form (`0.5`, `1.250001`, `1e-06`), as asciinema's
    /// own writer prints them. Keys sorted, so a header reads the same in every recording.
    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private struct State {
        /// In whole microseconds, the precision written, so "after" holds for what is written.
        var lastMicros: Int64?
        var failure: (any Error)?
        var closed = false
    }

    private let write: @Sendable (String) throws -> Void
    private let finish: @Sendable () throws -> Void
    private let state = Mutex(State())
    private let started = ContinuousClock.now

    /// Writes the header at once, then every event, each as one line (ending in `\n`), to `write`.
    init(
        header: Header, write: @escaping @Sendable (String) throws -> Void, finish: @escaping @Sendable () throws -> Void = {}
    ) {
        self.write = write
        self.finish = finish
        state.withLock { s in
            do { try write(Self.json(header.line) + "\n") } catch { s.failure = error }
        }
    }

    /// A file that could not be opened for the recording, and the system's reason.
    package struct FileError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        package var description: String { "cannot write \(path.terminalSafe): \(reason)" }
    }

    /// A recording into the file at `path` (created or truncated). Opening it is checked at
    /// once, so a bad path fails before anything is recorded.
    package static func file(_ path: String, header: Header) throws(FileError) -> AsciicastWriter {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError(path: path, reason: String(cString: strerror(errno))) }
        // Writes happen under the writer's own lock, one event at a time.
        let file = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        return AsciicastWriter(
            header: header,
            write: { line in try file.write(contentsOf: Data(line.utf8)) },
            finish: { try file.close() })
    }

    /// Seconds since the writer was created: the time events get when none is given.
    var elapsed: Double {
        let d = ContinuousClock.now - started
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// What the terminal showed: text with its control sequences (`\r\n` ends a line).
    func output(_ data: String, at time: Double? = nil) { event(time, "o", data) }

    /// A marker players list and jump to: `step 3: Deploy tcp-echo`.
    func marker(_ label: String, at time: Double? = nil) { event(time, "m", label) }

    /// The terminal was resized to `width` x `height`.
    func resize(width: Int, height: Int, at time: Double? = nil) { event(time, "r", "\(width)x\(height)") }

    /// Ends the recording. Throws the first write error, if any happened.
    package func close() throws {
        let failure: (any Error)? = state.withLock { s in
            defer { s.closed = true }
            return s.closed ? nil : s.failure
        }
        try finish()
        if let failure { throw failure }
    }

    private func event(_ time: Double?, _ code: String, _ data: String) {
        let requested = time ?? elapsed
        state.withLock { s in
            guard !s.closed, s.failure == nil else { return }
            let wanted = Self.micros(requested)
            let micros = s.lastMicros.map { max($0 + 1, wanted) } ?? wanted
            s.lastMicros = micros
            do {
                try write(Self.json(Event(seconds: Double(micros) / 1e6, code: code, data: data)) + "\n")
            } catch {
                s.failure = error
            }
        }
    }

    /// Seconds in whole microseconds (negative and non-finite times read as 0; a century at most).
    private static func micros(_ seconds: Double) -> Int64 {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return Int64((min(seconds, 3.2e9) * 1_000_000).rounded())
    }
}
