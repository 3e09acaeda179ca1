import MeshModel
import NIOCore

/// Sits first on a connection a guarded listener accepted whose dial the registry does not
/// know yet (see `DialedRegistry`): it holds the connection's reads until the engine's dial
/// registers, and closes it, with a `bypassRefused` event, if none does within
/// `EngineConfiguration.dialerProofSeconds`. A connection whose dial is known already never
/// meets it (`DialedOnlyGate.check`), so the engine's own hot path pays one lookup.
final class DialedOnlyGate: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    typealias OutboundIn = NIOAny

    /// What is refused, for the event: "127.0.0.1:54321 → tcp-demo/tcp-echo-0's app port 9000:
    /// not dialed by its inbound sidecar".
    struct Refusal: Sendable {
        var state: EngineState
        var pod: ObjectKey
        var detail: String
    }

    private let registry: DialedRegistry
    private let key: DialedRegistry.Key?
    private let refusal: Refusal
    private let wait: TimeAmount
    private var context: ChannelHandlerContext?
    private var admitted = false
    private var done = false
    private var readHeld = false
    /// What arrived meanwhile: NIO reads a socket whose peer half-closed (EPOLLRDHUP) even
    /// with no read asked for, so holding `read` alone does not keep the bytes from the app.
    /// Bounded by one such read (`maxMessagesPerRead` times the allocator's largest buffer).
    private var held: [NIOAny] = []
    private var heldEvents: [Any] = []
    private var timer: Scheduled<Void>?

    private init(registry: DialedRegistry, key: DialedRegistry.Key?, refusal: Refusal, wait: TimeAmount) {
        self.registry = registry
        self.key = key
        self.refusal = refusal
        self.wait = wait
    }

    /// For a connection `channel` just accepted on a guarded listener: nil when the engine
    /// dialed it (its entry taken), else a gate to put first in its pipeline.
    static func check(
        _ channel: Channel, registry: DialedRegistry, refusal: @autoclosure () -> Refusal, waitSeconds: Double
    ) -> DialedOnlyGate? {
        let key = DialedRegistry.Key(dialer: channel.remoteAddress, listener: channel.localAddress)
        let gate = DialedOnlyGate(
            registry: registry, key: key, refusal: refusal(), wait: .nanoseconds(Int64(waitSeconds * 1e9)))
        guard let key else { return gate }  // not IPv4 loopback: nothing of ours
        let bound = NIOLoopBound(gate, eventLoop: channel.eventLoop)
        let loop = channel.eventLoop
        let known = registry.claim(key) { loop.execute { bound.value.admit() } }
        return known ? nil : gate
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if admitted { return admit() }
        guard key != nil else { return refuse() }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: wait) { self.refuse() }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if admitted { context.fireChannelRead(data) } else if !done { held.append(data) }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if admitted { context.fireChannelReadComplete() }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if admitted { context.fireUserInboundEventTriggered(event) } else if !done { heldEvents.append(event) }
    }

    func read(context: ChannelHandlerContext) {
        if admitted { context.read() } else { readHeld = true }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish()
        context.fireChannelInactive()
    }

    /// The dial registered: let the connection through.
    private func admit() {
        admitted = true
        guard let context, !done else { return }
        finish()
        let (data, events) = (held, heldEvents)
        held = []
        heldEvents = []
        for item in data { context.fireChannelRead(item) }
        if !data.isEmpty { context.fireChannelReadComplete() }
        for event in events { context.fireUserInboundEventTriggered(event) }
        if readHeld { context.read() }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    private func refuse() {
        guard let context, !done else { return }
        finish()
        held = []
        heldEvents = []
        refusal.state.emit(nil, .bypassRefused(pod: refusal.pod, detail: refusal.detail))
        context.close(promise: nil)
    }

    private func finish() {
        guard !done else { return }
        done = true
        timer?.cancel()
        if let key, !admitted { registry.cancel(key) }
    }
}
