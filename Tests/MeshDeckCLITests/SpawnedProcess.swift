import Foundation

/// Runs a program with descriptor 0 set up as a user's shell would leave it (closed, open for
/// writing only, a file), which Foundation's Process cannot do, and returns its status as a
/// shell reports it (128+N for a signal). posix_spawn, every other descriptor closed in the
/// child, output through files (no pipe to fill), and a deadline after which it is killed.
///
/// For the reliability tests only; the suite's shared harness (CLIHarness) is separate.
enum SpawnedProcess {
    enum StandardInput {
        case closed
        case writeOnly
        case file(String)
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool
    }

    /// A started process, to signal or feed before waiting for it.
    struct Running {
        var pid: pid_t
        var outPath: String
        var errPath: String

        /// Waits for the end (killing it at the deadline), reads its output, removes the files.
        func finish(deadline: Duration = .seconds(30)) -> Result {
            defer {
                unlink(outPath)
                unlink(errPath)
            }
            let (status, timedOut) = SpawnedProcess.wait(pid, deadline: deadline)
            return Result(
                status: status,
                stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "", timedOut: timedOut)
        }
    }

    static func run(
        _ program: String, _ arguments: [String], stdin: StandardInput, environment: [String: String] = [:],
        deadline: Duration = .seconds(30)
    ) throws -> Result {
        try start(program, arguments, stdin: stdin, environment: environment).finish(deadline: deadline)
    }

    static func start(
        _ program: String, _ arguments: [String], stdin: StandardInput, environment: [String: String] = [:]
    ) throws -> Running {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-spawn-\(UUID())").path
        let outPath = base + ".out", errPath = base + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        switch stdin {
        case .closed: posix_spawn_file_actions_addclose(&actions, 0)
        case .writeOnly: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_WRONLY, 0)
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 0, path, O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        closeFrom3(&actions)
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, program, &actions, nil, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .ENOENT) }
        return Running(pid: pid, outPath: outPath, errPath: errPath)
    }

    /// The exit status as a shell shows it; a child still running at the deadline is killed.
    static func wait(_ pid: pid_t, deadline: Duration) -> (Int32, Bool) {
        let end = ContinuousClock.now + deadline
        var status: Int32 = 0
        var timedOut = false
        while waitpid(pid, &status, WNOHANG) == 0 {
            if ContinuousClock.now > end, !timedOut {
                timedOut = true
                kill(pid, SIGKILL)
            }
            usleep(10_000)
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
        let signal = status & 0x7F
        return (signal == 0 ? (status >> 8) & 0xFF : 128 + signal, timedOut)
    }

    /// glibc's posix_spawn_file_actions_addclosefrom_np (2.34+), which Swift does not see: the
    /// child must not inherit the test process's sockets and pipes.
    static func closeFrom3(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
    }
}
