import Foundation

/// A home directory of its own for a test, removed afterwards: what the config and theme
/// lookups read comes from here, never from the real home. `write` puts a file under it.
final class TemporaryHome {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-home-\(UUID().uuidString)").path
    var environment: [String: String] { ["HOME": path] }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
