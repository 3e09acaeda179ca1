/// Kubernetes object-name rules, so a name that a real API server would refuse is refused here.
enum NameRule {
    /// RFC 1123 label: Namespaces, port names.
    case dns1123Label
    /// RFC 1035 label: Services (must start with a letter, as it becomes a DNS name).
    case dns1035Label
    /// RFC 1123 subdomain: most other objects.
    case dns1123Subdomain

    static func forKind(_ kind: ResourceKind) -> NameRule {
        switch kind {
        case .namespace: return .dns1123Label
        case .service: return .dns1035Label
        default: return .dns1123Subdomain
        }
    }

    /// nil when the name is valid, else what is wrong with it.
    func problem(with name: String) -> String? {
        let bytes = Array(name.utf8)
        let maxLength = self == .dns1123Subdomain ? 253 : 63
        if bytes.isEmpty { return "must not be empty" }
        if bytes.count > maxLength { return "must be no more than \(maxLength) characters (it has \(bytes.count))" }
        func isLowerAlnum(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 48 && b <= 57) }
        let allowed: (UInt8) -> Bool =
            self == .dns1123Subdomain
            ? { isLowerAlnum($0) || $0 == 45 || $0 == 46 }
            : { isLowerAlnum($0) || $0 == 45 }
        let what =
            self == .dns1123Subdomain
            ? "lower case letters, digits, '-' and '.'" : "lower case letters, digits and '-'"
        if !bytes.allSatisfy(allowed) { return "must consist of \(what)" }
        if self == .dns1035Label, !(bytes[0] >= 97 && bytes[0] <= 122) { return "must start with a lower case letter" }
        if !isLowerAlnum(bytes[0]) || !isLowerAlnum(bytes[bytes.count - 1]) {
            return "must start and end with a lower case letter or a digit"
        }
        if self == .dns1123Subdomain {
            for part in name.split(separator: ".", omittingEmptySubsequences: false) {
                guard let first = part.utf8.first, let last = part.utf8.last, isLowerAlnum(first), isLowerAlnum(last) else {
                    return "each '.'-separated part must start and end with a lower case letter or a digit"
                }
            }
        }
        return nil
    }
}
