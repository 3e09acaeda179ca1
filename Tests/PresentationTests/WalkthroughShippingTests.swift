import Foundation
import MeshDeckTestSupport
import Testing

@testable import Presentation

/// The walkthrough files are compiled in (scripts/compile-shipped-yaml.sh): the copies must be
/// the files people edit, or the binary would guide through a walkthrough nobody can read.
@Suite struct WalkthroughShippingTests {
    @Test func theCompiledWalkthroughsAreTheFilesInTheRepository() throws {
        let root = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
        let dir = root.appendingPathComponent("Sources/Presentation/Resources/walkthrough")
        #expect(BuiltinWalkthroughs.all.map(\.language) == WalkthroughLanguage.allCases.map(\.rawValue))
        for compiled in BuiltinWalkthroughs.all {
            let file = try String(contentsOf: dir.appendingPathComponent("\(compiled.language).yaml"), encoding: .utf8)
            #expect(
                file == compiled.yaml + "\n",
                "walkthrough/\(compiled.language).yaml and its compiled copy differ: run scripts/compile-shipped-yaml.sh")
        }
    }
}
