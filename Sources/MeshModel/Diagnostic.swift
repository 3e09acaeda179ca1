import TerminalText

/// One problem found in a manifest: what, where (file, line, column, field path) and what to do.
package struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Severity: String, Sendable { case error, warning }

    package var severity: Severity
    package var location: SourceLocation?
    /// Field path inside the document, kubectl style: `spec.sources[0].name`.
    package var fieldPath: String?
    package var message: String
    /// What to do about it.
    package var hint: String?
    /// The offending source line, for a caret display.
    var sourceLine: String?

    package init(
        _ severity: Severity = .error, at location: SourceLocation?, field: String? = nil,
        _ message: String, hint: String? = nil, sourceLine: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.fieldPath = field
        self.message = message
        self.hint = hint
        self.sourceLine = sourceLine
    }

    /// `file:line:col: error: field: message`, then the source line with a caret, then the hint.
    /// Everything quoted from the input is escaped for the terminal.
    package var description: String {
        var head = ""
        if let location { head += "\(location): " }
        head += "\(severity.rawValue): "
        if let fieldPath, !fieldPath.isEmpty { head += "\(fieldPath.terminalSafe): " }
        head += message.terminalSafe
        var lines = [head]
        if let sourceLine, let column = location?.column {
            // The caret counts escaped characters as they are shown.
            var prefix = String.UnicodeScalarView()
            prefix.append(contentsOf: sourceLine.unicodeScalars.prefix(max(0, column - 1)))
            let excerpt = SourceExcerpt(
                line: sourceLine.terminalSafe, caret: String(prefix).terminalSafe.count)
            lines.append("    " + excerpt.text)
            lines.append("    " + String(repeating: " ", count: excerpt.caret) + "^")
        }
        if let hint { lines.append("  hint: " + hint.terminalSafe) }
        return lines.joined(separator: "\n")
    }
}

/// Everything wrong with one apply or decode. Nothing was changed.
package struct ManifestErrors: Error, Sendable, CustomStringConvertible {
    package var diagnostics: [Diagnostic]
    package init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    package var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Where a resource or a problem sits in its input.
package struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    package var file: String
    package var line: Int
    package var column: Int
    package init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }
    /// `file:line:col`, or just `file` for a problem with the file as a whole (line 0).
    package var description: String {
        line > 0 ? "\(file.terminalSafe):\(line):\(column)" : file.terminalSafe
    }
}

/// The part of a source line a diagnostic shows: all of it when it is short, else a window
/// around the caret, so a 4,000-column line (deeply nested flow YAML, minified JSON) prints as
/// one screen line and not as a page.
struct SourceExcerpt {
    /// Characters shown at most, not counting the `…` that mark a cut.
    static let width = 120

    var text: String
    var caret: Int

    init(line: String, caret: Int) {
        let characters = Array(line)
        guard characters.count > Self.width else {
            self.text = line
            self.caret = caret
            return
        }
        let start = max(0, min(caret - Self.width / 2, characters.count - Self.width))
        let end = min(characters.count, start + Self.width)
        var text = String(characters[start..<end])
        var shifted = caret - start
        if start > 0 {
            text = "…" + text
            shifted += 1
        }
        if end < characters.count { text += "…" }
        self.text = text
        self.caret = shifted
    }
}
