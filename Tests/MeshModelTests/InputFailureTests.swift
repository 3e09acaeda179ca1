import Foundation
import MeshDeckTestSupport
import Testing

@testable import MeshModel

/// An input that cannot be read says why: the cause the system gave, not a guess.
@Suite struct InputFailureTests {
    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-input-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func load(_ paths: [String], limits: ManifestLimits = .default) -> ManifestDecoder.Output {
        ManifestLoader.load(paths, decoder: ManifestDecoder(), limits: limits)
    }

    static let namespace = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n"

    @Test func aSymlinkLoopIsCalledOne() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.yaml").path, b = dir.appendingPathComponent("b.yaml").path
        #expect(symlink(b, a) == 0 && symlink(a, b) == 0)
        let out = load([a])
        #expect(out.errors.count == 1)
        #expect(
            out.errors.first?.description.hasPrefix(
                "\(a): error: the path \"\(a)\" is a symbolic link loop (too many levels of symbolic links)") == true,
            "\(out.errors.map(\.description))")
    }

    @Test func aFileUsedAsADirectoryIsNamed() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("policy.yaml").path
        try Self.namespace.write(toFile: file, atomically: true, encoding: .utf8)
        let out = load([file + "/x.yaml"])
        #expect(out.errors.first?.message == "the path \"\(file)/x.yaml\" does not exist: \"\(file)\" is a file, not a directory")
    }

    @Test func aMissingPathStillSaysSo() {
        let out = load(["/nonexistent-meshdeck/x.yaml"])
        #expect(out.errors.first?.message == "the path \"/nonexistent-meshdeck/x.yaml\" does not exist")
    }

    /// A FIFO in a directory would block the read until a writer came: it is refused instead.
    /// Named on its own (`-f <(...)` is a pipe), it is read as the stream it is.
    @Test func aFIFOInADirectoryIsRefusedAndOneNamedAloneIsRead() async throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("stream.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let listing = Task.detached { ManifestLoader.load([dir.path], decoder: ManifestDecoder()) }
        try await Task.sleep(for: .milliseconds(500))
        let stuck = open(fifo, O_WRONLY | O_NONBLOCK)  // a reader still waiting: let it go
        if stuck >= 0 {
            Issue.record("the directory's FIFO was opened and waited on")
            close(stuck)
        }
        let listed = await listing.value
        #expect(listed.errors.first?.location?.file == fifo)
        #expect(listed.errors.first?.message.hasPrefix("is not a regular file (a FIFO") == true)

        let writer = Task.detached {
            let fd = open(fifo, O_WRONLY)
            let bytes = Array(Self.namespace.utf8)
            _ = write(fd, bytes, bytes.count)
            close(fd)
        }
        let alone = load([fifo])
        await writer.value
        #expect(alone.errors.isEmpty, "\(alone.errors.map(\.description))")
        #expect(alone.resources.map(\.meta.name) == ["a"])
    }

    @Test func aDirectoryInsideADirectoryIsNamed() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("nested.yaml"), withIntermediateDirectories: false)
        let out = load([dir.path])
        #expect(out.errors.first?.message == "is a directory inside a directory; directories are not read recursively")
    }
}
