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

        init(_ command: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
            name = "meshdeck-test-\(getpid())-\(Int.random(in: 0..<1_000_000))"
            socket = name
            let env = environment.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            // An interactive shell, as a person has: with job control, Ctrl-C reaches only the
            // program, and the prompt is there afterwards to check that the terminal is sane.
            try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "sh -i"], mustSucceed: true)
            // The markers are spelt with an empty quote in the typed line (`EX""IT=`) so that the
            // shell's echo of that line never matches what the tests wait for.
            let check = "stty -a | grep -q ' icanon' && stty -a | grep -q ' echo ' && echo T\"\"TY=sane || echo T\"\"TY=raw"
            try keys("clear; env \(env) \(command); echo EX\"\"IT=$?; \(check)", "Enter")
        }

        /// `kill-server` answers 0 here (tmux 3.3a) yet leaves the server running; killing the
        /// only session makes the server exit.
        deinit {
            _ = try? tmux(["kill-session", "-t", name])
            _ = try? tmux(["kill-server"])
        }

        /// A tmux command against this session's own server.
        @discardableResult
        func tmux(_ arguments: [String], mustSucceed: Bool = false) throws -> String {
            try Self.tmux(["-L", socket, "-f", "/dev/null"] + arguments, mustSucceed: mustSucceed)
        }

        /// Runs one tmux command and returns what it printed. Spawned with posix_spawn and
        /// waitpid, not Foundation's Process: Process notices a child's exit through a descriptor
        /// that the tmux server, once daemonised, inherits and keeps, so it would wait forever.
        @discardableResult
        static func tmux(_ arguments: [String], mustSucceed: Bool = false) throws -> String {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID())").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            // Nothing else: NIO's sockets are not close-on-exec, and the tmux server this client
            // starts is a daemon that would keep copies of every socket open in the test process
            // at that moment. Engines in concurrently running tests then closed connections and
            // listeners that stayed open (no EOF reached the peer; a stopped app still took
            // connections), and their tests timed out.
            closeInheritedDescriptors(&actions)
            let argv = (["tmux"] + arguments).map { strdup($0) } + [nil]
            defer { for arg in argv { free(arg) } }
            var pid: pid_t = 0
            let rc = posix_spawnp(&pid, "tmux", &actions, nil, argv, environ)
            guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .ENOENT) }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            if mustSucceed && status != 0 {
                throw TmuxFailed(arguments: arguments, status: status)
            }
            return (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        }

        /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+; Swift does not see its
        /// declaration): the child closes every descriptor from 3 up before it runs tmux.
        static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
            typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
            guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        }

        func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys, mustSucceed: true) }
        func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }
        func resize(_ w: Int, _ h: Int) throws { try tmux(["resize-window", "-t", name, "-x", "\(w)", "-y", "\(h)"]) }

        /// Waits until the screen shows `text`; returns the screen either way.
        @discardableResult
        func wait(for text: String, seconds: Double = 15) throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            var last = ""
            while Date() < deadline {
                last = try screen()
                if last.contains(text) { return last }
                Thread.sleep(forTimeInterval: 0.05)
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

    @Test func walkthroughKeysInARealTerminal() throws {
        let s = try Session(Self.binary)
        #expect(try s.wait(for: "PERMISSIVE").contains("PERMISSIVE"))
        try s.keys("Enter")
        #expect(try s.wait(for: "echo response: hello").contains("ALLOWED"))
        try s.keys("p")
        #expect(try s.wait(for: " SMI ").contains(" SMI "))
        try s.keys("Enter")
        #expect(try s.wait(for: "DENIED").contains("DENIED"))
        try s.keys("a")
        #expect(try s.wait(for: "tcp-access created").contains("tcp-access created"))
        try s.keys("Enter")
        #expect(try s.wait(for: "2 allowed").contains("2 allowed"))
        try s.keys("t")
        #expect(try s.wait(for: "theme light").contains("theme light"))
        try s.resize(40, 10)
        #expect(try s.wait(for: "80x24").contains("80x24"))
        try s.resize(120, 40)
        #expect(try s.wait(for: "Probe log").contains("Probe log"))
        try s.keys("q")
        let after = try s.wait(for: "EXIT=")
        #expect(after.contains("EXIT=0"))
        #expect(try s.wait(for: "TTY=").contains("TTY=sane"), "terminal not restored")
        #expect(!after.contains("Probe log"), "the alternate screen was not left:\n\(after)")
    }

    @Test func commandLineFilterAndLoadInARealTerminal() throws {
        let s = try Session(Self.binary, width: 80, height: 24)
        #expect(try s.wait(for: "PERMISSIVE").contains("PERMISSIVE"))
        try s.keys(":", "permissive off", "Enter")
        #expect(try s.wait(for: " SMI ").contains(" SMI "))
        try s.keys("Enter")
        #expect(try s.wait(for: "DENIED").contains("DENIED"))
        try s.keys(":", "sc", "Tab", "tcp", "Tab")
        #expect(
            try s.wait(for: ":scale tcp-demo/tcp-echo").contains(":scale tcp-demo/tcp-echo"), "Tab completes from the cluster")
        try s.keys("Escape", "/", "patched")
        #expect(try s.wait(for: "Probe log /patched (1 of").contains("osm-mesh-config patched"))
        try s.keys("Escape", ":", "theme /nonexistent.yaml", "Enter")
        #expect(try s.wait(for: "theme unchanged").contains("no such theme or file"))
        try s.keys("L")
        #expect(try s.wait(for: "1000/1000 done", seconds: 60).contains("0 lost"))
        try s.keys(":", "q", "Enter")
        #expect(try s.wait(for: "EXIT=").contains("EXIT=0"))
        #expect(try s.wait(for: "TTY=").contains("TTY=sane"), "terminal not restored")
    }

    @Test func recordWritesACastThatAsciinemaReplays() throws {
        let cast = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-record-\(UUID()).cast").path
        defer { try? FileManager.default.removeItem(atPath: cast) }
        let s = try Session("\(Self.binary) --record \(cast) --lang zh", width: 100, height: 30)
        #expect(try s.wait(for: "PERMISSIVE").contains("PERMISSIVE"))
        try s.keys("Enter")
        #expect(try s.wait(for: "ALLOWED").contains("ALLOWED"))
        try s.keys("p")
        #expect(try s.wait(for: " SMI ").contains(" SMI "))
        try s.keys("w")
        #expect(try s.wait(for: "Guide 1/").contains("Guide 1/"))
        try s.keys("n")
        #expect(try s.wait(for: "Guide 2/").contains("namespace/tcp-demo created"))
        try s.resize(90, 28)
        Thread.sleep(forTimeInterval: 0.3)  // one frame at the new size, for the cast's resize event
        try s.keys("q")
        #expect(try s.wait(for: "EXIT=").contains("EXIT=0"))
        let text = (try? String(contentsOfFile: cast, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n")
        #expect(
            lines.first?.contains("\"version\": 2") == true || lines.first?.contains("\"version\":2") == true,
            "\(lines.first ?? "")")
        #expect(lines.contains { $0.contains("\"m\", \"permissive mode off\"") })
        #expect(lines.contains { $0.contains("\"m\", \"step 1: ") && $0.contains("tcp-demo") })
        #expect(lines.contains { $0.contains("\"r\", \"90x28\"") })
        guard let asciinema = WalkthroughCastTests.asciinema() else {
            Issue.record("asciinema not found in .build-tools/venv/bin or on PATH: run scripts/install-test-tools.sh")
            return
        }
        let (code, out, err) = try WalkthroughCastTests.run(asciinema, ["cat", cast])
        #expect(code == 0, "asciinema cat failed: \(err)")
        #expect(out.contains("ALLOWED") && out.contains("namespace/tcp-demo created"))
    }

    /// `--lang zh` at 80x24: the chrome is Chinese (in a UTF-8 locale) and the footer keeps `? 帮助`
    /// and `q 退出` whole.
    @Test func chineseChromeInARealTerminal() throws {
        let s = try Session("\(Self.binary) --lang zh", width: 80, height: 24, environment: ["LC_ALL": "C.UTF-8"])
        // Wait for what a frame draws last (the bottom rows), so the capture is not mid-frame.
        let screen = try s.wait(for: "? 帮助  q 退出")
        #expect(screen.contains("命名空间") && screen.contains("探测日志（0）") && screen.contains("工作负载：tcp-demo"), "\(screen)")
        try s.keys("Enter")
        #expect(try s.wait(for: "探测日志（1）").contains("1 允许"))
        #expect(try s.wait(for: "ALLOWED").contains("ALLOWED"), "verdicts stay as meshdeck probe prints them")
        try s.keys("?")
        #expect(try s.wait(for: "q, Ctrl-C  退出").contains("按键"))
        try s.keys("Escape", "q")
        #expect(try s.wait(for: "EXIT=").contains("EXIT=0"))
        #expect(try s.wait(for: "TTY=").contains("TTY=sane"), "terminal not restored")
    }

    @Test func noColorStillShowsTheBadgeAndVerdicts() throws {
        let s = try Session("\(Self.binary) --theme high-contrast", environment: ["NO_COLOR": "1"])
        #expect(try s.wait(for: "PERMISSIVE").contains("PERMISSIVE"))
        try s.keys("Enter")
        #expect(try s.wait(for: "ALLOWED").contains("ALLOWED"))
        try s.keys("C-c")
        #expect(try s.wait(for: "EXIT=").contains("EXIT=0"))
    }

    @Test func dumbTerminalIsRefusedWithThePlainCommands() throws {
        let s = try Session(Self.binary, environment: ["TERM": "dumb"])
        let screen = try s.wait(for: "EXIT=")
        #expect(screen.contains("EXIT=2"))
        #expect(screen.contains("Use the plain commands instead"))
    }

    @Test(arguments: [SIGTERM, SIGHUP])
    func signalsRestoreTheTerminal(signal: Int32) throws {
        let s = try Session(Self.binary)
        #expect(try s.wait(for: "PERMISSIVE").contains("PERMISSIVE"))
        // The pane's shell runs `env`, which runs the binary in its place: signal the shell's child.
        let shell = try s.tmux(["display", "-p", "-t", s.name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        for child in children.split(separator: " ").compactMap({ Int32($0) }) { kill(child, signal) }
        #expect(try s.wait(for: "EXIT=").contains("EXIT=\(128 + signal)"))
        #expect(try s.wait(for: "TTY=").contains("TTY=sane"), "terminal not restored")
    }
}
