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
        // Standard input comes from a file, never a pipe swift-subprocess writes to: a child that
        // exits without reading it (a usage error, a closed-pipe test) made that write fail, and
        // 1.0.2's StandardInputWriter then traps in its deinit ("FileDescriptor … was not closed"),
        // taking the whole test process down (seen once in a full run).
        if stdin.isEmpty {
            return try await run(exe, arguments, env, directory, input: .none, stderrIntoStdout: stderrIntoStdout)
        }
        let fd = try inputFile(stdin)
        return try await run(
            exe, arguments, env, directory, input: .fileDescriptor(.init(rawValue: fd), closeAfterSpawningProcess: true),
            stderrIntoStdout: stderrIntoStdout)
    }

    private static func run<Input: InputProtocol>(
        _ exe: Executable, _ arguments: [String], _ env: Environment, _ directory: String?, input: Input,
        stderrIntoStdout: Bool
    ) async throws -> Result {
        let args = Arguments(arguments)
        if stderrIntoStdout {
            let r = try await Subprocess.run(
                exe, arguments: args, environment: env, workingDirectory: directory.map { .init($0) }, input: input,
                output: .string(limit: outputLimit), error: .combinedWithOutput)
            return Result(status: code(r.terminationStatus), stdout: r.standardOutput, stderr: "")
        }
        let r = try await Subprocess.run(
            exe, arguments: args, environment: env, workingDirectory: directory.map { .init($0) }, input: input,
            output: .string(limit: outputLimit), error: .string(limit: outputLimit))
        return Result(status: code(r.terminationStatus), stdout: r.standardOutput, stderr: r.standardError)
    }

    /// `text` in a file already unlinked, open for reading: a descriptor nothing else can see.
    private static func inputFile(_ text: String) throws -> Int32 {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-stdin-\(UUID())").path
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw POSIXError(.EIO)
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        unlink(path)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return fd
    }

    static func code(_ status: TerminationStatus) -> Int32 {
        switch status {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
    }
}
