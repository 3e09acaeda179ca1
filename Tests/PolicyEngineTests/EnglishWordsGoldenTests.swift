import Foundation
import MeshDeckTestSupport
import MeshModel
import PolicyEngine
import Testing

/// The English of every reason, fact, fix and summary the samples meet, compared whole with
/// `Tests/Fixtures/explain-english.txt`: `explain`'s English, its JSON values and the short
/// reasons of probes and the matrix are what users and scripts read, so a changed word fails
/// here. `MESHDECK_RECORD_GOLDEN=1 swift test --filter WordsGolden` rewrites the file (and the
/// Chinese one; read the diff before committing it).
@Suite struct EnglishWordsGoldenTests {
    @Test func englishWordsAreUnchanged() throws {
        for difference in try ExplanationGolden.differences(
            ExplanationGolden.render(in: EnglishWords()), file: "explain-english.txt")
        {
            Issue.record("\(difference)")
        }
    }
}
