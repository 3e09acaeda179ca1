import Foundation

/// Traffic a pod's sidecar does not intercept: the MeshConfig's lists merged with the pod's
/// annotations, as OSM v1.2.4's injector writes them into the pod's iptables rules
/// (pkg/injector/exclusions.go merges them; pkg/injector/iptables.go makes each a RETURN rule
/// ahead of the redirect to the proxy). Each entry remembers where it came from, for explain.
package struct PodExclusions: Sendable, Hashable {
    package static let outboundPortAnnotation = "openservicemesh.io/outbound-port-exclusion-list"
    package static let outboundIPRangeAnnotation = "openservicemesh.io/outbound-ip-range-exclusion-list"
    package static let inboundPortAnnotation = "openservicemesh.io/inbound-port-exclusion-list"

    /// Where an exclusion comes from, for the explanation catalogues to say.
    package enum Origin: Sendable, Hashable {
        /// A MeshConfig list: `field` is its key under `spec.traffic` (`outboundPortExclusionList`).
        case meshConfig(key: ObjectKey, field: String)
        /// A pod annotation (`openservicemesh.io/outbound-port-exclusion-list`).
        case podAnnotation(String)
    }

    package struct Entry<Value: Sendable & Hashable>: Sendable, Hashable {
        package var value: Value
        package var origin: Origin
    }

    package var outboundPorts: [Entry<Int>] = []
    package var outboundIPRanges: [Entry<IPv4Range>] = []
    package var inboundPorts: [Entry<Int>] = []

    package var isEmpty: Bool { outboundPorts.isEmpty && outboundIPRanges.isEmpty && inboundPorts.isEmpty }

    package init() {}

    /// The exclusions of a pod with `annotations` under `meshConfig` (global lists first, as
    /// mergePortExclusionLists keeps them).
    package init(annotations: [String: String], meshConfig: MeshConfig?) {
        if let m = meshConfig {
            func origin(_ field: String) -> Origin { .meshConfig(key: m.meta.key, field: field) }
            outboundPorts = m.outboundPortExclusions.map { Entry(value: $0, origin: origin("outboundPortExclusionList")) }
            inboundPorts = m.inboundPortExclusions.map { Entry(value: $0, origin: origin("inboundPortExclusionList")) }
            outboundIPRanges = m.outboundIPRangeExclusions.compactMap(IPv4Range.init).map {
                Entry(value: $0, origin: origin("outboundIPRangeExclusionList"))
            }
        }
        func pod(_ key: String) -> Origin { .podAnnotation(key) }
        for port in (try? Self.ports(annotations[Self.outboundPortAnnotation], key: "")) ?? [] {
            outboundPorts.append(Entry(value: port, origin: pod(Self.outboundPortAnnotation)))
        }
        for port in (try? Self.ports(annotations[Self.inboundPortAnnotation], key: "")) ?? [] {
            inboundPorts.append(Entry(value: port, origin: pod(Self.inboundPortAnnotation)))
        }
        for range in (annotations[Self.outboundIPRangeAnnotation] ?? "").split(separator: ",") {
            if let r = IPv4Range(range.trimmingCharacters(in: .whitespaces)) {
                outboundIPRanges.append(Entry(value: r, origin: pod(Self.outboundIPRangeAnnotation)))
            }
        }
    }

    package func outboundPort(_ port: Int) -> Entry<Int>? { outboundPorts.first { $0.value == port } }
    package func inboundPort(_ port: Int) -> Entry<Int>? { inboundPorts.first { $0.value == port } }
    package func outboundAddress(_ address: String?) -> Entry<IPv4Range>? {
        guard let address else { return nil }
        return outboundIPRanges.first { $0.value.contains(address) }
    }

    struct Invalid: Error { var message: String }

    /// getPortExclusionListForPod: a comma-separated list of positive whole numbers.
    static func ports(_ text: String?, key: String) throws(Invalid) -> [Int] {
        guard let text else { return [] }
        var out: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let n = Int(trimmed), n > 0 else {
                throw Invalid(message: "Invalid port value '\(trimmed)' specified for annotation '\(key)'")
            }
            out.append(n)
        }
        return out
    }

    /// The webhook's error for a pod it would inject whose exclusion annotations do not parse
    /// (createPatch fails, so the pod is not created); nil when they do.
    static func refusal(_ annotations: [String: String]) -> String? {
        let prefix = "admission webhook \"osm-inject.k8s.io\" denied the request: "
        for key in [outboundPortAnnotation, inboundPortAnnotation] {
            do { _ = try ports(annotations[key], key: key) } catch { return prefix + error.message }
        }
        if let text = annotations[outboundIPRangeAnnotation] {
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                let trimmed = part.trimmingCharacters(in: .whitespaces)
                // Go's net.ParseCIDR also takes IPv6 ranges, which MeshDeck (IPv4 only) keeps unused.
                if IPv4Range(trimmed) == nil, !trimmed.contains(":") {
                    return prefix + "Invalid IP range '\(trimmed)' specified for annotation '\(outboundIPRangeAnnotation)'"
                }
            }
        }
        return nil
    }
}
