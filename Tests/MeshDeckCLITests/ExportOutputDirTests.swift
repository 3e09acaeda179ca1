import Foundation
import MeshDeckCLI
import Testing

/// `export --output-dir DIR`: kubectl users type `-o` for a format, so the folder has its own
/// option; `-o DIR` still writes it, with a note, and `-o yaml` means the YAML on stdout.
@Suite struct ExportOutputDirTests {
    func tempDir() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("export-dir-\(UUID())") }

    @Test func dashODirStillWritesTheFolderWithADeprecationNote() async throws {
        let old = tempDir(), new = tempDir()
        defer {
            try? FileManager.default.removeItem(at: old)
            try? FileManager.default.removeItem(at: new)
        }
        let legacy = await CLIRun(["export", "-o", old.path])
        #expect(legacy.code == 0)
        #expect(legacy.stderr == "warning: -o DIR is deprecated for export; use --output-dir DIR")
        let current = await CLIRun(["export", "--output-dir", new.path])
        #expect(current.stderr.isEmpty)
        #expect(legacy.stdout == current.stdout.replacingOccurrences(of: new.path, with: old.path))
        for name in try FileManager.default.contentsOfDirectory(atPath: new.path) {
            #expect(
                try String(contentsOf: old.appendingPathComponent(name), encoding: .utf8)
                    == String(contentsOf: new.appendingPathComponent(name), encoding: .utf8).replacingOccurrences(
                        of: new.path, with: old.path))
        }
    }

    @Test func dashOYAMLPrintsTheManifests() async {
        let yaml = await CLIRun(["export", "-o", "yaml"])
        #expect(yaml.code == 0)
        #expect(yaml.stderr.isEmpty)
        #expect(yaml.stdout == (await CLIRun(["export"])).stdout)
        #expect(!FileManager.default.fileExists(atPath: "yaml"))
    }

    @Test func otherFormatsAndBothSpellingsAreRefused() async {
        let json = await CLIRun(["export", "-o", "json"])
        #expect(json.code == 2)
        #expect(json.stderr.hasPrefix("error: export does not support -o json: it prints YAML manifests"))
        let both = await CLIRun(["export", "-o", "a", "--output-dir", "b"])
        #expect(both.code == 2)
        #expect(both.stderr.hasPrefix("error: use --output-dir DIR alone (-o DIR is its old spelling)"))
    }

    @Test func aFileWhereTheFolderShouldBeNamesTheOption() async throws {
        let file = tempDir()
        try "x".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = await CLIRun(["export", "--output-dir", file.path])
        #expect(run.code == 2)
        #expect(run.stderr.contains("hint: pass a folder name to --output-dir"))
    }
}
