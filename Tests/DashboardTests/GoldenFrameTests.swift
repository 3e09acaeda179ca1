import Foundation
import MeshModel
import Testing

@testable import Dashboard
@testable import Presentation

/// Whole screens, compared whole (ratatui's TestBackend style): the walkthrough's stages (start,
/// then after each of Enter p Enter a Enter), the explain popup, the help, the service map, the presentation layout and the guide, at 80x24, 100x30,
/// 120x40 and 200x60, in English and Chinese. The clock is fixed (a second per key, UTC) and the
/// probes are answered by the in-memory data plane, so a frame is the same on every machine.
///
/// The frames are text files in Tests/DashboardTests/Golden/. After a change to what the
/// dashboard shows, look at the failure's diff, then regenerate them all with
///
///     MESHDECK_UPDATE_GOLDEN=1 swift test --filter Golden
///
/// and read `git diff Tests/DashboardTests/Golden` before committing it.
@Suite struct GoldenFrameTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let updating = ProcessInfo.processInfo.environment["MESHDECK_UPDATE_GOLDEN"] == "1"

    struct Size: CustomTestStringConvertible, Sendable {
        var width: Int
        var height: Int
        var testDescription: String { "\(width)x\(height)" }
    }
    static let sizes = [
        Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 120, height: 40), Size(width: 200, height: 60),
    ]

    /// Each stage: a name and the keys that lead to it from the start.
    static let stages: [(name: String, keys: String)] = [
        ("1-start", ""), ("2-enter", "E"), ("3-p", "Ep"), ("4-enter", "EpE"), ("5-a", "EpEa"), ("6-enter", "EpEaE"),
        ("explain", "EpEe"), ("help", "EpEaE?"), ("map", "EpEpEm"), ("present", "EpEz"),
        ("guide", "wy" + String(repeating: "n", count: 11)),
    ]

    static func frame(_ language: WalkthroughLanguage, _ size: Size, _ keys: String) async throws -> String {
        var d = try ScreenDriver(width: size.width, height: size.height, language: language)
        try await d.keys(keys)
        return d.text + "\n"
    }

    @Test(arguments: [WalkthroughLanguage.en, .zh], sizes)
    func walkthroughFrames(language: WalkthroughLanguage, size: Size) async throws {
        var failures: [String] = []
        for stage in Self.stages {
            let name = "\(language.rawValue)-\(size.width)x\(size.height)-\(stage.name).txt"
            let file = Self.directory.appendingPathComponent(name)
            let actual = try await Self.frame(language, size, stage.keys)
            if Self.updating {
                try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
                try actual.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
                failures.append("\(name): missing (MESHDECK_UPDATE_GOLDEN=1 swift test --filter Golden writes it)")
                continue
            }
            if actual != expected { failures.append(Self.diff(name, expected, actual)) }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
    }

    /// Frames other suites compare whole (PaneScrollFilterTests: 80x24 with 10,000 pods).
    static let otherFrames = ["en-80x24-10000-pods.txt", "zh-80x24-10000-pods.txt"]

    /// `actual` against the golden frame `name` (written instead while updating).
    static func compare(_ actual: String, _ name: String) throws {
        let file = directory.appendingPathComponent(name)
        if updating {
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try? String(contentsOf: file, encoding: .utf8)
        #expect(expected != nil, "\(name): missing (MESHDECK_UPDATE_GOLDEN=1 swift test --filter Golden writes it)")
        if let expected, expected != actual { Issue.record("\(diff(name, expected, actual))") }
    }

    /// The rows that differ, expected above actual.
    static func diff(_ name: String, _ expected: String, _ actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out = ["\(name) differs (MESHDECK_UPDATE_GOLDEN=1 swift test --filter Golden rewrites it):"]
        for i in 0..<max(e.count, a.count) {
            let ex = i < e.count ? String(e[i]) : "<none>"
            let ac = i < a.count ? String(a[i]) : "<none>"
            if ex != ac { out += ["row \(i + 1):", "- \(ex)", "+ \(ac)"] }
        }
        return out.joined(separator: "\n")
    }

    /// Every golden frame is one a test makes: none left over from a stage or size since removed.
    @Test func noStrayGoldenFiles() throws {
        guard !Self.updating else { return }
        let names = Set(
            [WalkthroughLanguage.en, .zh].flatMap { language in
                Self.sizes.flatMap { size in
                    Self.stages.map { "\(language.rawValue)-\(size.width)x\(size.height)-\($0.name).txt" }
                }
            }
        ).union(Self.otherFrames)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".txt") }
        #expect(Set(files) == names, "stray: \(Set(files).subtracting(names)), missing: \(names.subtracting(files))")
    }
}
