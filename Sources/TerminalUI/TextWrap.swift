import TerminalText

/// Breaks text into lines of at most `width` columns: at spaces for words, anywhere between
/// CJK characters (Chinese has no spaces), and inside a word only when it alone is too long.
package enum TextWrap {
    package static func wrap(_ text: String, width: Int) -> [String] {
        wrap(text, width: width, hangingIndent: 0)
    }

    /// Wraps with a hanging indent: every line after the first starts with `indent` spaces, so a
    /// `reason: …` line or a `- fact` reads as one block. An indent that leaves less than a third
    /// of the width is made smaller.
    package static func wrap(_ text: String, width: Int, hangingIndent indent: Int) -> [String] {
        guard width > 0 else { return [] }
        let indent = max(0, min(indent, width - max(1, width / 3)))
        let margin = String(repeating: " ", count: indent)
        var lines: [String] = []
        for paragraph in TextWidth.safe(text).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            var lastSpace: String.Index?
            // The width of the line being filled: the first of all is whole, the others indented.
            var room: Int { lines.isEmpty ? width : width - indent }
            func finish(_ text: String) { lines.append(lines.isEmpty ? text : margin + text) }
            for c in paragraph {
                let w = TextWidth.of(c)
                if lineWidth + w > room {
                    if c == " " {
                        finish(line)
                        line = ""
                        lineWidth = 0
                        lastSpace = nil
                        continue
                    }
                    if let space = lastSpace, w == 1, space > line.startIndex {
                        // Move the word being typed to the next line.
                        let rest = String(line[line.index(after: space)...])
                        finish(String(line[..<space]))
                        line = rest
                        lineWidth = TextWidth.of(rest)
                    } else {
                        finish(line)
                        line = ""
                        lineWidth = 0
                    }
                    lastSpace = nil
                }
                if c == " " { lastSpace = line.endIndex }
                if w == 2 { lastSpace = nil }
                line.append(c)
                lineWidth += w
            }
            finish(line)
        }
        return lines
    }

    /// The hanging indent that suits a line: past its leading spaces, past a list bullet
    /// (`- `, `• `), or past a short label (`reason: `, `原因：`); else two columns.
    package static func hangingIndent(of line: String) -> Int {
        let leading = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(leading)
        if rest.hasPrefix("- ") || rest.hasPrefix("• ") || rest.hasPrefix("* ") { return leading + 2 }
        var columns = 0
        for (offset, c) in rest.enumerated() {
            if columns > 18 { break }
            if c == "：" { return leading + columns + 2 }
            if c == ":", rest.dropFirst(offset + 1).first == " " { return leading + columns + 2 }
            columns += TextWidth.of(c)
        }
        return leading + 2
    }
}

/// Text cut to a number of columns, ending in `…` (or `~`) when something was cut.
package enum TextFit {
    package static func truncate(_ text: String, to columns: Int, ascii: Bool = false) -> String {
        let safe = TextWidth.safe(text)
        guard TextWidth.of(safe) > columns else { return safe }
        guard columns > 0 else { return "" }
        var out = ""
        var used = 0
        for c in safe {
            let w = TextWidth.of(c)
            if used + w > columns - 1 { break }
            out.append(c)
            used += w
        }
        return out + (ascii ? "~" : "…")
    }

    /// Padded with spaces to exactly `columns` (cut first if needed).
    package static func pad(_ text: String, to columns: Int, ascii: Bool = false) -> String {
        let t = truncate(text, to: columns, ascii: ascii)
        return t + String(repeating: " ", count: max(0, columns - TextWidth.of(t)))
    }
}
