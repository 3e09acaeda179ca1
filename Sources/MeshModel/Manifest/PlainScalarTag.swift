import Yams

/// The YAML 1.1 tag of a plain (unquoted, untagged) scalar, as Yams' default resolver gives it
/// (bool, int, float, merge, null, timestamp, value, else str, tried in that order), without its
/// regular expressions.
///
/// Yams tries up to seven Foundation regular expressions on every plain scalar, each a bridge to
/// ICU on Linux: perf put that at a fifth of decoding a 51,000-document dump, after an earlier
/// cut (one rule for text that starts with a letter) had halved it. The decoder's parsers now
/// resolve nothing (`Resolver.basic`), and `Field` asks this instead, once per scalar it reads.
/// `ManifestResolverTests` compares every answer with Yams' default resolver.
enum PlainScalarTag {
    static func of(_ text: String) -> Tag.Name {
        var text = text
        return text.withUTF8 { of(bytes: $0) }
    }

    static func of(bytes b: UnsafeBufferPointer<UInt8>) -> Tag.Name {
        if b.isEmpty { return .null }
        if b.contains(where: { $0 >= 0x80 }) { return .str }  // every rule is ASCII
        if isWord(b, ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE"])
            || isWord(b, ["on", "On", "ON", "off", "Off", "OFF"])
        {
            return .bool
        }
        if isLetter(b[0]) { return isWord(b, ["null", "Null", "NULL"]) ? .null : .str }
        if isInt(b) { return .int }
        if isFloat(b) { return .float }
        if isWord(b, ["<<"]) { return .merge }
        if isWord(b, ["~"]) { return .null }
        if isTimestamp(b) { return .timestamp }
        if isWord(b, ["="]) { return .value }
        return .str
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private static func isWord(_ b: UnsafeBufferPointer<UInt8>, _ words: [StaticString]) -> Bool {
        words.contains { word in
            word.utf8CodeUnitCount == b.count
                && zip(UnsafeBufferPointer(start: word.utf8Start, count: b.count), b).allSatisfy { $0 == $1 }
        }
    }

    /// A cursor over the scalar's bytes.
    private struct Scan {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0

        var atEnd: Bool { i == b.count }
        var next: UInt8? { i < b.count ? b[i] : nil }

        mutating func take(_ c: Character) -> Bool {
            guard let n = next, n == c.asciiValue! else { return false }
            i += 1
            return true
        }

        mutating func takeSign() { if next == UInt8(ascii: "-") || next == UInt8(ascii: "+") { i += 1 } }

        /// Takes bytes while `ok`; how many.
        @discardableResult
        mutating func takeWhile(_ ok: (UInt8) -> Bool) -> Int {
            let start = i
            while let n = next, ok(n) { i += 1 }
            return i - start
        }

        /// `(?::[0-5]?[0-9])+`, followed by what `then` accepts (end, or a byte).
        mutating func takeSexagesimal(thenEndOr follow: UInt8?) -> Bool {
            var groups = 0
            while take(":") {
                let start = i
                let digits = takeWhile(PlainScalarTag.isDigit)
                guard digits == 1 || (digits == 2 && b[start] <= UInt8(ascii: "5")) else { return false }
                groups += 1
            }
            return groups > 0 && (atEnd || (follow != nil && next == follow))
        }
    }

    private static func digitsOrUnderscore(_ c: UInt8) -> Bool { isDigit(c) || c == UInt8(ascii: "_") }

    /// Yams' int rule: binary, octal, decimal, hexadecimal, sexagesimal.
    static func isInt(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = Scan(b: b)
        s.takeSign()
        let afterSign = s
        // 0b[0-1_]+
        if s.take("0"), s.take("b") {
            return s.takeWhile({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") || $0 == UInt8(ascii: "_") }) > 0 && s.atEnd
        }
        // 0o?[0-7_]+
        s = afterSign
        if s.take("0") {
            var octal = s
            _ = octal.take("o")
            if octal.takeWhile({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7")) || $0 == UInt8(ascii: "_") }) > 0,
                octal.atEnd
            {
                return true
            }
            // 0x[0-9a-fA-F_]+
            var hex = s
            if hex.take("x") {
                return hex.takeWhile({
                    isDigit($0) || (($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "f"))
                        || $0 == UInt8(ascii: "_")
                }) > 0
                    && hex.atEnd
            }
            return s.atEnd  // 0
        }
        // [1-9][0-9_]* and [1-9][0-9_]*(?::[0-5]?[0-9])+
        guard let first = s.next, first >= UInt8(ascii: "1"), first <= UInt8(ascii: "9") else { return false }
        s.i += 1
        s.takeWhile(digitsOrUnderscore)
        if s.atEnd { return true }
        return s.takeSexagesimal(thenEndOr: nil)
    }

    /// Yams' float rule.
    static func isFloat(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = Scan(b: b)
        // \.[0-9_]+(?:[eE][-+][0-9]+)?  and  \.(?:nan|NaN|NAN)
        if s.next == UInt8(ascii: ".") {
            var dot = s
            dot.i += 1
            if isWord(UnsafeBufferPointer(rebasing: b[dot.i...]), ["nan", "NaN", "NAN", "inf", "Inf", "INF"]) { return true }
            guard dot.takeWhile(digitsOrUnderscore) > 0 else { return false }
            if dot.atEnd { return true }
            guard dot.take("e") || dot.take("E"), dot.next == UInt8(ascii: "-") || dot.next == UInt8(ascii: "+") else {
                return false
            }
            dot.i += 1
            return dot.takeWhile(isDigit) > 0 && dot.atEnd
        }
        s.takeSign()
        // [-+]?\.(?:inf|Inf|INF)
        if s.next == UInt8(ascii: ".") {
            return isWord(UnsafeBufferPointer(rebasing: b[(s.i + 1)...]), ["inf", "Inf", "INF"])
        }
        guard let first = s.next, isDigit(first) else { return false }
        s.i += 1
        s.takeWhile(digitsOrUnderscore)
        let afterInteger = s
        // [0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
        if s.next == UInt8(ascii: ":") {
            guard s.takeSexagesimal(thenEndOr: UInt8(ascii: ".")), s.take(".") else { return false }
            s.takeWhile(digitsOrUnderscore)
            return s.atEnd
        }
        // [0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?
        s = afterInteger
        if s.take(".") { s.takeWhile(digitsOrUnderscore) }
        if s.take("e") || s.take("E") {
            s.takeSign()
            guard s.takeWhile(isDigit) > 0 else { return false }
        }
        return s.atEnd
    }

    /// Yams' timestamp rule: a date, or a date and time with an optional fraction and zone.
    static func isTimestamp(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = Scan(b: b)
        guard s.takeWhile(isDigit) == 4, s.take("-") else { return false }
        let month = s.takeWhile(isDigit)
        guard (1...2).contains(month), s.take("-") else { return false }
        let day = s.takeWhile(isDigit)
        if s.atEnd { return month == 2 && day == 2 }
        guard (1...2).contains(day) else { return false }
        if !(s.take("T") || s.take("t")) {
            guard s.takeWhile({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) > 0 else { return false }
        }
        guard (1...2).contains(s.takeWhile(isDigit)), s.take(":"), s.takeWhile(isDigit) == 2, s.take(":"),
            s.takeWhile(isDigit) == 2
        else { return false }
        if s.take(".") { s.takeWhile(isDigit) }
        if s.atEnd { return true }
        s.takeWhile { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        if s.take("Z") { return s.atEnd }
        guard s.next == UInt8(ascii: "-") || s.next == UInt8(ascii: "+") else { return false }
        s.i += 1
        guard (1...2).contains(s.takeWhile(isDigit)) else { return false }
        if s.take(":") { guard s.takeWhile(isDigit) == 2 else { return false } }
        return s.atEnd
    }
}
