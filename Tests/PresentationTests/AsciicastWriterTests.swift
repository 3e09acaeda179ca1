import Foundation
import Testing

@testable import Presentation

/// The asciicast v2 writer: every line valid JSON that reads back as what was written.
@Suite struct AsciicastWriterTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        var all: [String] { lock.withLock { lines } }
        func append(_ line: String) { lock.withLock { lines.append(line) } }
    }

    func json(_ line: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
    }

    @Test func headerCarriesVersionSizeTimestampTitleAndEnvironment() throws {
        let lines = Lines()
        _ = AsciicastWriter(
            header: .init(
                width: 120, height: 40, timestamp: Date(timeIntervalSince1970: 1_700_000_000),
                title: "MeshDeck: \"TCP\" 流量", environment: ["TERM": "xterm-256color", "SHELL": "/bin/zsh"]),
            write: { lines.append($0) })
        #expect(lines.all.count == 1 && lines.all[0].hasSuffix("\n"))
        let header = try #require(try json(lines.all[0]) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 120 && header["height"] as? Int == 40)
        #expect(header["timestamp"] as? Int == 1_700_000_000)
        #expect(header["title"] as? String == "MeshDeck: \"TCP\" 流量")
        #expect(header["env"] as? [String: String] == ["TERM": "xterm-256color", "SHELL": "/bin/zsh"])
        #expect(AsciicastWriter.Header.currentEnvironment([:]) == ["TERM": "xterm-256color", "SHELL": "/bin/sh"])
        #expect(
            AsciicastWriter.Header.currentEnvironment(["TERM": "screen", "SHELL": "/bin/bash"]) == [
                "TERM": "screen", "SHELL": "/bin/bash",
            ])
    }

    @Test func eventsAreOutputResizeAndMarkerInTimeOrder() throws {
        let lines = Lines()
        let writer = AsciicastWriter(header: .init(width: 80, height: 24), write: { lines.append($0) })
        writer.output("$ ", at: 0.5)
        writer.resize(width: 100, height: 30, at: 1.25)
        writer.marker("step 1: Create the tcp-demo namespace", at: 1.25)
        writer.output("late", at: 0.1)
        writer.output("now")
        try writer.close()
        writer.output("after close", at: 9)
        let events = try lines.all.dropFirst().map { try #require(try json($0) as? [Any]) }
        #expect(events.count == 5)
        #expect(events.map { $0[1] as? String } == ["o", "r", "m", "o", "o"])
        #expect(events[1][2] as? String == "100x30")
        #expect(events[2][2] as? String == "step 1: Create the tcp-demo namespace")
        #expect(events[0][0] as? Double == 0.5 && events[0][2] as? String == "$ ")
        // Times only go forward, even when asked to go back or to stand still.
        let times = events.compactMap { $0[0] as? Double }
        #expect(times.count == 5)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 }, "\(times)")
        #expect(times[2] == 1.250001 && times[3] == 1.250002)
    }

    /// Times are seconds to the microsecond, printed as asciinema's own writer prints them
    /// (`round(t, 6)` in Python): the shortest form that reads back exactly.
    @Test func timesReadBackToTheMicrosecond() throws {
        let lines = Lines()
        let writer = AsciicastWriter(header: .init(width: 80, height: 24), write: { lines.append($0) })
        for t in [0, 0.000001, 2, 59.999999, 1234.5678904] { writer.output("x", at: t) }
        let times = try lines.all.dropFirst().map { try #require(try json($0) as? [Any])[0] as? Double }
        #expect(times == [0, 0.000001, 2, 59.999999, 1234.56789])
        #expect(lines.all[1].hasPrefix("[0,") && lines.all[3].hasPrefix("[2,"), "whole seconds print as integers")
    }

    @Test(arguments: [
        "plain", "quote \" backslash \\ slash /", "\u{1B}[1;31mred\u{1B}[0m\r\n", "tab\tbell\u{07}nul\u{00}del\u{7F}",
        "中文 tcp-echo ✔ 🙂", "line\u{2028}para\u{2029}", "\u{08}\u{0C}\u{1F}",
    ])
    func stringsReadBackAsWritten(_ text: String) throws {
        let lines = Lines()
        let writer = AsciicastWriter(header: .init(width: 80, height: 24), write: { lines.append($0) })
        writer.output(text, at: 1)
        let line = lines.all[1]
        let event = try #require(try json(line) as? [Any])
        #expect(event[2] as? String == text)
        // One event, one line: no raw control character (JSON escapes U+0000-U+001F) survives
        // into the file. DEL and U+2028/9 may stay raw: JSON allows them, and asciinema splits
        // lines at \n and \r only.
        #expect(line.hasSuffix("\n") && !line.dropLast().unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func aFileRecordingKeepsEveryEventAndReportsWriteErrors() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rec-\(UUID()).cast").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try AsciicastWriter.file(path, header: .init(width: 80, height: 24))
        writer.output("hello\r\n", at: 0.1)
        writer.marker("m", at: 0.2)
        try writer.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 3)
        let last = try #require(try json(String(text.split(separator: "\n").last ?? "")) as? [Any])
        #expect(last[0] as? Double == 0.2 && last[1] as? String == "m" && last[2] as? String == "m")
        do {
            _ = try AsciicastWriter.file("/nonexistent-dir/x.cast", header: .init(width: 80, height: 24))
            Issue.record("a recording opened in a directory that does not exist")
        } catch {
            #expect(error.description == "cannot write /nonexistent-dir/x.cast: No such file or directory")
        }

        struct Full: Error {}
        let failing = AsciicastWriter(
            header: .init(width: 80, height: 24), write: { line in if line.contains("boom") { throw Full() } })
        failing.output("ok", at: 0)
        failing.output("boom", at: 1)
        #expect(throws: Full.self) { try failing.close() }
    }
}
