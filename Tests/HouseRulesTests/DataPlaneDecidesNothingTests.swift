import Foundation
import Testing

/// The data plane asks the policy; it never decides (DESIGN.md, "Rules of the house"). Every
/// verdict a sidecar or a probe acts on comes from PolicyEngine's two entry points
/// (`PolicyIndex.route`, `PolicyIndex.admit`), so no file of ConnectionEngine builds one.
@Suite struct DataPlaneDecidesNothingTests {
    /// `file:line: text` for every line of code (comments left out) that builds a Verdict.
    static func constructions(under folder: String) throws -> [String] {
        // `Verdict(`, `Verdict.init(`, or a bare `.init(allowed:` (a Verdict by inference).
        let construction = #/\bVerdict\s*(\.init)?\s*\(|\.init\(\s*allowed\s*:/#
        var found: [String] = []
        for file in Repository.swiftFiles(under: folder) {
            for (number, line) in try Repository.read(file).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            {
                let code = line.firstRange(of: "//").map { line[..<$0.lowerBound] } ?? line[...]
                if code.contains(construction) {
                    found.append("\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        return found
    }

    @Test func connectionEngineConstructsNoVerdict() throws {
        let files = Repository.swiftFiles(under: "Sources/ConnectionEngine")
        #expect(files.count > 10, "found no sources to read under Sources/ConnectionEngine")
        let found = try Self.constructions(under: "Sources/ConnectionEngine")
        #expect(
            found.isEmpty,
            """
            the data plane builds verdicts itself; ask PolicyIndex.route (client side) or PolicyIndex.admit (server side):
            \(found.joined(separator: "\n"))
            """)
    }

    /// The pattern finds what it is meant to: PolicyEngine, which does build verdicts.
    @Test func thePatternFindsTheVerdictsPolicyEngineBuilds() throws {
        #expect(try Self.constructions(under: "Sources/PolicyEngine").count > 5)
    }
}
