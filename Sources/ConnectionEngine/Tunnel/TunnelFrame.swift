import DataPlaneInterface
import NIOCore

/// The wire format of the sidecar-to-sidecar tunnel. One tunnel connection carries many
/// client connections as streams (what Istio's HBONE does with HTTP/2 CONNECT, and linkerd's
/// transport with its own framing). Every frame is a 9-byte header, then the payload:
///
///     kind (1) | stream id (4) | payload length (4) | payload       (big-endian)
///
/// - OPEN (client → server): connection id (8), target port (2), then the original
///   destination `ip:port` as the app dialed it. The source identity is the tunnel's own,
///   sent once in its preamble (it stands in for the mTLS peer certificate, as in HBONE).
/// - DATA: bytes of the stream, either way, counted against the receiver's window.
/// - FIN: the sender's side of the stream ended (a TCP half-close).
/// - RST: the stream is over, abnormally (denied, refused, a socket closed early).
/// - WINDOW: 4-byte increment: the receiver passed that many bytes on and takes that many more.
enum TunnelFrame {
    enum Kind: UInt8 {
        case open = 1
        case data = 2
        case fin = 3
        case rst = 4
        case window = 5
    }

    static let headerBytes = 9
    /// Largest DATA payload; bigger reads are split. Bounds what a parse may have to hold.
    static let maxData = 64 * 1024
    /// Largest OPEN payload (8 + 2 + an `ip:port`, with room to spare).
    static let maxOpen = 512

    struct Open: Equatable {
        var connection: ConnectionID
        var targetPort: Int
        /// `ip:port` as the app dialed it, for the record (HBONE's CONNECT authority).
        var destination: String
    }

    /// Appends one frame header; the caller appends exactly `length` payload bytes after it.
    @inline(__always)
    static func writeHeader(_ kind: Kind, stream: UInt32, length: Int, into out: inout ByteBuffer) {
        out.writeInteger(kind.rawValue)
        out.writeInteger(stream)
        out.writeInteger(UInt32(length))
    }

    static func writeOpen(
        stream: UInt32, connection: ConnectionID, targetPort: Int, host: String, port: Int,
        into out: inout ByteBuffer
    ) {
        writeHeader(.open, stream: stream, length: 0, into: &out)
        let lengthAt = out.writerIndex - 4
        let start = out.writerIndex
        out.writeInteger(connection)
        out.writeInteger(UInt16(clamping: targetPort))
        out.writeString(host)
        out.writeStaticString(":")
        out.writeString(String(port))
        out.setInteger(UInt32(out.writerIndex - start), at: lengthAt)
    }

    static func writeData(stream: UInt32, _ bytes: ByteBuffer, into out: inout ByteBuffer) {
        writeHeader(.data, stream: stream, length: bytes.readableBytes, into: &out)
        var copy = bytes
        out.writeBuffer(&copy)
    }

    static func writeWindow(stream: UInt32, increment: Int, into out: inout ByteBuffer) {
        writeHeader(.window, stream: stream, length: 4, into: &out)
        out.writeInteger(UInt32(clamping: increment))
    }

    static func parseOpen(_ payload: ByteBuffer) -> Open? {
        var p = payload
        guard let connection = p.readInteger(as: UInt64.self), let port = p.readInteger(as: UInt16.self),
            port > 0, let destination = p.readString(length: p.readableBytes)
        else { return nil }
        return Open(connection: connection, targetPort: Int(port), destination: destination)
    }

    static func parseWindow(_ payload: ByteBuffer) -> Int? {
        guard payload.readableBytes == 4, let n = payload.getInteger(at: payload.readerIndex, as: UInt32.self) else { return nil }
        return Int(n)
    }
}

/// Takes frames off the bytes a tunnel reads. Whole frames are handed out as slices of the
/// read buffer (no copy); only a frame split across reads is gathered, into one buffer that
/// is kept and reused. It holds at most one frame and one read, since a frame's length is
/// checked against its kind's maximum before any of it is waited for.
struct TunnelFrameParser {
    enum Step {
        case frame(TunnelFrame.Kind, stream: UInt32, payload: ByteBuffer)
        case needMore
        /// An unknown kind or an over-long frame: the peer does not speak the protocol.
        case invalid(String)
    }

    private var partial: ByteBuffer?

    /// The longest payload each kind may have: FIN and RST carry none, WINDOW its 4 bytes.
    static func maxPayload(_ kind: TunnelFrame.Kind) -> Int {
        switch kind {
        case .open: TunnelFrame.maxOpen
        case .data: TunnelFrame.maxData
        case .window: 4
        case .fin, .rst: 0
        }
    }

    /// Call with every read, then `next(&buffer)` until it answers `.needMore`, then `keep(buffer)`.
    mutating func begin(_ incoming: ByteBuffer) -> ByteBuffer {
        guard var gathered = partial, gathered.readableBytes > 0 else { return incoming }
        var more = incoming
        gathered.writeBuffer(&more)
        partial = nil
        return gathered
    }

    func next(_ buffer: inout ByteBuffer) -> Step {
        guard buffer.readableBytes >= TunnelFrame.headerBytes,
            let raw = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
            let stream = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt32.self),
            let length = buffer.getInteger(at: buffer.readerIndex + 5, as: UInt32.self)
        else { return .needMore }
        guard let kind = TunnelFrame.Kind(rawValue: raw) else { return .invalid("a frame of unknown kind \(raw)") }
        guard Int(length) <= Self.maxPayload(kind) else {
            return .invalid("a \(kind) frame of \(length) bytes (at most \(Self.maxPayload(kind)))")
        }
        guard buffer.readableBytes >= TunnelFrame.headerBytes + Int(length) else { return .needMore }
        buffer.moveReaderIndex(forwardBy: TunnelFrame.headerBytes)
        return .frame(kind, stream: stream, payload: buffer.readSlice(length: Int(length))!)
    }

    /// Keeps the bytes of an incomplete frame for the next read (a copy, so the read buffer
    /// itself can be reused by the channel).
    mutating func keep(_ rest: ByteBuffer, allocator: ByteBufferAllocator) {
        guard rest.readableBytes > 0 else { return }
        var rest = rest
        var store = allocator.buffer(capacity: max(rest.readableBytes, 4096))
        store.writeBuffer(&rest)
        partial = store
    }

    /// Bytes kept for a frame split across reads.
    var heldBytes: Int { partial?.storageCapacity ?? 0 }
}

extension TunnelFrameParser {
    /// For fuzzers (a libFuzzer harness calls this with every input): `bytes` as what a tunnel
    /// peer sends, cut into reads at places the bytes themselves choose, through the parser and
    /// every payload parser, with each frame applied to a flow window as a stream would. Must
    /// never trap, whatever the bytes; returns how many frames it took (so nothing is optimised
    /// away), or stops at the first invalid frame as a tunnel does.
    @discardableResult
    package static func fuzz(_ bytes: [UInt8]) -> Int {
        var parser = TunnelFrameParser()
        var window = FlowWindow(size: 64 * 1024)
        let allocator = ByteBufferAllocator()
        var frames = 0
        var offset = 0
        var cut = 0
        while offset < bytes.count {
            // Read sizes from 1 to 256 bytes, chosen by the input, so splits land everywhere.
            let size = Int(bytes[cut % bytes.count]) + 1
            cut += 1
            let end = min(bytes.count, offset + size)
            var buffer = parser.begin(allocator.buffer(bytes: bytes[offset..<end]))
            offset = end
            reading: while true {
                switch parser.next(&buffer) {
                case .needMore:
                    parser.keep(buffer, allocator: allocator)
                    break reading
                case .invalid:
                    return frames
                case .frame(let kind, _, let payload):
                    frames += 1
                    switch kind {
                    case .open: _ = TunnelFrame.parseOpen(payload)
                    case .data:
                        guard window.received(payload.readableBytes) else { return frames }
                        _ = window.passedOn(payload.readableBytes)
                    case .window:
                        guard let n = TunnelFrame.parseWindow(payload), window.credited(n) else { return frames }
                        window.sent(min(n, window.send))  // as if we sent what it allowed
                    case .fin, .rst: break
                    }
                }
            }
        }
        return frames
    }
}
