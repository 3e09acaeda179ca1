import Foundation
import Testing

@testable import ConnectionEngine

/// The committed seeds of the two data-plane fuzz targets (Fuzz/Corpus/tunnel-frame and
/// Fuzz/Corpus/sidecar-header), replayed through the normal build by the entry points the
/// libFuzzer targets call (scripts/fuzz.sh runs them under the sanitizers). A crash the fuzzer
/// finds is minimized into the folder, so it is replayed here from then on.
@Suite struct ParserCorpusReplayTests {
    static let fuzz = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Corpus")

    static func seeds(_ target: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fuzz.appendingPathComponent(target).path)) ?? [])
            .sorted().map { "\(target)/\($0)" }
    }

    static func bytes(_ seed: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fuzz.appendingPathComponent(seed)))
    }

    @Test func theCorporaAreThere() {
        #expect(Self.seeds("tunnel-frame").count >= 10)
        #expect(Self.seeds("sidecar-header").count >= 8)
    }

    @Test(arguments: seeds("tunnel-frame") + seeds("sidecar-header"))
    func aSeedReplaysWithoutTrapping(seed: String) throws {
        let input = try Self.bytes(seed)
        if seed.hasPrefix("tunnel-frame/") { TunnelFrameParser.fuzz(input) } else { HeaderAccumulator.fuzz(input) }
    }

    /// What the seeds that break the protocol stand for: the tunnel stops at the frame that
    /// breaks it (the OPEN before it counts), as TunnelHandler closes the tunnel there.
    @Test(arguments: [
        ("window-0xffffffff-flood.bin", 2), ("window-zero.bin", 2), ("fin-with-payload.bin", 1),
        ("oversize-length.bin", 0), ("unknown-kind.bin", 0), ("open-data-fin.bin", 3),
    ])
    func aBrokenFrameEndsTheTunnelThere(seed: String, frames: Int) throws {
        #expect(TunnelFrameParser.fuzz(try Self.bytes("tunnel-frame/\(seed)")) == frames)
    }
}
