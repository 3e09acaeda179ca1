/// JSON text written by hand where a line-per-event format needs exact control over it: what
/// `JSONEncoder` gives is valid, but escapes `/` and prints doubles with 17 digits.
enum JSONText {
    /// A JSON string literal: `"` and `\` escaped, control characters as `\n`, `\r`, `\t`, `\b`,
    /// `\f` or `\u00XX`, DEL and the line/paragraph separators as `\u` escapes (valid JSON
    /// either way, but safe for JavaScript players too); other non-ASCII stays UTF-8.
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Seconds in whole microseconds (negative and non-finite times read as 0; a century at most).
    static func micros(_ seconds: Double) -> Int64 {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return Int64((min(seconds, 3.2e9) * 1_000_000).rounded())
    }

    /// Microseconds as a JSON number of seconds: `1.250000`.
    static func seconds(micros: Int64) -> String {
        let fraction = String(micros % 1_000_000)
        return "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }
}
