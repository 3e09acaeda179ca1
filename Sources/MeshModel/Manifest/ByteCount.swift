import Foundation

/// Sizes as people write them for a limit (`64M`, `1G`, `134217728`) and as messages show them.
enum ByteCount {
    /// Bytes, with an optional binary suffix: K/KiB, M/MiB, G/GiB (case-insensitive). Nil when
    /// the text is not a size or does not fit in an Int.
    static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Int)] = [("kib", 10), ("mib", 20), ("gib", 30), ("k", 10), ("m", 20), ("g", 30), ("b", 0)]
        var number = Substring(trimmed)
        var shift = 0
        for (suffix, bits) in units where number.hasSuffix(suffix) {
            number = number.dropLast(suffix.count)
            shift = bits
            break
        }
        guard let value = Int(number.trimmingCharacters(in: .whitespaces)), value >= 0 else { return nil }
        let (scaled, overflow) = value.multipliedReportingOverflow(by: 1 << shift)
        return overflow ? nil : scaled
    }

    /// `67108864` as "64 MiB", `1500` as "1,500 bytes": whole units when exact, else one decimal.
    static func describe(_ bytes: Int) -> String {
        for (unit, bits) in [("GiB", 30), ("MiB", 20), ("KiB", 10)] where bytes >= 1 << bits {
            let value = Double(bytes) / Double(1 << bits)
            if bytes % (1 << bits) == 0 { return "\(bytes >> bits) \(unit)" }
            return "\((value * 10).rounded() / 10) \(unit)"
        }
        return "\(bytes.formatted) bytes"
    }
}
