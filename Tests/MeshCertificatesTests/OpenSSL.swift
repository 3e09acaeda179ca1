import Foundation
import Subprocess

/// The real openssl binary, reading what MeshDeck wrote: the certificates must mean to openssl
/// what they mean to MeshDeck. Files go in a directory of the test's own, removed after.
struct OpenSSL {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-certs-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// Writes `text` to a file named `name` and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let path = "\(directory)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// openssl's exit status and its stdout and stderr together.
    func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let r = try await Subprocess.run(
            .name("openssl"), arguments: Arguments(arguments), input: .none, output: .string(limit: 1 << 20),
            error: .combinedWithOutput)
        let status: Int32
        if case .exited(let code) = r.terminationStatus { status = Int32(code) } else { status = -1 }
        return (status, r.standardOutput ?? "")
    }
}
