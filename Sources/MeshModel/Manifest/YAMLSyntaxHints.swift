import Yams

/// Turns a libyaml error into a diagnostic that names the field path (read off the indentation
/// of the lines above) and says what to do, not just what the parser saw.
enum YAMLSyntaxHints {
    static func diagnostic(for error: Error, reader: DocumentReader) -> Diagnostic {
        let problem: String
        let mark: Mark?
        switch error as? YamlError {
        case .scanner(_, let p, let m, _), .parser(_, let p, let m, _), .composer(_, let p, let m, _):
            problem = p
            mark = m
        case .reader(let p, _, _, _):
            if let rejected = RejectedCharacter.first(in: reader) { return controlCharacter(rejected, reader: reader) }
            problem = p
            mark = nil
        case .duplicatedKeysInMapping(let keys, let context):
            return duplicateKey(keys.first ?? "?", mappingStart: context.mark, reader: reader)
        default:
            problem = "\(error)"
            mark = nil
        }
        let location = reader.location(mark)
        let lineNumber = location.line
        let path = IndentationPath.path(toLine: lineNumber, lineAt: reader.sourceLine)
        var hint = "fix the YAML at this line; nothing was applied"
        var column = location.column
        if problem.contains("mapping values are not allowed"),
            let offending = nearestContentLine(atOrBefore: lineNumber, lineAt: reader.sourceLine),
            let above = nearestContentLine(atOrBefore: offending.number - 1, lineAt: reader.sourceLine)
        {
            let text = offending.text.trimmingLeadingSpaces
            let aboveKey = above.text.trimmingLeadingSpaces.droppingListDash
            let aboveColumn = above.text.keyColumn
            if offending.text.leadingSpaces > above.text.leadingSpaces {
                hint =
                    "'\(text)' (line \(offending.number)) is indented deeper than '\(aboveKey)' on line "
                    + "\(above.number), which already has a value; start it at column \(aboveColumn), "
                    + "the same column as '\(aboveKey.keyName)'"
            } else {
                hint =
                    "a 'key: value' line is not indented to match the mapping it belongs to; check line "
                    + "\(offending.number) against the lines above it"
            }
            column = offending.text.leadingSpaces + 1
            // The line most likely belongs beside the key above it, so name that key's parent.
            let siblingPath = IndentationPath.path(toLine: above.number, lineAt: reader.sourceLine)
            return Diagnostic(
                .error, at: SourceLocation(file: reader.file, line: offending.number, column: column),
                field: siblingPath, "invalid YAML: \(problem)", hint: hint,
                sourceLine: offending.text)
        }
        if problem.hasPrefix("Maximum nesting level reached") {
            return Diagnostic(
                .error, at: SourceLocation(file: reader.file, line: lineNumber, column: column),
                field: path, "invalid YAML: nested deeper than the YAML parser's limit of 1,000 levels",
                hint: "Kubernetes objects nest a few levels deep; this input is probably generated or damaged",
                sourceLine: reader.sourceLine(lineNumber))
        }
        if problem.contains("found character that cannot start any token"),
            reader.sourceLine(lineNumber)?.contains("\t") == true
        {
            hint = "YAML does not allow tabs for indentation; use spaces"
        }
        return Diagnostic(
            .error, at: SourceLocation(file: reader.file, line: lineNumber, column: column),
            field: path, "invalid YAML: \(problem)", hint: hint,
            sourceLine: reader.sourceLine(lineNumber))
    }

    /// A character YAML does not allow (a raw control byte, often pasted from a terminal), at
    /// its own line and column.
    private static func controlCharacter(_ rejected: RejectedCharacter, reader: DocumentReader) -> Diagnostic {
        Diagnostic(
            .error, at: SourceLocation(file: reader.file, line: rejected.line, column: rejected.column),
            field: IndentationPath.path(toLine: rejected.line, lineAt: reader.sourceLine),
            "invalid YAML: the control character \(rejected.code) is not allowed in YAML text",
            hint: "delete it; to keep it in a value, write it as an escape inside double quotes (\"\(rejected.yamlEscape)\")",
            sourceLine: reader.sourceLine(rejected.line))
    }

    /// Yams names the mapping, not the line: find the key's second appearance at that indent.
    private static func duplicateKey(_ key: String, mappingStart: Mark, reader: DocumentReader) -> Diagnostic {
        var seen: [Int] = []
        var line = mappingStart.line
        while let text = reader.sourceLine(line), seen.count < 2 {
            if !text.isBlankOrComment {
                if text.keyColumn < mappingStart.column || (line > mappingStart.line && text.hasPrefix("---")) { break }
                if text.keyColumn == mappingStart.column, text.trimmingLeadingSpaces.droppingListDash.keyName == key {
                    seen.append(line)
                }
            }
            line += 1
        }
        let at = seen.count == 2 ? seen[1] : mappingStart.line
        let path = IndentationPath.path(toLine: at, lineAt: reader.sourceLine)
        return Diagnostic(
            .error, at: SourceLocation(file: reader.file, line: at, column: mappingStart.column),
            field: path.isEmpty ? key : "\(path).\(key)",
            "key '\(key)' appears twice in the same mapping\(seen.count == 2 ? " (first on line \(seen[0]))" : "")",
            hint: "remove one of them; Kubernetes rejects duplicate keys", sourceLine: reader.sourceLine(at))
    }

    private static func nearestContentLine(
        atOrBefore line: Int, lineAt: (Int) -> String?
    )
        -> (number: Int, text: String)?
    {
        var n = line
        while n >= 1 {
            if let text = lineAt(n), !text.isBlankOrComment { return (n, text) }
            n -= 1
        }
        return nil
    }
}

/// Reads a field path (`spec.sources[0]`) off the indentation of the lines above a line, for
/// errors where the YAML itself could not be parsed.
enum IndentationPath {
    private enum Entry {
        case key(indent: Int, name: String)
        case item(indent: Int, index: Int)
        var indent: Int {
            switch self {
            case .key(let i, _), .item(let i, _): return i
            }
        }
    }

    static func path(toLine target: Int, lineAt: (Int) -> String?) -> String {
        var stack: [Entry] = []
        // Start from the beginning of the document that holds the target line.
        var start = target
        while start > 1, let text = lineAt(start - 1), !text.hasPrefix("---") { start -= 1 }
        var number = start
        while number <= target, let raw = lineAt(number) {
            defer { number += 1 }
            if raw.isBlankOrComment { continue }
            var indent = raw.leadingSpaces
            var rest = Substring(raw.trimmingLeadingSpaces)
            let isTarget = number == target
            if rest.hasPrefix("- ") || rest == "-" {
                var index = 0
                while let top = stack.last, top.indent > indent || (top.indent == indent && isItem(top)) {
                    if case .item(let i, let n) = top, i == indent { index = n + 1 }
                    stack.removeLast()
                }
                stack.append(.item(indent: indent, index: index))
                rest = rest.dropFirst(2)
                let inner = rest.prefix { $0 == " " }.count
                rest = rest.dropFirst(inner)
                indent += 2 + inner
            }
            guard let colon = rest.keyColonIndex else { continue }
            while let top = stack.last, top.indent >= indent, !(isItem(top) && top.indent < indent) {
                stack.removeLast()
            }
            if isTarget { break }
            stack.append(.key(indent: indent, name: String(rest[..<colon])))
        }
        return FieldPathText.join(
            stack.map { entry in
                switch entry {
                case .key(_, let name): return .key(name)
                case .item(_, let index): return .index(index)
                }
            })
    }

    private static func isItem(_ e: Entry) -> Bool {
        if case .item = e { return true }
        return false
    }
}

extension StringProtocol {
    var leadingSpaces: Int { prefix { $0 == " " }.count }
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
    var isBlankOrComment: Bool {
        let t = drop { $0 == " " || $0 == "\t" }
        return t.isEmpty || t.hasPrefix("#")
    }
    var droppingListDash: String {
        hasPrefix("- ") ? String(dropFirst(2)) : String(self)
    }
    /// 1-based column where the key of a `key: value` or `- key: value` line starts.
    var keyColumn: Int {
        var n = leadingSpaces
        if dropFirst(n).hasPrefix("- ") { n += 2 }
        return n + 1
    }
    var keyName: String {
        guard let colon = Substring(self).keyColonIndex else { return String(self) }
        return String(self[..<colon])
    }
}

extension Substring {
    /// Index of the `:` that ends a plain key (`key:` or `key: value`), if the line is one.
    var keyColonIndex: Index? {
        guard let first = first, first != "\"", first != "'", first != "{", first != "[" else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i] == ":" {
                let next = index(after: i)
                if next == endIndex || self[next] == " " { return i }
            }
            if self[i] == " ", index(after: i) < endIndex, self[index(after: i)] == "#" { return nil }
            i = index(after: i)
        }
        return nil
    }
}
