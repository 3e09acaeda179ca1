import Foundation
import MeshDeckCLI

/// Runs `meshdeck` in-process with a console that records what it prints.
final class CLIRun: @unchecked Sendable {
    private let lock = NSLock()
    private var outLines: [String] = []
    private var errLines: [String] = []
    private(set) var code: Int32 = -1

    var stdout: String { lock.withLock { outLines.joined(separator: "\n") } }
    var stderr: String { lock.withLock { errLines.joined(separator: "\n") } }

    @discardableResult
    init(_ arguments: [String], stdin: String? = nil, unicode: Bool = false) async {
        let console = Console(
            out: { [unowned self] line in lock.withLock { outLines.append(line) } },
            err: { [unowned self] line in lock.withLock { errLines.append(line) } },
            readStandardInput: { stdin.map { Data($0.utf8) } },
            unicode: unicode)
        code = await MeshDeckCommand.run(arguments, console: console)
    }
}

/// The built `meshdeck` binary, next to the test bundle.
enum Binary {
    static var url: URL {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var dir = here
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("meshdeck")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return here.appendingPathComponent("meshdeck")
    }

    /// Runs the real binary: exit code, stdout, stderr (read concurrently, through Spawn).
    static func run(
        _ arguments: [String], stdin: String = "", environment: [String: String] = [:]
    ) async throws -> (Int32, String, String) {
        try await Spawn.run(url.path, arguments, stdin: stdin, environment: environment).tuple
    }
}
