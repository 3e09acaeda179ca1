import Yams

/// Collects the problems found while reading one input, each with its line and field path,
/// so that one run reports every mistake at once instead of the first only.
///
/// Public so that MeshDeck's other YAML files (the walkthrough's) are read, and their
/// mistakes reported, exactly as manifests are, instead of by a second copy of these reads.
package final class DocumentReader {
    /// The name diagnostics give the input.
    package let file: String
    let sourceLines: [Substring]
    /// Everything reported so far, in the order it was found (not in line order).
    package private(set) var diagnostics: [Diagnostic] = []

    package init(file: String, text: String) {
        self.file = file
        // Split at each line feed scalar, not Character: in a CRLF file "\r\n" is one Character,
        // so a Character split saw one line and every error there lost its source line.
        self.sourceLines = Self.lines(of: text)
        self.lineOffset = 0
    }

    /// Lines before the text the parser reads: a piece of a bigger input
    /// (ManifestDecoder+Parallel.swift) is parsed alone, and its marks count from its start.
    let lineOffset: Int

    /// A reader for part of an input whose lines were split once for all its parts; the part
    /// starts after `lineOffset` lines.
    init(file: String, sourceLines: [Substring], lineOffset: Int) {
        self.file = file
        self.sourceLines = sourceLines
        self.lineOffset = lineOffset
    }

    static func lines(of text: String) -> [Substring] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Substring.init)
    }

    /// A document's top node, where field paths start: typed reads go down from here.
    package func root(_ node: Node) -> Field {
        Field(node: node, path: "", reader: self)
    }

    /// A node read alone that sits at `path` in the input (a List item: `items[3]`).
    func root(_ node: Node, path: String) -> Field {
        Field(node: node, path: path, reader: self)
    }

    func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: line(of: mark), column: mark?.column ?? 1)
    }

    /// The line of `mark` in the whole input (1 when there is no mark).
    func line(of mark: Mark?) -> Int {
        mark.map { $0.line + lineOffset } ?? 1
    }

    func sourceLine(_ line: Int) -> String? {
        guard line >= 1, line <= sourceLines.count else { return nil }
        var text = String(sourceLines[line - 1])
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }

    /// A problem at `mark` (nil: line 1, column 1, as for a file with no document at all),
    /// shown with its source line. Public for problems no `Field` can carry.
    package func report(
        _ severity: Diagnostic.Severity = .error, at mark: Mark?, field: String,
        _ message: String, hint: String? = nil
    ) {
        let location = location(mark)
        // A caret under a blank line points at nothing (an empty file is reported at line 1).
        let shown = sourceLine(location.line).flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
        diagnostics.append(
            Diagnostic(
                severity, at: location, field: field, message, hint: hint,
                sourceLine: shown))
    }

    func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
}
