import Foundation
import Testing

@testable import MeshModel

/// The fuzzer's committed seeds (Fuzz/Corpus/manifest-decoder), replayed through the normal
/// build with the property the fuzz target checks: decoding never traps, and no diagnostic
/// prints a raw control character. A crash the fuzzer finds is minimized into that folder,
/// so it is replayed here from then on. (The sanitizer build is scripts/fuzz.sh's.)
@Suite struct FuzzCorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Corpus/manifest-decoder")

    static var seeds: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()
    }

    @Test func theCorpusIsThere() {
        #expect(Self.seeds.count >= 10, "\(Self.corpus.path)")
    }

    @Test(arguments: seeds)
    func aSeedDecodesAndItsDiagnosticsAreSafeToPrint(seed: String) throws {
        let bytes = try Data(contentsOf: Self.corpus.appendingPathComponent(seed))
        guard let text = String(data: bytes, encoding: .utf8) else { return }
        // The limits the fuzz target uses, so its document-limit path is replayed too.
        let output = ManifestDecoder().decode(
            text, file: seed, limits: ManifestLimits(maxBytesPerFile: 1 << 20, maxDocuments: 64))
        for diagnostic in output.diagnostics {
            let shown = diagnostic.description
            #expect(
                !shown.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F },
                "\(shown.debugDescription)")
        }
        if output.errors.isEmpty {
            var cluster = Cluster.empty()
            _ = try? cluster.apply(output.resources)
        }
    }
}
