import Foundation
import Testing

/// The reducer is the only place dashboard state changes, and it does no I/O: anything that
/// touches the disk, a socket or a process is an effect the app loop runs. These files make up
/// the reducer and what it calls; none of them may name an I/O API.
@Suite struct ReducerDoesNoIOTests {
    static let ioAPIs = [
        "FileManager", "FileHandle", "fopen(", "open(", "read(", "write(", "Process(", "URLSession", "Data(contentsOf",
        "String(contentsOf", "contentsOfDirectory", "DirectoryListing.read", "ThemeLoader.resolve", "ManifestLoader",
    ]

    static var reducerFiles: [String] {
        Repository.swiftFiles(under: "Sources/Dashboard").filter { path in
            let name = (path as NSString).lastPathComponent
            return name.hasPrefix("Reducer") || name == "AppState.swift" || name == "Completion.swift"
                || name == "LineCommand.swift" || path.contains("/Views/")
        }
    }

    @Test func theReducerNamesNoIOAPI() throws {
        #expect(Self.reducerFiles.count > 10, "the reducer's files were not found: \(Self.reducerFiles)")
        var found: [String] = []
        for path in Self.reducerFiles {
            for (n, line) in try Repository.read(path).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//") else { continue }
                for api in Self.ioAPIs where code.contains(api) { found.append("\(path):\(n + 1): \(api)") }
            }
        }
        #expect(found.isEmpty, "I/O in the reducer (make it an Effect):\n\(found.joined(separator: "\n"))")
    }
}
