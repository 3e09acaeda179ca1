import Foundation
import Testing

/// Drives the real binary in a real terminal: tmux. What a presenter does, key by key.
@Suite(.serialized) struct TmuxDashboardTests {
    /// A tmux session running one command; every call names the session.
    final class Session {
        let name: String
        /// Each session gets its own tmux server (`-L`): when a test kills its session, the
        /// server exits with it, and a shared server would race the next test's `new-session`.
        let socket: String

        /// The session's tmux server, which `deinit` ends.
        private var serverPID: pid_t = 0

        init(_ command: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:]) async throws {
            name = "meshdeck-test-\(getpid())-\(Int.random(in: 0..<1_000_000))"
            socket = name
            let env = environment.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            // An interactive shell, as a person has: with job control, Ctrl-C reaches only the
            // program, and the prompt is there afterwards to check that the terminal is sane.
            try await tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "sh -i"], mustSucceed: true)
            serverPID = pid_t(try await tmux(["display", "-p", "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            // The markers are spelt with an empty quote in the typed line (`EX""IT=`) so that the
            // shell's echo of that line never matches what the tests wait for.
            let check = "stty -a | grep -q ' icanon' && stty -a | grep -q ' echo ' && echo T\"\"TY=sane || echo T\"\"TY=raw"
            try await keys("clear; env \(env) \(command); echo EX\"\"IT=$?; \(check)", "Enter")
        }

        /// A signal, not a tmux command: `deinit` cannot wait for a process. tmux ends its
        /// sessions (and hangs up their shells) on SIGTERM; with its own `-L` socket, the server
        /// is this session's alone.
        deinit {
            if serverPID > 0 { kill(serverPID, SIGTERM) }
        }

        /// A tmux command against this session's own server.
        @discardableResult
        func tmux(_ arguments: [String], mustSucceed: Bool = false) async throws -> String {
            try await Self.tmux(["-L", socket, "-f", "/dev/null"] + arguments, mustSucceed: mustSucceed)
        }

        /// Runs one tmux command and returns what it printed (stderr is dropped). Through Spawn,
        /// whose children inherit descriptors 0-2 only: the tmux server a client starts is a
        /// daemon that would otherwise keep copies of every socket open in the test process at
        /// that moment (NIO's are not close-on-exec), so engines in concurrently running tests
        /// closed connections and listeners that stayed open, and their tests timed out.
        @discardableResult
        static func tmux(_ arguments: [String], mustSucceed: Bool = false) async throws -> String {
            let result = try await Spawn.run("tmux", arguments)
            if mustSucceed && result.status != 0 {
                throw TmuxFailed(arguments: arguments, status: result.status)
            }
            return result.stdout
        }

        func keys(_ keys: String...) async throws { try await tmux(["send-keys", "-t", name] + keys, mustSucceed: true) }
        func screen() async throws -> String { try await tmux(["capture-pane", "-p", "-t", name]) }
        func resize(_ w: Int, _ h: Int) async throws {
            try await tmux(["resize-window", "-t", name, "-x", "\(w)", "-y", "\(h)"])
        }

        /// Waits until the screen shows `text`; returns the screen either way.
        @discardableResult
        func wait(for text: String, seconds: Double = 15) async throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            var last = ""
            while Date() < deadline {
                last = try await screen()
                if last.contains(text) { return last }
                try await Task.sleep(for: .milliseconds(50))
            }
            return last
        }
    }

    struct TmuxFailed: Error, CustomStringConvertible {
        let arguments: [String]
        let status: Int32
        var description: String { "tmux \(arguments.joined(separator: " ")) failed with status \(status)" }
    }

    static var binary: String { Binary.url.path }

    @Test func walkthroughKeysInARealTerminal() async throws {
        let s = try await Session(Self.binary)
        #expect(try await s.wait(for: "PERMISSIVE").contains("PERMISSIVE"))
        try await s.keys("Enter")
        #expect(try await s.wait(for: "echo response: hello").contains("ALLOWED"))
        try await s.keys("p")
        #expect(try await s.wait(for: " SMI ").contains(" SMI "))
        try await s.keys("Enter")
        #expect(try await s.wait(for: "DENIED").contains("DENIED"))
        try await s.keys("a")
        #expect(try await s.wait(for: "tcp-access created").contains("tcp-access created"))
        try await s.keys("Enter")
        #expect(try await s.wait(for: "2 allowed").contains("2 allowed"))
        try await s.keys("t")
        #expect(try await s.wait(for: "theme light").contains("theme light"))
        try await s.resize(40, 10)
        #expect(try await s.wait(for: "80x24").contains("80x24"))
        try await s.resize(120, 40)
        #expect(try await s.wait(for: "Probe log").contains("Probe log"))
        try await s.keys("q")
        let after = try await s.wait(for: "EXIT=")
        #expect(after.contains("EXIT=0"))
        #expect(try await s.wait(for: "TTY=").contains("TTY=sane"), "terminal not restored")
        #expect(!after.contains("Probe log"), "the alternate screen was not left:\n\(after)")
    }

    @Test func commandLineFilterAndLoadInARealTerminal() async throws {
        let s = try await Session(Self.binary, width: 80, height: 24)
        #expect(try await s.wait(for: "PERMISSIVE").contains("PERMISSIVE"))
        try await s.keys(":", "permissive off", "Enter")
        #expect(try await s.wait(for: " SMI ").contains(" SMI "))
        try await s.keys("Enter")
        #expect(try await s.wait(for: "DENIED").contains("DENIED"))
        try await s.keys(":", "sc", "Tab", "tcp", "Tab")
        #expect(
            try await s.wait(for: ":scale tcp-demo/tcp-echo").contains(":scale tcp-demo/tcp-echo"),
            "Tab completes from the cluster")
        try await s.keys("Escape", "/", "patched")
        #expect(try await s.wait(for: "Probe log /patched (1 of").contains("osm-mesh-config patched"))
        try await s.keys("Escape", ":", "theme /nonexistent.yaml", "Enter")
        #expect(try await s.wait(for: "theme unchanged").contains("no such theme or file"))
        try await s.keys("L")
        #expect(try await s.wait(for: "1000/1000 done", seconds: 60).contains("0 lost"))
        try await s.keys(":", "q", "Enter")
        #expect(try await s.wait(for: "EXIT=").contains("EXIT=0"))
        #expect(try await s.wait(for: "TTY=").contains("TTY=sane"), "terminal not restored")
    }

    @Test func recordWritesACastThatAsciinemaReplays() async throws {
        let cast = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-record-\(UUID()).cast").path
        defer { try? FileManager.default.removeItem(atPath: cast) }
        let s = try await Session(
            "\(Self.binary) --record \(cast) --lang zh", width: 100, height: 30, environment: ["LC_ALL": "C.UTF-8"])
        #expect(try await s.wait(for: "PERMISSIVE").contains("PERMISSIVE"))
        try await s.keys("Enter")
        #expect(try await s.wait(for: "ALLOWED").contains("ALLOWED"))
        try await s.keys("p")
        #expect(try await s.wait(for: " SMI ").contains(" SMI "))
        try await s.keys("w")
        #expect(try await s.wait(for: "开始导览？").contains("y: 重置并开始"), "w asks before it resets the cluster")
        try await s.keys("y")
        #expect(try await s.wait(for: "Guide 1/").contains("Guide 1/"))
        try await s.keys("n")
        #expect(try await s.wait(for: "Guide 2/").contains("namespace/tcp-demo created"))
        try await s.resize(90, 28)
        try await Task.sleep(for: .milliseconds(300))  // one frame at the new size, for the cast's resize event
        try await s.keys("q")
        #expect(try await s.wait(for: "EXIT=").contains("EXIT=0"))
        let text = (try? String(contentsOfFile: cast, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n")
        #expect(
            lines.first?.contains("\"version\": 2") == true || lines.first?.contains("\"version\":2") == true,
            "\(lines.first ?? "")")
        // The markers in the session's language, as its chapters.
        #expect(lines.contains { $0.contains("\"m\",\"宽松模式关闭\"") })
        #expect(lines.contains { $0.contains("\"m\",\"第 1 步：") && $0.contains("tcp-demo") })
        #expect(lines.contains { $0.contains("\"r\",\"90x28\"") })
        guard let asciinema = WalkthroughCastTests.asciinema() else {
            Issue.record("asciinema not found in .build-tools/venv/bin or on PATH: run scripts/install-test-tools.sh")
            return
        }
        let (code, out, err) = try await WalkthroughCastTests.run(asciinema, ["cat", cast])
        #expect(code == 0, "asciinema cat failed: \(err)")
        #expect(out.contains("ALLOWED") && out.contains("namespace/tcp-demo created"))
    }

    /// `--lang zh` at 80x24: the chrome is Chinese (in a UTF-8 locale) and the footer keeps `? 帮助`
    /// and `q 退出` whole.
    @Test func chineseChromeInARealTerminal() async throws {
        let s = try await Session("\(Self.binary) --lang zh", width: 80, height: 24, environment: ["LC_ALL": "C.UTF-8"])
        // Wait for what a frame draws last (the bottom rows), so the capture is not mid-frame.
        let screen = try await s.wait(for: "? 帮助  q 退出")
        #expect(screen.contains("命名空间") && screen.contains("探测日志（0）") && screen.contains("工作负载：tcp-demo"), "\(screen)")
        try await s.keys("Enter")
        #expect(try await s.wait(for: "探测日志（1）").contains("1 允许"))
        #expect(try await s.wait(for: "ALLOWED").contains("ALLOWED"), "verdicts stay as meshdeck probe prints them")
        try await s.keys("?")
        #expect(try await s.wait(for: "q, Ctrl-C  退出").contains("按键"))
        try await s.keys("Escape", "q")
        #expect(try await s.wait(for: "EXIT=").contains("EXIT=0"))
        #expect(try await s.wait(for: "TTY=").contains("TTY=sane"), "terminal not restored")
    }

    @Test func noColorStillShowsTheBadgeAndVerdicts() async throws {
        let s = try await Session("\(Self.binary) --theme high-contrast", environment: ["NO_COLOR": "1"])
        #expect(try await s.wait(for: "PERMISSIVE").contains("PERMISSIVE"))
        try await s.keys("Enter")
        #expect(try await s.wait(for: "ALLOWED").contains("ALLOWED"))
        try await s.keys("C-c")
        #expect(try await s.wait(for: "EXIT=").contains("EXIT=0"))
    }

    @Test func dumbTerminalIsRefusedWithThePlainCommands() async throws {
        let s = try await Session(Self.binary, environment: ["TERM": "dumb"])
        let screen = try await s.wait(for: "EXIT=")
        #expect(screen.contains("EXIT=2"))
        #expect(screen.contains("Use the plain commands instead"))
    }

    @Test(arguments: [SIGTERM, SIGHUP])
    func signalsRestoreTheTerminal(signal: Int32) async throws {
        let s = try await Session(Self.binary)
        #expect(try await s.wait(for: "PERMISSIVE").contains("PERMISSIVE"))
        // The pane's shell runs `env`, which runs the binary in its place: signal the shell's child.
        let shell = try await s.tmux(["display", "-p", "-t", s.name, "#{pane_pid}"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        for child in children.split(separator: " ").compactMap({ Int32($0) }) { kill(child, signal) }
        #expect(try await s.wait(for: "EXIT=").contains("EXIT=\(128 + signal)"))
        #expect(try await s.wait(for: "TTY=").contains("TTY=sane"), "terminal not restored")
    }
}
