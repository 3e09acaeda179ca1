import Foundation
import Testing

/// What a user sees when meshdeck cannot read its input: one error naming what and why, exit 2,
/// never a trap (a closed standard input used to end in FileHandle's `try!`, exit 132).
@Suite struct InputFailureCLITests {
    static var binary: String { Binary.url.path }

    func validate(
        stdin: SpawnedProcess.StandardInput, _ extra: [String] = [], environment: [String: String] = [:]
    )
        throws -> SpawnedProcess.Result
    {
        try SpawnedProcess.run(Self.binary, ["validate", "--empty"] + extra, stdin: stdin, environment: environment)
    }

    /// `meshdeck validate -f - <&-`: descriptor 0 is closed, then taken by the process's own
    /// epoll or eventfd, which must not be read either.
    @Test func aClosedStandardInputIsAnError() throws {
        let run = try validate(stdin: .closed, ["-f", "-"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("<stdin>: error: could not read standard input: it "), "\(run.stderr)")
        #expect(run.stderr.contains("closed"))
        #expect(run.stderr.contains("error: 1 problem found; nothing was applied"))
        #expect(!run.stderr.contains("Fatal error"))
    }

    /// `meshdeck validate -f - 0>/dev/null`.
    @Test func aWriteOnlyStandardInputIsAnError() throws {
        let run = try validate(stdin: .writeOnly, ["-f", "-"])
        #expect(run.status == 2)
        #expect(
            run.stderr.hasPrefix("<stdin>: error: could not read standard input: it is open for writing only\n"), "\(run.stderr)")
    }

    /// `meshdeck validate -f - < some-directory`.
    @Test func aDirectoryOnStandardInputIsAnError() throws {
        let run = try validate(stdin: .file(FileManager.default.temporaryDirectory.path), ["-f", "-"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("<stdin>: error: could not read standard input: it is a directory\n"), "\(run.stderr)")
    }

    /// Standard input is held to the byte limit, named with the variable that raises it.
    @Test func standardInputOverTheLimitNamesTheVariable() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-stdin-\(UUID()).yaml").path
        try "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { unlink(file) }
        let run = try validate(stdin: .file(file), ["-f", "-"], environment: ["MESHDECK_MAX_MANIFEST_BYTES": "10"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("<stdin>: error: is 51 bytes, larger than the 10 bytes limit"), "\(run.stderr)")
        #expect(run.stderr.contains("MESHDECK_MAX_MANIFEST_BYTES=SIZE"))
        let fine = try validate(stdin: .file(file), ["-f", "-"])
        #expect(fine.status == 0 && fine.stdout.contains("namespace/a created"), "\(fine.stderr)")
    }

    @Test func aLimitVariableThatIsNotALimitStopsBeforeReading() throws {
        let run = try validate(stdin: .closed, ["-f", "-"], environment: ["MESHDECK_MAX_MANIFEST_DOCUMENTS": "lots"])
        #expect(run.status == 2)
        #expect(
            run.stderr == """
                error: MESHDECK_MAX_MANIFEST_DOCUMENTS='lots' is not a whole number such as 200000
                error: 1 problem found; nothing was applied

                """)
    }

    /// Opening a FIFO blocks until a writer comes; a signal whose handler returns meanwhile
    /// (here SIGQUIT: the Swift runtime writes a backtrace and returns) made open(2) fail with
    /// EINTR, and that was reported as "cannot be read: interrupted system call".
    @Test func aSignalWhileWaitingForAPipeIsNotAnError() async throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-fifo-\(UUID()).yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let running = try SpawnedProcess.start(
            Self.binary, ["validate", "--empty", "-f", fifo], stdin: .closed,
            environment: ["SWIFT_BACKTRACE": "interactive=no,output-to=stderr"])
        try await Task.sleep(for: .milliseconds(500))  // meshdeck is waiting in open(2) by now
        kill(running.pid, SIGQUIT)
        try await Task.sleep(for: .milliseconds(1_500))  // the runtime's report, then back to open
        // Non-blocking: with no reader left (meshdeck gave up) this fails instead of waiting.
        let writer = open(fifo, O_WRONLY | O_NONBLOCK)
        #expect(writer >= 0, "meshdeck no longer waits for the pipe")
        if writer >= 0 {
            let text = Array("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n".utf8)
            _ = write(writer, text, text.count)
            close(writer)
        }
        let run = running.finish(deadline: .seconds(10))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("namespace/a created"))
    }

    /// A directory meshdeck may not list used to be "no manifests in this directory". The tests
    /// run as root here, whom permissions do not stop, so root runs meshdeck without the
    /// capabilities that override them (setpriv, util-linux).
    @Test func anUnlistableDirectorySaysPermissionDenied() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-locked-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        try "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n".write(
            toFile: dir + "/a.yaml", atomically: true, encoding: .utf8)
        chmod(dir, 0o000)
        defer {
            chmod(dir, 0o700)
            try? FileManager.default.removeItem(atPath: dir)
        }
        let arguments = ["validate", "--empty", "-f", dir]
        let run =
            getuid() == 0
            ? try SpawnedProcess.run(
                "setpriv", ["--bounding-set=-dac_override,-dac_read_search", Self.binary] + arguments, stdin: .closed)
            : try SpawnedProcess.run(Self.binary, arguments, stdin: .closed)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("\(dir): error: cannot list this directory: permission denied\n"), "\(run.stderr)")
    }
}
