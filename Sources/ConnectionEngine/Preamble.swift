import DataPlaneInterface
import MeshModel
import NIOCore

/// The two one-line headers the data plane adds, standing in for what the kernel and mTLS
/// carry in a real mesh:
/// - `MDK-ORIG <conn> <ip> <port>`: app → its own outbound sidecar, the original destination
///   (in OSM, iptables redirects the connection and Envoy reads SO_ORIGINAL_DST).
/// - `MDK-MESH <conn> <sa-namespace>/<sa-name> <port>`: outbound → inbound sidecar, the source
///   identity and original port (in OSM, the mTLS certificate and the connection itself).
///   A connection without it is plaintext, and inbound sidecars refuse plaintext.
/// - `MDK-TUNL <sa-namespace>/<sa-name>`: outbound → inbound sidecar, once per tunnel
///   connection: the source identity of every stream the tunnel will carry (in a real mesh,
///   the mTLS handshake). Frames (`TunnelFrame`) follow.
enum Preamble {
    static let maxBytes = 512
    static let originalPrefix = "MDK-ORIG "
    static let meshPrefix = "MDK-MESH "
    static let tunnelPrefix = "MDK-TUNL "

    struct Original: Equatable {
        var connection: ConnectionID
        var address: String
        var port: Int
    }

    struct Mesh: Equatable {
        var connection: ConnectionID
        var identityNamespace: String
        var identityName: String
        var port: Int
    }

    static func encode(_ o: Original) -> String { "\(originalPrefix)\(o.connection) \(o.address) \(o.port)\n" }
    static func encode(_ m: Mesh) -> String {
        "\(meshPrefix)\(m.connection) \(m.identityNamespace)/\(m.identityName) \(m.port)\n"
    }

    /// The tunnel preamble: the identity of the outbound sidecar's pod.
    static func encodeTunnel(identity: ObjectKey) -> String { "\(tunnelPrefix)\(identity.namespace)/\(identity.name)\n" }

    static func parseTunnel(_ line: String) -> ObjectKey? {
        guard line.hasPrefix(tunnelPrefix) else { return nil }
        let identity = line.dropFirst(tunnelPrefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard identity.count == 2, !identity[0].isEmpty, !identity[1].isEmpty,
            !identity[1].contains(" ")
        else { return nil }
        return ObjectKey(namespace: String(identity[0]), name: String(identity[1]))
    }

    static func parseOriginal(_ line: String) -> Original? {
        guard line.hasPrefix(originalPrefix) else { return nil }
        let parts = line.dropFirst(originalPrefix.count).split(separator: " ")
        guard parts.count == 3, let id = ConnectionID(parts[0]), let port = Int(parts[2]), (1...65535).contains(port) else {
            return nil
        }
        return Original(connection: id, address: String(parts[1]), port: port)
    }

    static func parseMesh(_ line: String) -> Mesh? {
        guard line.hasPrefix(meshPrefix) else { return nil }
        let parts = line.dropFirst(meshPrefix.count).split(separator: " ")
        guard parts.count == 3, let id = ConnectionID(parts[0]), let port = Int(parts[2]), (1...65535).contains(port) else {
            return nil
        }
        let identity = parts[1].split(separator: "/")
        guard identity.count == 2 else { return nil }
        return Mesh(connection: id, identityNamespace: String(identity[0]), identityName: String(identity[1]), port: port)
    }
}

/// Collects bytes until the first newline, refusing more than `Preamble.maxBytes`. Each read
/// is searched once: a header trickled a byte at a time costs its length, not its square.
struct HeaderAccumulator {
    private(set) var buffer: ByteBuffer?
    /// Bytes of `buffer` already searched for the newline.
    private var searched = 0

    enum Result {
        /// The header line (without newline) and whatever followed it in the same reads.
        case line(String, rest: ByteBuffer?)
        case needMore
        case tooLong
    }

    mutating func add(_ incoming: ByteBuffer) -> Result {
        if buffer == nil { buffer = incoming } else { var b = incoming; buffer!.writeBuffer(&b) }
        guard var b = buffer else { return .needMore }
        guard let newline = b.readableBytesView.dropFirst(searched).firstIndex(of: UInt8(ascii: "\n")) else {
            searched = b.readableBytes
            return b.readableBytes > Preamble.maxBytes ? .tooLong : .needMore
        }
        let length = newline - b.readerIndex
        guard length <= Preamble.maxBytes, let line = b.readString(length: length) else { return .tooLong }
        b.moveReaderIndex(forwardBy: 1)
        buffer = nil
        searched = 0
        return .line(line, rest: b.readableBytes > 0 ? b : nil)
    }

    /// True once the bytes so far cannot start any of `prefixes` (a plaintext peer, for example).
    func cannotStart(with prefixes: [String]) -> Bool {
        guard let b = buffer else { return false }
        return !prefixes.contains { prefix in
            prefix.utf8.starts(with: b.readableBytesView.prefix(prefix.utf8.count))
        }
    }
}

extension HeaderAccumulator {
    /// For fuzzers (a libFuzzer harness calls this with every input): `bytes` as what a peer
    /// sends a sidecar, cut into reads at places the bytes themselves choose, through the
    /// accumulator, every preamble parser and the HTTP sniffer, as the two sidecars use them;
    /// a refused header starts over, as a new connection would. Must never trap, whatever the
    /// bytes; returns how many header lines it found.
    @discardableResult
    package static func fuzz(_ bytes: [UInt8]) -> Int {
        let prefixes = [Preamble.originalPrefix, Preamble.meshPrefix, Preamble.tunnelPrefix]
        var header = HeaderAccumulator()
        let allocator = ByteBufferAllocator()
        var lines = 0
        var offset = 0
        var cut = 0
        while offset < bytes.count {
            let size = Int(bytes[cut % bytes.count]) % 97 + 1
            cut += 1
            let end = min(bytes.count, offset + size)
            let read = allocator.buffer(bytes: bytes[offset..<end])
            offset = end
            switch header.add(read) {
            case .needMore:
                if header.cannotStart(with: prefixes) { header = HeaderAccumulator() }
            case .tooLong:
                header = HeaderAccumulator()
            case .line(let line, let rest):
                lines += 1
                _ = Preamble.parseOriginal(line)
                _ = Preamble.parseMesh(line)
                _ = Preamble.parseTunnel(line)
                let seen = rest.map { Array($0.readableBytesView.prefix(16)) } ?? []
                _ = HTTPSniffer.looksLikeRequest(seen, complete: rest == nil)
                header = HeaderAccumulator()
            }
        }
        return lines
    }
}
