/// Text that came from a manifest or the network must never reach a terminal raw:
/// an `ESC [2J` in a service name or an echo reply would clear the screen.
extension String {
    /// The text with every control character shown as an escape (`\e`, `\n`, `\u{9B}`),
    /// so it prints as what it is and moves no cursor. Bidi overrides are escaped too,
    /// since they can make a name read differently from what it is.
    public var terminalSafe: String {
        // Fast path: most names are plain ASCII printables.
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x1B: out += "\\e"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
