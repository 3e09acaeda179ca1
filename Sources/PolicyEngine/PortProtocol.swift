import MeshModel

/// How the mesh treats a Service port, and why: OSM reads `appProtocol`, else a port-name
/// prefix, else assumes HTTP.
package struct PortProtocol: Sendable, Hashable {
    package enum Kind: String, Sendable {
        case tcp, tcpServerFirst = "tcp-server-first", http, grpc
        /// An appProtocol OSM does not know (`https`, `mysql`): pkg/envoy/lds/inmesh.go builds no
        /// filter chain for it, inbound or outbound ("unsupported protocol").
        case unsupported
        /// Raw TCP is proxied as bytes; HTTP and gRPC go through Envoy's HTTP connection manager.
        var isRawTCP: Bool { self == .tcp || self == .tcpServerFirst }
    }

    /// Why, as a code: `ExplanationWords.protocolBecause` says it (`appProtocol: tcp`,
    /// `port name 'tcp-echo' starts with 'tcp-'`, …).
    package enum Because: Sendable, Hashable {
        /// `appProtocol` names a protocol OSM knows (as written: `TCP` stays `TCP`).
        case appProtocol(String)
        /// `appProtocol` names one OSM does not know: its sidecars build no filter chain for it.
        case unknownAppProtocol(String)
        case namePrefix(name: String, prefix: String)
        /// A port name without a known prefix and no appProtocol: HTTP is assumed.
        case nameWithoutPrefix(name: String)
        /// Neither appProtocol nor a port name: HTTP is assumed.
        case unnamed

        package enum Kind: String, Sendable, CaseIterable {
            case appProtocol, unknownAppProtocol, namePrefix, nameWithoutPrefix, unnamed
        }

        package var kind: Kind {
            switch self {
            case .appProtocol: .appProtocol
            case .unknownAppProtocol: .unknownAppProtocol
            case .namePrefix: .namePrefix
            case .nameWithoutPrefix: .nameWithoutPrefix
            case .unnamed: .unnamed
            }
        }
    }

    var kind: Kind
    var because: Because

    static func of(_ port: ServicePort) -> PortProtocol {
        if let app = port.appProtocol {
            if let kind = Kind(rawValue: app.lowercased()) { return PortProtocol(kind: kind, because: .appProtocol(app)) }
            return PortProtocol(kind: .unsupported, because: .unknownAppProtocol(app))
        }
        if let name = port.name {
            for (prefix, kind) in [
                ("tcp-server-first-", Kind.tcpServerFirst), ("tcp-", .tcp), ("http-", .http), ("grpc-", .grpc),
            ]
            where name.hasPrefix(prefix) {
                return PortProtocol(kind: kind, because: .namePrefix(name: name, prefix: prefix))
            }
            return PortProtocol(kind: .http, because: .nameWithoutPrefix(name: name))
        }
        return PortProtocol(kind: .http, because: .unnamed)
    }
}
