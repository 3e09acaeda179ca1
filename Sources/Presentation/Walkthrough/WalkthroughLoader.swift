import Foundation
import MeshModel
import Yams

/// Everything wrong with a walkthrough file, each problem with its file, line, column and
/// field (`walkthrough/zh.yaml:42:11: error: steps[3].action.type: unknown action 'creat'`).
public struct WalkthroughLoadError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Reads walkthrough files: the shipped ones (bundle resources `walkthrough/<language>.yaml`)
/// or one of your own in the same format (see the comment at the top of `en.yaml`).
public enum WalkthroughLoader {
    /// The walkthrough shipped for `language`.
    public static func builtin(_ language: WalkthroughLanguage) throws(WalkthroughLoadError) -> Walkthrough {
        let shownAs = "walkthrough/\(language.rawValue).yaml"
        guard let url = builtinURL(language) else {
            throw WalkthroughLoadError([
                Diagnostic(
                    at: SourceLocation(file: shownAs, line: 0),
                    "not found next to the program: looked in \(resourceBundleCandidates.map(\.path).joined(separator: ", "))",
                    hint: "keep the MeshDeck_Presentation.resources folder beside the meshdeck binary")
            ])
        }
        let walkthrough = try load(path: url.path, shownAs: shownAs)
        guard walkthrough.language == language.rawValue else {
            throw WalkthroughLoadError([
                Diagnostic(
                    at: SourceLocation(file: shownAs, line: 1), field: "language",
                    "says '\(walkthrough.language)', but this is the \(language.rawValue) file")
            ])
        }
        return walkthrough
    }

    /// A walkthrough file; `shownAs` is the name its errors give (default: the path).
    public static func load(path: String, shownAs: String? = nil) throws(WalkthroughLoadError) -> Walkthrough {
        let file = shownAs ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WalkthroughLoadError([Diagnostic(at: SourceLocation(file: file, line: 0), "cannot read the file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw WalkthroughLoadError([Diagnostic(at: SourceLocation(file: file, line: 0), "not UTF-8 text")])
        }
        return try load(text, file: file)
    }

    /// Parses a walkthrough, reporting every problem at once.
    public static func load(_ text: String, file: String) throws(WalkthroughLoadError) -> Walkthrough {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw WalkthroughLoadError([Diagnostic.yamlSyntax(error, file: file, text: text)])
        }
        let document = DocumentReader(file: file, text: text)
        let walkthrough = root.flatMap(WalkthroughReader(document: document).walkthrough)
        if root == nil { document.report(at: nil, field: "", "the file is empty") }
        guard let walkthrough, document.diagnostics.isEmpty else {
            throw WalkthroughLoadError(
                document.diagnostics.enumerated().sorted {
                    ($0.element.location?.line ?? 0, $0.offset) < ($1.element.location?.line ?? 0, $1.offset)
                }.map(\.element))
        }
        return walkthrough
    }

    /// Where SwiftPM puts the resource bundle: beside the executable (or the test bundle). Looked
    /// up by hand because `Bundle.module` stops the process when the bundle is missing; a
    /// missing walkthrough should be an error message, not a crash of the dashboard.
    static var resourceBundleCandidates: [URL] {
        var directories = [Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent(),
            executable != directories[0]
        {
            directories.append(executable)
        }
        return directories.flatMap { dir in
            ["MeshDeck_Presentation.resources", "MeshDeck_Presentation.bundle"].map { dir.appendingPathComponent($0) }
        }
    }

    static func builtinURL(_ language: WalkthroughLanguage) -> URL? {
        for candidate in resourceBundleCandidates {
            if let url = Bundle(url: candidate)?.url(
                forResource: language.rawValue, withExtension: "yaml", subdirectory: "walkthrough")
            {
                return url
            }
        }
        return nil
    }
}
