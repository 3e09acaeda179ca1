import Foundation
import MeshDeckTestSupport
import Testing

@testable import ConnectionEngine

/// The two parsers a peer feeds first, the tunnel's frames and the sidecars' header line,
/// through the entry points a libFuzzer harness calls: 10,000 seeded random inputs each, of
/// every length up to 1 KiB (past the 512 a header may have), none of which may trap. Random bytes rarely look like a frame, so
/// half the inputs are built from valid pieces (a frame header with a plausible kind and
/// length, a preamble prefix) with random bytes between.
@Suite struct ParserFuzzTests {
    static let inputs = 10_000

    /// splitmix64, so a failure replays.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Eight bytes from each draw: per-byte draws made the debug build's run take seconds.
    static func bytes(_ count: Int, _ random: inout Seeded) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count + 8)
        while out.count < count { withUnsafeBytes(of: random.next()) { out += $0 } }
        return Array(out.prefix(count))
    }

    static func frames(_ random: inout Seeded) -> [UInt8] {
        var out: [UInt8] = []
        for _ in 0..<Int.random(in: 1...12, using: &random) {
            // Mostly frames the parser takes (a known kind, a length within its bound), some not.
            let kind =
                Int.random(in: 0..<10, using: &random) == 0
                ? UInt8.random(in: 0...255, using: &random) : UInt8.random(in: 1...5, using: &random)
            let lengths: [Int] =
                switch kind {
                case 1: [13, 20, 100, 512, 513]
                case 2: [0, 1, 100, 4096, 65536, 65537]
                case 5: [4, 4, 4, 3]
                default: [0, 0, 0, 1, Int(UInt32.max)]
                }
            let length = lengths.randomElement(using: &random)!
            let stream = UInt32.random(in: 0...4, using: &random)
            out += [kind] + withUnsafeBytes(of: stream.bigEndian, Array.init)
            out += withUnsafeBytes(of: UInt32(truncatingIfNeeded: length).bigEndian, Array.init)
            out += bytes(min(length, Int.random(in: 0...600, using: &random)), &random)
        }
        return out
    }

    static func headers(_ random: inout Seeded) -> [UInt8] {
        let starts = ["MDK-ORIG ", "MDK-MESH ", "MDK-TUNL\n", "MDK-PLNX ", "GET ", "MDK-", ""]
        var out: [UInt8] = []
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            out += Array(starts.randomElement(using: &random)!.utf8)
            out += Array(
                ["1 10.0.0.1 9000", "18446744073709551616 a/b 99999", "a/b", "x/ y", "\u{0}/\u{FF}"].randomElement(
                    using: &random)!.utf8)
            out += bytes(Int.random(in: 0...700, using: &random), &random)
            if Bool.random(using: &random) { out.append(UInt8(ascii: "\n")) }
        }
        return out
    }

    /// Seconds of CPU in a debug build: on a GCD thread, not one of the two of Swift's pool
    /// that the engine tests running beside it need.
    @Test func theTunnelFrameParserHoldsOnRandomInput() async {
        let frames = await offPool {
            var random = Seeded(state: 1)
            var frames = 0
            for i in 0..<Self.inputs {
                let input = i % 2 == 0 ? Self.bytes(Int.random(in: 0...1024, using: &random), &random) : Self.frames(&random)
                frames += TunnelFrameParser.fuzz(input)
            }
            return frames
        }
        #expect(frames > Self.inputs / 4, "the inputs hardly ever reached a frame: \(frames)")
    }

    @Test func theHeaderParserHoldsOnRandomInput() async {
        let lines = await offPool {
            var random = Seeded(state: 2)
            var lines = 0
            for i in 0..<Self.inputs {
                let input = i % 2 == 0 ? Self.bytes(Int.random(in: 0...1024, using: &random), &random) : Self.headers(&random)
                lines += HeaderAccumulator.fuzz(input)
            }
            return lines
        }
        #expect(lines > Self.inputs / 4, "the inputs hardly ever reached a header line: \(lines)")
    }
}
