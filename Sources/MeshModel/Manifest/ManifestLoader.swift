import Foundation

/// Reads `-f` arguments as kubectl does: a file, a directory of `*.yaml|*.yml|*.json`
/// (not recursive, in name order), or `-` for standard input.
package enum ManifestLoader {
    package static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// Decodes every input in order, within `limits` (the bytes of each input, the documents of
    /// them all). An input that cannot be read becomes a diagnostic that names it and says why.
    /// Inputs are read one at a time, each text dropped once decoded, so memory holds one input.
    ///
    /// `readStandardInput` stands in for standard input (tests, and the dashboard, which has
    /// none to give); without it, descriptor 0 is read.
    package static func load(
        _ paths: [String], decoder: ManifestDecoder,
        limits: ManifestLimits = .current(ProcessInfo.processInfo.environment),
        readStandardInput: (() -> Data?)? = nil
    )
        -> ManifestDecoder.Output
    {
        var output = ManifestDecoder.Output(resources: [], diagnostics: [])
        func fail(_ name: String, _ failure: InputFailure) {
            output.diagnostics.append(
                Diagnostic(at: SourceLocation(file: name, line: 0), failure.message, hint: failure.hint))
        }
        for path in paths {
            let inputs: [Input]
            switch self.inputs(path, limits: limits, readStandardInput: readStandardInput) {
            case .failure(let failure):
                fail(path == "-" ? "<stdin>" : path, failure)
                continue
            case .success(let found): inputs = found
            }
            for input in inputs {
                let data: Data
                switch input.read() {
                case .failure(let failure):
                    fail(input.name, failure)
                    continue
                case .success(let read): data = read
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    fail(input.name, InputFailure(message: "is not UTF-8 text"))
                    continue
                }
                let decoded = decoder.decode(text, file: input.name, limits: limits, documentsBefore: output.documents)
                output.resources += decoded.resources
                output.diagnostics += decoded.diagnostics
                output.documents = decoded.documents
                // Past the limit the decoder has said so once; reading on would only cost.
                if output.documents > limits.maxDocuments { return output }
            }
        }
        return output
    }

    /// One input to read: its name in diagnostics, and how to get its bytes.
    private struct Input {
        var name: String
        var read: () -> Result<Data, InputFailure>
    }

    /// What one `-f` argument names: standard input, one file, or a directory's manifests.
    private static func inputs(
        _ path: String, limits: ManifestLimits, readStandardInput: (() -> Data?)?
    ) -> Result<[Input], InputFailure> {
        if path == "-" {
            return .success([
                Input(name: "<stdin>") {
                    guard let readStandardInput else { return ManifestInput.standardInput(limits: limits) }
                    guard let data = readStandardInput() else {
                        return .failure(InputFailure(message: "could not read standard input"))
                    }
                    return data.count > limits.maxBytesPerFile
                        ? .failure(.tooLarge(size: data.count, limits: limits)) : .success(data)
                }
            ])
        }
        switch ManifestInput.isDirectory(path) {
        case .failure(let failure):
            return .failure(failure)
        case .success(false):
            return .success([Input(name: path) { ManifestInput.file(path, limits: limits) }])
        case .success(true):
            return ManifestInput.names(in: path).flatMap { names in
                let files = names.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
                if files.isEmpty {
                    return .failure(
                        InputFailure(
                            message: "no manifests in this directory", hint: "MeshDeck reads *.yaml, *.yml and *.json files"))
                }
                return .success(
                    files.map { name in
                        let full = (path as NSString).appendingPathComponent(name)
                        return Input(name: full) { ManifestInput.file(full, limits: limits, mustBeRegular: true) }
                    })
            }
        }
    }
}
