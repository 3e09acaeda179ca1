import Foundation
import Subprocess

/// Every process these tests start goes through here, on swift-subprocess (1.0.2), for two
/// things Foundation's Process did not give them:
///
/// - The child gets descriptors 0-2 and nothing else. On Linux, swift-subprocess's posix_spawn
///   path appends glibc's `posix_spawn_file_actions_addclosefrom_np(3)` as its last file action
///   (Sources/Subprocess/Platforms/Subprocess+Spawn.swift, "4. Close everything else"), and its
///   fork/exec fallback calls `close_range(3, ~0U, CLOSE_RANGE_CLOEXEC)` before `execve`
///   (Sources/_SubprocessCShims/process_shims.c); with neither it refuses to spawn. NIO's sockets
///   are not close-on-exec: a daemonised tmux server that inherited them kept other tests'
///   connections and listeners open, and their peers never saw EOF.
/// - stdout and stderr are read concurrently, so a child that fills one pipe while the test
///   reads the other does not deadlock.
///
/// It is async, and so are its callers: every run of swift-subprocess starts an unstructured
/// `Task` on the cooperative pool (its cleanup handler), so a synchronous wrapper that blocks a
/// pool thread until the run ends deadlocks once the pool's threads (two on two cores) are all
/// blocked in such wrappers. Tried, and seen hanging with three tests in parallel.
enum Spawn {
    struct Result: Sendable {
        /// The exit code, or 128 + the signal for a child killed by one (as a shell reports it).
        var status: Int32
        var stdout: String
        var stderr: String

        /// (status, stdout, stderr), as the older helpers return it.
        var tuple: (Int32, String, String) { (status, stdout, stderr) }
    }

    /// Output beyond this fails the run rather than filling the test's memory.
    static let outputLimit = 64 << 20

    /// Runs `executable` (a path, or a name looked up in PATH) to its end. `environment` is
    /// added to this process's. `stderrIntoStdout`: both streams in one, in the order written
    /// (for tools whose message may go to either).
    static func run(
        _ executable: String, _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
        stderrIntoStdout: Bool = false, directory: String? = nil
    ) async throws -> Result {
        let exe: Executable = executable.contains("/") ? .path(.init(executable)) : .name(executable)
        var updates: [Environment.Key: String?] = [:]
        for (key, value) in environment { if let key = Environment.Key(rawValue: key) { updates[key] = value } }
        let env = Environment.inherit.updating(updates)
        let args = Arguments(arguments)
        if stderrIntoStdout {
            let r = try await Subprocess.run(
                exe, arguments: args, environment: env, workingDirectory: directory.map { .init($0) }, input: .string(stdin),
                output: .string(limit: outputLimit),
                error: .combinedWithOutput)
            return Result(status: code(r.terminationStatus), stdout: r.standardOutput, stderr: "")
        }
        let r = try await Subprocess.run(
            exe, arguments: args, environment: env, workingDirectory: directory.map { .init($0) }, input: .string(stdin),
            output: .string(limit: outputLimit),
            error: .string(limit: outputLimit))
        return Result(status: code(r.terminationStatus), stdout: r.standardOutput, stderr: r.standardError)
    }

    static func code(_ status: TerminationStatus) -> Int32 {
        switch status {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
    }
}
