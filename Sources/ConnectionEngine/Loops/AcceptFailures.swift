import MeshModel
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// On a listener: when `accept` fails for want of descriptors (EMFILE, ENFILE) or memory, say
/// so once a second and let NIO's `AcceptBackoffHandler` wait a moment before the next try.
/// Without it NIO reports the error and accepts again at once, and the listening socket,
/// still readable, spins the event loop until a descriptor frees up. The connections already
/// accepted go on meanwhile; the waiting ones stay in the kernel's backlog.
final class AcceptFailures: ChannelInboundHandler {
    typealias InboundIn = Channel

    /// How long a listener waits after running out, before it accepts again.
    static let backoff = TimeAmount.milliseconds(50)

    private let state: EngineState
    private let pod: ObjectKey
    private let role: String

    private init(state: EngineState, pod: ObjectKey, role: String) {
        self.state = state
        self.pod = pod
        self.role = role
    }

    static func install(on channel: Channel, state: EngineState, pod: ObjectKey, role: String) throws {
        let pipeline = channel.pipeline.syncOperations
        try pipeline.addHandler(AcceptBackoffHandler(backoffProvider: { Self.isShortage($0) ? backoff : nil }))
        try pipeline.addHandler(AcceptFailures(state: state, pod: pod, role: role))
    }

    static func isShortage(_ error: IOError) -> Bool {
        [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(error.errnoCode)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        guard let error = error as? IOError, Self.isShortage(error) else { return context.fireErrorCaught(error) }
        state.limits.report(
            "descriptorReserve", pod: pod,
            "its \(role) could not accept a connection (\(String(cString: strerror(error.errnoCode)))); retrying in 50 ms")
    }
}
