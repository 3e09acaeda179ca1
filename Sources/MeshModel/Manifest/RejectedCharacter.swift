/// The first character libyaml refuses to read, with its line and column.
///
/// libyaml's reader checks characters before the scanner marks any position, so its error
/// carries only an offset and Yams turns that into no mark at all (the error used to show at
/// 1:1). The line and column are found here instead, with libyaml's own rule (reader.c): tab,
/// line feed, carriage return, NEL, printable ASCII, and U+00A0 and above except the
/// surrogates, U+FFFE and U+FFFF.
struct RejectedCharacter: Equatable {
    var line: Int
    /// 1-based, in Unicode scalars, as libyaml's marks count columns.
    var column: Int
    var scalar: Unicode.Scalar

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// The first refused character in the reader's text, if there is one.
    static func first(in reader: DocumentReader) -> RejectedCharacter? {
        for (index, line) in reader.sourceLines.enumerated() {
            var column = 1
            for scalar in line.unicodeScalars {
                if !isAllowed(scalar) { return RejectedCharacter(line: index + 1, column: column, scalar: scalar) }
                column += 1
            }
        }
        return nil
    }

    /// `U+0007`, as the message names it.
    var code: String { "U+" + hex(digits: 4) }

    /// How a double-quoted YAML string writes it: `\x07`, or `\uFFFE` above U+00FF.
    var yamlEscape: String { scalar.value <= 0xFF ? "\\x" + hex(digits: 2) : "\\u" + hex(digits: 4) }

    private func hex(digits: Int) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - hex.count)) + hex
    }
}
