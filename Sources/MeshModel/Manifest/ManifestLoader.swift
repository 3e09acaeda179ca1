import Foundation

/// Reads `-f` arguments as kubectl does: a file, a directory of `*.yaml|*.yml|*.json`
/// (not recursive, in name order), or `-` for standard input.
package enum ManifestLoader {
    package static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// Decodes every input in order. Unreadable paths become diagnostics naming the path.
    package static func load(
        _ paths: [String], decoder: ManifestDecoder,
        readStandardInput: () -> Data? = { FileHandle.standardInput.readDataToEndOfFile() }
    )
        -> ManifestDecoder.Output
    {
        var output = ManifestDecoder.Output(resources: [], diagnostics: [])
        for path in paths {
            for (name, text) in read(path, into: &output.diagnostics, readStandardInput: readStandardInput) {
                let decoded = decoder.decode(text, file: name)
                output.resources += decoded.resources
                output.diagnostics += decoded.diagnostics
            }
        }
        return output
    }

    private static func read(
        _ path: String, into diagnostics: inout [Diagnostic],
        readStandardInput: () -> Data?
    ) -> [(String, String)] {
        func fail(_ file: String, _ message: String, hint: String? = nil) -> [(String, String)] {
            diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: 0), message, hint: hint))
            return []
        }
        func text(_ data: Data, _ name: String) -> [(String, String)] {
            guard let s = String(data: data, encoding: .utf8) else { return fail(name, "is not UTF-8 text") }
            return [(name, s)]
        }
        if path == "-" {
            guard let data = readStandardInput() else { return fail("<stdin>", "could not read standard input") }
            return text(data, "<stdin>")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return fail(path, "the path \"\(path)\" does not exist")
        }
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            let files = names.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
            if files.isEmpty {
                return fail(path, "no manifests in this directory", hint: "MeshDeck reads *.yaml, *.yml and *.json files")
            }
            return files.flatMap { name -> [(String, String)] in
                let full = (path as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: full) else { return fail(full, "cannot be read") }
                return text(data, full)
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else { return fail(path, "cannot be read") }
        return text(data, path)
    }
}
