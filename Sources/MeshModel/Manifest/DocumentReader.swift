import Yams

/// Collects the problems found while reading one input, each with its line and field path,
/// so that one run reports every mistake at once instead of the first only.
final class DocumentReader {
    let file: String
    private let sourceLines: [Substring]
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, text: String) {
        self.file = file
        self.sourceLines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func sourceLine(_ line: Int) -> String? {
        guard line >= 1, line <= sourceLines.count else { return nil }
        var text = String(sourceLines[line - 1])
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }

    func report(_ severity: Diagnostic.Severity = .error, at mark: Mark?, field: String,
                _ message: String, hint: String? = nil) {
        let location = location(mark)
        // A caret under a blank line points at nothing (an empty file is reported at line 1).
        let shown = sourceLine(location.line).flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
        diagnostics.append(Diagnostic(severity, at: location, field: field, message, hint: hint,
                                      sourceLine: shown))
    }

    func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
}
