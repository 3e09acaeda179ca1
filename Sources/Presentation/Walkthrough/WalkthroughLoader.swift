import Foundation
import MeshModel
import Yams

/// Everything wrong with a walkthrough file, each problem with its file, line, column and
/// field (`walkthrough/zh.yaml:42:11: error: steps[3].action.type: unknown action 'creat'`).
package struct WalkthroughLoadError: Error, Sendable, CustomStringConvertible {
    var diagnostics: [Diagnostic]
    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    package var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Reads walkthrough files: the shipped ones (`Resources/walkthrough/<language>.yaml`, compiled
/// in as `BuiltinWalkthroughs`) or one of your own in the same format (see the comment at the
/// top of `en.yaml`).
package enum WalkthroughLoader {
    /// The walkthrough shipped for `language`. Its errors name the file in the repository.
    package static func builtin(_ language: WalkthroughLanguage) throws(WalkthroughLoadError) -> Walkthrough {
        let shownAs = "walkthrough/\(language.rawValue).yaml"
        guard let text = BuiltinWalkthroughs.all.first(where: { $0.language == language.rawValue })?.yaml else {
            // Only if scripts/compile-shipped-yaml.sh was not run after a language was added.
            throw WalkthroughLoadError([
                Diagnostic(
                    at: SourceLocation(file: shownAs, line: 0), "not compiled in",
                    hint: "run scripts/compile-shipped-yaml.sh and rebuild")
            ])
        }
        let walkthrough = try load(text + "\n", file: shownAs)
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
    package static func load(path: String, shownAs: String? = nil) throws(WalkthroughLoadError) -> Walkthrough {
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
    static func load(_ text: String, file: String) throws(WalkthroughLoadError) -> Walkthrough {
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
}
