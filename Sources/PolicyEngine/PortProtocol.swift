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
    var kind: Kind
    /// In words: `appProtocol: tcp`, `port name 'tcp-echo' starts with 'tcp-'`, …
    var because: String

    static func of(_ port: ServicePort) -> PortProtocol {
        if let app = port.appProtocol {
            if let kind = Kind(rawValue: app.lowercased()) {
                return PortProtocol(kind: kind, because: "appProtocol: \(app)")
            }
            return PortProtocol(
                kind: .unsupported,
                because:
                    "appProtocol '\(app)' is not one OSM knows (tcp, tcp-server-first, http, grpc), so its sidecars build no filter chain for it"
            )
        }
        if let name = port.name {
            for (prefix, kind) in [
                ("tcp-server-first-", Kind.tcpServerFirst), ("tcp-", .tcp), ("http-", .http), ("grpc-", .grpc),
            ]
            where name.hasPrefix(prefix) {
                return PortProtocol(kind: kind, because: "port name '\(name)' starts with '\(prefix)'")
            }
            return PortProtocol(
                kind: .http,
                because:
                    "no appProtocol, and port name '\(name)' has no tcp-/tcp-server-first-/http-/grpc- prefix, so HTTP is assumed"
            )
        }
        return PortProtocol(kind: .http, because: "no appProtocol and no port name, so HTTP is assumed")
    }
}
