/// An IPv4 CIDR range (`10.0.0.0/8`, `1.1.1.1/32`), as Egress policies and the outbound IP
/// range exclusion lists name destinations (OSM's injector checks them with Go's
/// net.ParseCIDR, pkg/injector/exclusions.go getOutboundIPRangeListForPod).
package struct IPv4Range: Sendable, Hashable, CustomStringConvertible {
    var base: UInt32
    var prefix: Int

    package init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), (0...32).contains(prefix),
            let base = Self.address(String(parts[0]))
        else { return nil }
        self.base = base
        self.prefix = prefix
    }

    /// A dotted-quad address as a number, or nil.
    package static func address(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, let n = UInt32(octet), n <= 255 else { return nil }
            value = value << 8 | n
        }
        return value
    }

    private var mask: UInt32 { prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix) }

    package func contains(_ address: String) -> Bool {
        guard let a = Self.address(address) else { return false }
        return a & mask == base & mask
    }

    package var description: String {
        let b = base
        return "\(b >> 24).\(b >> 16 & 255).\(b >> 8 & 255).\(b & 255)/\(prefix)"
    }
}
