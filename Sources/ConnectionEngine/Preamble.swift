import DataPlaneInterface
import MeshModel
import NIOCore

/// The one-line headers the data plane adds, standing in for what the kernel carries in a
/// real mesh. None of them carries an identity: between sidecars that is the mTLS certificate.
/// - `MDK-ORIG <conn> <ip> <port>`: app → its own outbound sidecar, the original destination
///   (in OSM, iptables redirects the connection and Envoy reads SO_ORIGINAL_DST).
/// - `MDK-MESH <conn> <port>`: outbound → inbound sidecar inside the mTLS connection, when the
///   engine runs without tunnels: the connection id and original port (in OSM, the connection
///   itself).
/// - `MDK-TUNL`: outbound → inbound sidecar inside the mTLS connection, once per tunnel: the
///   protocol marker; frames (`TunnelFrame`) follow. Every stream's source identity is the
///   one the tunnel's client certificate proved.
enum Preamble {
    static let maxBytes = 512
    static let originalPrefix = "MDK-ORIG "
    static let meshPrefix = "MDK-MESH "
    static let tunnelMarker = "MDK-TUNL"

    struct Original: Equatable {
        var connection: ConnectionID
        var address: String
        var port: Int
    }

    struct Mesh: Equatable {
        var connection: ConnectionID
        var port: Int
    }

    static func encode(_ o: Original) -> String { "\(originalPrefix)\(o.connection) \(o.address) \(o.port)\n" }
    static func encode(_ m: Mesh) -> String { "\(meshPrefix)\(m.connection) \(m.port)\n" }

    /// The tunnel preamble: the marker alone.
    static let tunnel = "\(tunnelMarker)\n"

    static func isTunnel(_ line: String) -> Bool { line == tunnelMarker }

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
        guard parts.count == 2, let id = ConnectionID(parts[0]), let port = Int(parts[1]), (1...65535).contains(port) else {
            return nil
        }
        return Mesh(connection: id, port: port)
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
        let prefixes = [Preamble.originalPrefix, Preamble.meshPrefix, Preamble.tunnelMarker, Preamble.plaintextPrefix]
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
                _ = Preamble.isTunnel(line)
                _ = Preamble.parsePlaintext(line)
                let seen = rest.map { Array($0.readableBytesView.prefix(16)) } ?? []
                _ = HTTPSniffer.looksLikeRequest(seen, complete: rest == nil)
                header = HeaderAccumulator()
            }
        }
        return lines
    }
}
