/// ClusterIPs from Kubernetes' default service range 10.96.0.0/12, chosen by a stable hash of
/// `namespace/name` so that the same input always gets the same address.
enum ClusterIPAllocator {
    private static let base: UInt32 = (10 << 24) | (96 << 16)  // 10.96.0.0
    private static let size: UInt32 = 1 << 20  // /12
    /// 10.96.0.1 is the `kubernetes` Service and 10.96.0.10 kube-dns: keep the first 16 free.
    private static let reserved: UInt32 = 16

    static func allocate(for key: ObjectKey, taken: Set<String>) -> String {
        var slot = UInt32(truncatingIfNeeded: StableHash.of(key.namespace, key.name) % UInt64(size - reserved)) + reserved
        while true {
            let ip = format(base + slot)
            if !taken.contains(ip) { return ip }
            slot = slot + 1 >= size ? reserved : slot + 1
        }
    }

    static func format(_ v: UInt32) -> String {
        "\(v >> 24).\((v >> 16) & 0xFF).\((v >> 8) & 0xFF).\(v & 0xFF)"
    }

    /// True for a dotted IPv4 address (what `spec.clusterIP` may hold besides "None").
    static func isIPv4(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { p in
                !p.isEmpty && p.count <= 3 && p.allSatisfy(\.isASCII) && p.allSatisfy(\.isNumber) && Int(p)! <= 255
            }
    }
}
