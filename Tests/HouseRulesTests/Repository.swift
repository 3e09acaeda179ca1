import Foundation

/// The checkout these tests read: found from this file's own path, so the rules are checked on
/// the sources that were built, wherever the clone is.
enum Repository {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // HouseRulesTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func read(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    /// Every `.swift` file below `relative`, as paths relative to the root, sorted.
    static func swiftFiles(under relative: String) -> [String] {
        let base = url(relative)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var files: [String] = []
        for case let file as URL in walker where file.pathExtension == "swift" {
            files.append(relative + "/" + file.path.dropFirst(base.path.count + 1))
        }
        return files.sorted()
    }
}
