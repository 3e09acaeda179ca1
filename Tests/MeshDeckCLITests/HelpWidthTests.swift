import Foundation
import MeshDeckCLI
import Testing

/// `meshdeck help COMMAND` and `--help` read at 80 columns: nothing runs past the edge, and
/// the examples fit whole, so they are not broken where ArgumentParser wraps prose.
@Suite struct HelpWidthTests {
    static let commands = [
        "", "dashboard", "get", "explain", "probe", "load", "matrix", "validate", "bundle", "walkthrough", "export",
        "completion", "serve",
    ]

    static func help(_ command: String, columns: Int) async throws -> String {
        let arguments = command.isEmpty ? ["--help"] : ["help", command]
        let (code, out, _) = try await Binary.run(arguments, environment: ["COLUMNS": "\(columns)"])
        #expect(code == 0)
        return out
    }

    @Test(arguments: commands)
    func everyLineFitsEightyColumns(command: String) async throws {
        for form in [try await Self.help(command, columns: 80)]
            + (command.isEmpty ? [] : [try await Binary.run([command, "--help"], environment: ["COLUMNS": "80"]).1])
        {
            let long = form.split(separator: "\n").filter { $0.count > 80 }
            #expect(long.isEmpty, "meshdeck \(command): \(long.joined(separator: "\n"))")
        }
    }

    @Test(arguments: commands)
    func examplesFitWithoutWrapping(command: String) async throws {
        // Unwrapped, each example line is as it was written.
        let text = try await Self.help(command, columns: 1000)
        var inExamples = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("Example") {
                inExamples = true
            } else if line.hasPrefix("USAGE") || line.isEmpty {
                inExamples = false
            }
            if inExamples || line.hasPrefix("  meshdeck ") {
                #expect(line.count <= 80, "meshdeck \(command): \(line)")
            }
        }
    }

    @Test func usageLinesFitToo() async throws {
        let text = try await Self.help("probe", columns: 80)
        #expect(
            text.contains(
                """
                USAGE: meshdeck probe --from NS/NAME --to HOST:PORT [--message TEXT]
                                      [--timeout S] [-o json|yaml] [--verbose] [options]
                """))
    }
}
