import TerminalText

/// Breaks text into lines of at most `width` columns: at spaces for words, anywhere between
/// CJK characters (Chinese has no spaces), and inside a word only when it alone is too long.
package enum TextWrap {
    package static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in TextWidth.safe(text).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            var lastSpace: String.Index?
            for c in paragraph {
                let w = TextWidth.of(c)
                if lineWidth + w > width {
                    if c == " " {
                        lines.append(line)
                        line = ""
                        lineWidth = 0
                        lastSpace = nil
                        continue
                    }
                    if let space = lastSpace, TextWidth.of(c) == 1, space > line.startIndex {
                        // Move the word being typed to the next line.
                        let rest = String(line[line.index(after: space)...])
                        lines.append(String(line[..<space]))
                        line = rest
                        lineWidth = TextWidth.of(rest)
                    } else {
                        lines.append(line)
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
            lines.append(line)
        }
        return lines
    }
}
