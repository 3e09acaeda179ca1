import Foundation
import Subprocess
import Testing

/// The code stays as `swift format` (shipped with the toolchain) leaves it under the repository's
/// `.swift-format`, so a diff shows only what changed. Fix a failure with:
/// `swift format format -i -r -p Sources Tests Package.swift`.
@Suite struct FormattingTests {
    @Test func everySwiftFileIsFormatted() async throws {
        let result = try await run(
            .name("swift"),
            arguments: ["format", "lint", "--strict", "-r", "-p", "Sources", "Tests", "Package.swift"],
            workingDirectory: .init(Repository.root.path),
            output: .string(limit: 1 << 20),
            error: .string(limit: 1 << 20))
        let report = result.standardOutput + result.standardError
        #expect(result.terminationStatus.isSuccess, "swift format lint found unformatted code:\n\(report)")
    }
}
