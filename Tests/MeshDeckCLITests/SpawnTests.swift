import Foundation
import Synchronization
import Testing

/// What the tests' process helper (Spawn, under Binary.run and the tmux helpers) promises the
/// tests built on it: no deadlock on a chatty child, and no descriptor leaked into one.
@Suite struct SpawnTests {
    /// `body`'s result, or nil when it has not finished within `seconds`: a helper that
    /// deadlocks fails the test instead of hanging the run (its task is left behind).
    static func finishing(
        within seconds: Double, _ body: @escaping @Sendable () async throws -> Spawn.Result
    ) async -> Spawn.Result? {
        let waiter = Mutex<CheckedContinuation<Spawn.Result?, Never>?>(nil)
        let finish: @Sendable (Spawn.Result?) -> Void = { result in waiter.withLock { $0.take()?.resume(returning: result) } }
        return await withCheckedContinuation { continuation in
            waiter.withLock { $0 = continuation }
            Task { finish(try? await body()) }
            Task {
                try? await Task.sleep(for: .seconds(seconds))
                finish(nil)
            }
        }
    }

    /// 2 MiB to stderr before a byte to stdout: a helper that reads stdout to its end before it
    /// reads stderr waits forever on a child blocked writing into a full stderr pipe (64 KiB).
    @Test func aChildThatFillsStderrBeforeWritingStdoutFinishes() async throws {
        let script = "head -c 2097152 /dev/zero | tr '\\000' e >&2; echo done"
        let result = try #require(
            await Self.finishing(within: 60) { try await Spawn.run("/bin/sh", ["-c", script]) }, "the helper deadlocked")
        #expect(result.status == 0)
        #expect(result.stdout == "done\n")
        #expect(result.stderr.utf8.count == 2_097_152 && result.stderr.allSatisfy { $0 == "e" })
    }

    /// A descriptor open in the test process, and not close-on-exec (as NIO's sockets are), is
    /// closed in the child: a daemon the child starts (tmux's server) cannot keep it open.
    @Test func aChildInheritsOnlyStandardInputOutputAndError() async throws {
        let fd = open("/dev/null", O_RDONLY)
        try #require(fd > 2)
        defer { close(fd) }
        #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC == 0)
        // `test` is a shell builtin: /proc/self is the shell the helper started.
        let probe = "for n in 0 1 2 \(fd); do test -e /proc/self/fd/$n && echo \"$n open\" || echo \"$n closed\"; done"
        let result = try await Spawn.run("/bin/sh", ["-c", probe])
        #expect(result.stdout == "0 open\n1 open\n2 open\n\(fd) closed\n")
    }

    @Test func exitCodesSignalsStdinAndEnvironmentReachTheCaller() async throws {
        #expect(try await Spawn.run("/bin/sh", ["-c", "exit 3"]).status == 3)
        #expect(try await Spawn.run("/bin/sh", ["-c", "kill -TERM $$"]).status == 128 + SIGTERM)
        let echoed = try await Spawn.run(
            "/bin/sh", ["-c", "cat; echo \"$MESHDECK_SPAWN_TEST\" >&2"], stdin: "in\n",
            environment: ["MESHDECK_SPAWN_TEST": "env"])
        #expect(echoed.stdout == "in\n" && echoed.stderr == "env\n")
        let both = try await Spawn.run("/bin/sh", ["-c", "echo one; echo two >&2"], stderrIntoStdout: true)
        #expect(both.stdout == "one\ntwo\n")
    }
}
