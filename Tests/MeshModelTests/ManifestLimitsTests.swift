import Foundation
import Testing

@testable import MeshModel

/// The bounds on what one apply may make MeshDeck hold, their messages and their variables.
@Suite struct ManifestLimitsTests {
    static let namespace = "apiVersion: v1\nkind: Namespace\nmetadata: {name: n%d}\n"

    func documents(_ count: Int, from start: Int = 0) -> String {
        (start..<start + count).map { String(format: Self.namespace, $0) }.joined(separator: "---\n")
    }

    func tempFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-limit-\(UUID()).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A regular file over the limit is refused from its size, before a byte is read: a sparse
    /// 1 GiB file comes back at once, with no memory spent on it.
    @Test func aFileOverTheByteLimitIsRefusedBeforeReading() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-huge-\(UUID()).yaml").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(ftruncate(fd, 1 << 30) == 0)
        close(fd)
        defer { unlink(path) }
        let started = ContinuousClock.now
        let out = ManifestLoader.load([path], decoder: ManifestDecoder(), limits: .default)
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(
            out.errors.first?.description
                == """
                \(path): error: is 1 GiB, larger than the 64 MiB limit for one manifest input; nothing was read
                  hint: raise the limit with MESHDECK_MAX_MANIFEST_BYTES=SIZE (now 64 MiB; K, M and G suffixes work), or split the input into several files
                """)
    }

    @Test func standardInputOverTheByteLimitIsRefused() {
        let limits = ManifestLimits(maxBytesPerFile: 100, maxDocuments: 10)
        let text = documents(5)
        let out = ManifestLoader.load(["-"], decoder: ManifestDecoder(), limits: limits, readStandardInput: { Data(text.utf8) })
        #expect(out.errors.first?.location?.file == "<stdin>")
        #expect(
            out.errors.first?.message
                == "is \(text.utf8.count) bytes, larger than the 100 bytes limit for one manifest input; nothing was read")
        #expect(out.resources.isEmpty)
    }

    /// A pipe has no size to check up front: it is read until one byte past the limit, no further.
    @Test func aPipeIsReadOnlyToTheLimit() {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: 10_000)  // fits the pipe's buffer
        #expect(write(ends[1], bytes, bytes.count) == bytes.count)
        close(ends[1])
        defer { close(ends[0]) }
        #expect(BoundedRead.read(ends[0], limit: 1_000) == .tooLarge(size: nil))
        var rest = [UInt8](repeating: 0, count: 10_000)
        #expect(read(ends[0], &rest, rest.count) == 10_000 - 1_001, "the reader stopped one byte past the limit")
    }

    /// The count is per apply: the second file crosses it, at the document that does.
    @Test func theDocumentLimitCountsTheWholeApply() throws {
        let first = try tempFile(documents(2)), second = try tempFile(documents(3, from: 2))
        defer {
            unlink(first)
            unlink(second)
        }
        let out = ManifestLoader.load(
            [first, second], decoder: ManifestDecoder(), limits: ManifestLimits(maxBytesPerFile: 1 << 20, maxDocuments: 3))
        #expect(out.errors.count == 1)
        let error = try #require(out.errors.first)
        #expect(error.location?.file == second)
        #expect(error.location?.line == 5, "the second document of the second file")
        #expect(
            error.message
                == "more than 3 documents in one apply (each item of a kind: List counts as one); reading stopped here and nothing was applied"
        )
        #expect(error.hint == "raise the limit with MESHDECK_MAX_MANIFEST_DOCUMENTS=N (now 3), or apply the manifests in parts")
    }

    @Test func eachItemOfAListCounts() {
        let list =
            "apiVersion: v1\nkind: List\nitems:\n"
            + (0..<4).map { "- {apiVersion: v1, kind: Namespace, metadata: {name: n\($0)}}\n" }.joined()
        let limits = ManifestLimits(maxBytesPerFile: 1 << 20, maxDocuments: 3)
        #expect(
            ManifestDecoder().decode(list, file: "list.yaml", limits: limits).errors.first?.message.hasPrefix(
                "more than 3 documents") == true)
        #expect(ManifestDecoder().decode(list, file: "list.yaml", limits: .default).errors.isEmpty)
    }

    /// A real cluster's dump must fit with room to spare: 10,000 pods is about 50,000 objects, 12 MB.
    @Test func theDefaultsLeaveRoomForALargeCluster() {
        #expect(ManifestLimits.default.maxDocuments >= 2 * 50_000)
        #expect(ManifestLimits.default.maxBytesPerFile >= 4 * 12_000_000)
    }

    @Test func theEnvironmentRaisesTheLimits() throws {
        let limits = try ManifestLimits(environment: [
            "MESHDECK_MAX_MANIFEST_BYTES": "128M", "MESHDECK_MAX_MANIFEST_DOCUMENTS": "200_000",
        ])
        #expect(limits == ManifestLimits(maxBytesPerFile: 128 << 20, maxDocuments: 200_000))
        #expect(try ManifestLimits(environment: ["MESHDECK_MAX_MANIFEST_BYTES": "1GiB"]).maxBytesPerFile == 1 << 30)
        #expect(try ManifestLimits(environment: ["MESHDECK_MAX_MANIFEST_BYTES": "5000"]).maxBytesPerFile == 5000)
        #expect(try ManifestLimits(environment: [:]) == .default)
    }

    @Test(arguments: ["abc", "0", "-1", "99999999999999999999", "12X"])
    func aValueThatIsNotASizeIsRefused(value: String) {
        #expect(throws: ManifestLimitsError.self) { try ManifestLimits(environment: ["MESHDECK_MAX_MANIFEST_BYTES": value]) }
        #expect(throws: ManifestLimitsError.self) { try ManifestLimits(environment: ["MESHDECK_MAX_MANIFEST_DOCUMENTS": value]) }
    }
}
