import NIOCore

/// Closes a connection whose header line does not arrive in time: a peer that connects to a
/// sidecar and says nothing does not hold the connection. Used on the channel's event loop.
struct HeaderDeadline {
    private var task: Scheduled<Void>?

    mutating func start(_ context: ChannelHandlerContext, seconds: Double) {
        task = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(Int64(seconds * 1e9))) {
            context.close(promise: nil)
        }
    }

    mutating func cancel() {
        task?.cancel()
        task = nil
    }
}
