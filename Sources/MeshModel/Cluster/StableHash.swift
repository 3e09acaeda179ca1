/// FNV-1a, 64 bits: stable across runs and machines (Swift's Hasher is seeded per process),
/// so generated pod names and ClusterIPs are the same for the same input.
struct StableHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        value ^= 0xFF  // field separator, so ("ab","c") and ("a","bc") differ
        value = value &* 0x0000_0100_0000_01B3
    }

    static func of(_ parts: String...) -> UInt64 {
        var h = StableHash()
        for p in parts { h.combine(p) }
        return h.value
    }

    /// Kubernetes' "safe" alphabet for generated names: no vowels, no look-alike characters.
    static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// `count` characters of `alphabet` drawn from the hash, like `6656b7c4f8` or `zt92q`.
    static func safeEncode(_ hash: UInt64, count: Int) -> String {
        var v = hash
        var out = ""
        for _ in 0..<count {
            out.append(alphabet[Int(v % UInt64(alphabet.count))])
            v /= UInt64(alphabet.count)
            if v == 0 { v = hash &* 0x9E37_79B9_7F4A_7C15 }
        }
        return out
    }
}
