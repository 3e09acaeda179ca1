import ArgumentParser
import Foundation
import MeshModel

/// Writes an export into a folder without clobbering what someone else put there:
/// `kubectl apply -f DIR` applies every manifest in it, so a stray file is not harmless.
struct ExportFolder {
    let path: String
    let console: Console

    /// Names an export may write; only these, and only with the marker, count as its own.
    static var exportNames: Set<String> { Set(ManifestExport.layout.map(\.name) + [ExportReadme.name]) }

    /// Writes `files` (name → text). Refuses (exit 2) when the folder holds files export did
    /// not write, unless `force`; removes the numbered files of an earlier export that this one
    /// no longer has, so the folder applies exactly the current scenario.
    func write(_ files: [(name: String, text: String)], force: Bool) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            try fail("'\(path)' exists and is not a folder", hint: "pass a folder name to --output-dir")
        }
        let existing = ((try? manager.contentsOfDirectory(atPath: path)) ?? []).sorted()
        let ours = existing.filter(isOurs)
        let foreign = existing.filter { !ours.contains($0) }
        if !foreign.isEmpty, !force {
            let shown = foreign.prefix(5).joined(separator: ", ") + (foreign.count > 5 ? ", …" : "")
            try fail(
                "'\(path)' holds files meshdeck export did not write (\(shown)); kubectl apply -f \(path) would apply those too",
                hint: "export into a new or empty folder, or pass --force to write anyway (other files are left as they are)")
        }
        do {
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
            let writing = Set(files.map(\.name))
            for name in ours where !writing.contains(name) {
                try manager.removeItem(atPath: file(name))
                console.out("removed \(file(name).terminalSafe) (from an earlier export; not in this scenario)")
            }
            for (name, text) in files {
                if foreign.contains(name) {
                    console.err("warning: overwrote \(file(name).terminalSafe), which meshdeck export did not write")
                }
                try text.write(toFile: file(name), atomically: true, encoding: .utf8)
            }
        } catch {
            try fail("cannot write into '\(path)': \(error.localizedDescription)")
        }
        for name in foreign
        where !files.contains(where: { $0.name == name })
            && ManifestLoader.extensions.contains((name as NSString).pathExtension.lowercased())
        {
            console.err(
                "warning: \(file(name).terminalSafe) is not from this export; kubectl apply -f \(path.terminalSafe) will apply it too"
            )
        }
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    private func isOurs(_ name: String) -> Bool {
        guard Self.exportNames.contains(name),
            let handle = FileHandle(forReadingAtPath: file(name))
        else { return false }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 200), as: UTF8.self)
        return head.split(separator: "\n", maxSplits: 1).first?.contains(ManifestExport.marker) == true
    }

    private func fail(_ message: String, hint: String? = nil) throws -> Never {
        console.err("error: \(message.terminalSafe)")
        if let hint { console.err("  hint: \(hint.terminalSafe)") }
        throw ExitCode(2)
    }
}
