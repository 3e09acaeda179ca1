import Foundation
import Testing

@testable import MeshDeckCLI

/// The README shows every command a user can type, with an example: a command added without
/// a line there fails this test, so the docs follow the code.
@Suite struct ReadmeCommandsTests {
    static let readme = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md")

    @Test func everyVisibleCommandHasAnExampleInTheReadme() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let commands = MeshDeckCommand.configuration.subcommands
            .filter { $0.configuration.shouldDisplay }
            .map { $0._commandName }
        #expect(commands.count >= 11, "\(commands)")
        for command in commands {
            #expect(text.contains("meshdeck \(command) "), "README has no example of 'meshdeck \(command)'")
        }
    }
}
