/// Terminal column widths of characters, as wcwidth gives them: East Asian wide and fullwidth
/// characters (CJK, Hangul, fullwidth forms, most emoji) take two columns, combining marks and
/// format characters none. The table is generated from the Unicode data by
/// scripts/gen-text-width.py (TextWidthTable.swift), so layout does not depend on the C
/// library's locale, and TextWidthOracleTests checks every code point against wcwidth.
///
/// Where wcwidth has no width (-1: the C0 and C1 controls) MeshDeck never prints the character:
/// `terminalSafe` shows it as an escape, so its width is the escape's (`\e` 2 columns,
/// `\u{9B}` 6). The same holds for the bidi overrides it escapes, which wcwidth counts as 0.
package enum TextWidth {
    package static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        return of(scalar)
    }

    static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        // Printable ASCII, most of what MeshDeck draws, without a search.
        if v >= 0x20 && v < 0x7F { return 1 }
        if let escape = scalar.terminalEscape { return escape.utf8.count }
        if v < TextWidthTable.narrowBelow { return 1 }
        return tableWidth(v)
    }

    /// Binary search for the last range starting at or before `v`: its width if it holds `v`,
    /// else one column.
    static func tableWidth(_ v: UInt32) -> Int {
        let starts = TextWidthTable.starts
        var low = 0
        var high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= v { low = mid + 1 } else { high = mid }
        }
        guard low > 0, v <= TextWidthTable.ends[low - 1] else { return 1 }
        return Int(TextWidthTable.widths[low - 1])
    }

    /// Columns a string takes once its control characters are escaped.
    package static func of(_ text: String) -> Int { safe(text).reduce(0) { $0 + of($1) } }

    /// Control characters escaped (`\e`, `\n`, …): text from manifests or the network never
    /// moves the cursor.
    package static func safe(_ text: String) -> String { text.terminalSafe }

    /// Truncates to `columns`, ending with `…` (or `~` in ASCII) when something was cut.
    static func truncate(_ text: String, to columns: Int, ascii: Bool = false) -> String {
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
    package static func pad(_ text: String, to columns: Int, ascii: Bool = false) -> String {
        let t = truncate(text, to: columns, ascii: ascii)
        return t + String(repeating: " ", count: max(0, columns - of(t)))
    }
}
