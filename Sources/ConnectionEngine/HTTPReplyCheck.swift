import DataPlaneInterface
import MeshModel
import NIOCore

/// Envoy's HTTP connection manager reading the upstream's reply on an HTTP port: a reply that
/// does not start as an HTTP response (`HTTP/`) is a protocol error, and the client gets
/// `502 Bad Gateway` with Envoy's body instead of the bytes (Envoy since 1.18, envoyproxy/envoy
/// PR 15033; OSM v1.2 runs 1.22). This is what `curl` sees from tcp-echo behind a port OSM
/// takes as HTTP (`pkg/envoy/lds/inmesh.go`: no appProtocol, no `tcp-` name prefix): the echo
/// app answers `echo response: GET / HTTP/1.1`, which is no HTTP response.
///
/// Sits first on the client's channel (outbound only), holds the reply's first bytes until five
/// are there, then either lets everything through and leaves, or answers 502 and closes.
final class HTTPReplyCheck: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static let body = "upstream connect error or disconnect/reset before headers. reset reason: protocol error"
    static let response =
        "HTTP/1.1 502 Bad Gateway\r\ncontent-length: \(body.utf8.count)\r\ncontent-type: text/plain\r\nserver: envoy\r\nconnection: close\r\n\r\n\(body)"
    private static let prefix = Array("HTTP/".utf8)

    private let notify: () -> Void
    private var seen: [UInt8] = []
    private var held: [(ByteBuffer, EventLoopPromise<Void>?)] = []
    private var flushHeld = false
    private var decided = false
    /// The 502 went out: whatever else the upstream sends is dropped.
    private var refused = false

    /// `notify`: called once when the reply is refused (for the event).
    init(notify: @escaping () -> Void) {
        self.notify = notify
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if refused { return promise?.succeed() ?? () }
        guard !decided else { return context.write(data, promise: promise) }
        let buffer = unwrapOutboundIn(data)
        seen += buffer.readableBytesView.prefix(Self.prefix.count - seen.count)
        held.append((buffer, promise))
        if !Self.prefix.starts(with: seen) {
            refuse(context)
        } else if seen.count == Self.prefix.count {
            pass(context)
        }
    }

    func flush(context: ChannelHandlerContext) {
        if decided, !refused { context.flush() } else { flushHeld = true }
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        // The upstream ended inside the first five bytes: no HTTP response either.
        if !decided, !seen.isEmpty { return refuse(context, then: (mode, promise)) }
        context.close(mode: mode, promise: promise)
    }

    private func pass(_ context: ChannelHandlerContext) {
        decided = true
        let bytes = held
        held = []
        for (buffer, promise) in bytes { context.write(wrapOutboundOut(buffer), promise: promise) }
        if flushHeld { context.flush() }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    private func refuse(_ context: ChannelHandlerContext, then close: (CloseMode, EventLoopPromise<Void>?)? = nil) {
        decided = true
        refused = true
        let bytes = held
        held = []
        for (_, promise) in bytes { promise?.succeed() }
        notify()
        let reply = context.channel.allocator.buffer(string: Self.response)
        context.writeAndFlush(wrapOutboundOut(reply)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
            close?.1?.succeed()
        }
    }
}
