/// Text that came from a manifest or the network must never reach a terminal raw:
/// an `ESC [2J` in a service name or an echo reply would clear the screen.
extension String {
    /// The text with every control character shown as an escape (`\e`, `\n`, `\u{9B}`),
    /// so it prints as what it is and moves no cursor. Bidi overrides are escaped too,
    /// since they can make a name read differently from what it is.
    package var terminalSafe: String {
        // Fast path: most names are plain ASCII printables.
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            if let escape = scalar.terminalEscape {
                out += escape
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension Unicode.Scalar {
    /// What `terminalSafe` prints in place of this scalar, or nil when it is shown as itself.
    /// TextWidth counts an escaped scalar as its escape's columns.
    var terminalEscape: String? {
        switch value {
        case 0x1B: "\\e"
        case 0x0A: "\\n"
        case 0x0D: "\\r"
        case 0x09: "\\t"
        case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069:
            "\\u{" + String(value, radix: 16, uppercase: true) + "}"
        default: nil
        }
    }
}
