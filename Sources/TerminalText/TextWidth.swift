/// Terminal column widths of characters: East Asian wide and fullwidth characters (CJK,
/// Hangul, fullwidth forms, most emoji) take two columns, combining marks none. A small table
/// of our own, so layout does not depend on the C library's locale.
public enum TextWidth {
    public static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        return of(scalar)
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Columns a string takes once its control characters are escaped.
    public static func of(_ text: String) -> Int { safe(text).reduce(0) { $0 + of($1) } }

    /// Control characters escaped (`\e`, `\n`, …): text from manifests or the network never
    /// moves the cursor.
    public static func safe(_ text: String) -> String { text.terminalSafe }

    /// Truncates to `columns`, ending with `…` (or `~` in ASCII) when something was cut.
    public static func truncate(_ text: String, to columns: Int, ascii: Bool = false) -> String {
        let safeText = safe(text)
        guard of(safeText) > columns else { return safeText }
        guard columns > 0 else { return "" }
        var out = ""
        var used = 0
        for c in safeText {
            let w = of(c)
            if used + w > columns - 1 { break }
            out.append(c)
            used += w
        }
        return out + (ascii ? "~" : "…")
    }

    /// Pads with spaces to exactly `columns` (truncating first if needed).
    public static func pad(_ text: String, to columns: Int, ascii: Bool = false) -> String {
        let t = truncate(text, to: columns, ascii: ascii)
        return t + String(repeating: " ", count: max(0, columns - of(t)))
    }
}
