import NIOCore

/// Every connection a pod holds on one event loop, in one table, and the timeouts that apply
/// to them, kept by one sweep per loop instead of a timer per connection: a peer that never
/// sends its header, or a connection with no traffic for the idle time, is closed. Stopping
/// the pod closes whatever is left in the table.
///
/// Before this, each accepted connection carried NIO's IdleStateHandler (a scheduled task and
/// a timestamp per read and write) and the sidecars a header-deadline task, and the pod kept
/// its connections in a locked dictionary with a close callback each. Measured on the mesh
/// path, the timers alone were about 5% of the CPU per probe.
final class LoopConnections: @unchecked Sendable {
    let loop: EventLoop
    /// Sweep period, and how many periods make each timeout.
    private let tick: TimeAmount
    private let headerTicks: Int
    private let idleTicks: Int
    private var watches: [ConnectionWatch] = []
    private var sweep: RepeatedTask?

    init(loop: EventLoop, headerSeconds: Double, idleSeconds: Double) {
        self.loop = loop
        let period = max(0.01, min(headerSeconds, idleSeconds) / 4)
        tick = .nanoseconds(Int64(period * 1e9))
        headerTicks = Int((headerSeconds / period).rounded(.up))
        idleTicks = Int((idleSeconds / period).rounded(.up))
    }

    /// A connection the pod accepted (`awaitsHeader`: a sidecar's, which must open with a
    /// header line) or dialed (`timed: false`: a tunnel or a spare, whose peer times it).
    func watch(_ channel: Channel, awaitsHeader: Bool = false, timed: Bool = true) throws -> ConnectionWatch {
        let watch = ConnectionWatch(table: self, awaitsHeader: awaitsHeader, timed: timed)
        try channel.pipeline.syncOperations.addHandler(watch, position: .first)
        return watch
    }

    fileprivate func add(_ watch: ConnectionWatch) {
        watch.index = watches.count
        watches.append(watch)
        if sweep == nil {
            sweep = loop.scheduleRepeatedTask(initialDelay: tick, delay: tick) { [weak self] _ in self?.sweepOnce() }
        }
    }

    fileprivate func remove(_ watch: ConnectionWatch) {
        let i = watch.index
        guard i >= 0, i < watches.count, watches[i] === watch else { return }
        let last = watches.removeLast()
        if i < watches.count {
            watches[i] = last
            last.index = i
        }
        watch.index = -1
    }

    private func sweepOnce() {
        if watches.isEmpty {
            sweep?.cancel()
            sweep = nil
            return
        }
        var expired: [ConnectionWatch] = []
        for watch in watches where watch.tick(headerLimit: headerTicks, idleLimit: idleTicks) { expired.append(watch) }
        for watch in expired { watch.close() }  // closing edits the table: not while walking it
    }

    /// The pod stops: every connection it still holds on this loop is closed.
    func closeAll() {
        let all = watches
        for watch in all { watch.close() }
        sweep?.cancel()
        sweep = nil
    }
}

/// The first handler of a pod's connection: notes traffic for the idle timeout, the header
/// for the header timeout, and leaves the table when the connection closes.
final class ConnectionWatch: ChannelDuplexHandler {
    typealias InboundIn = NIOAny
    typealias OutboundIn = NIOAny

    private weak var table: LoopConnections?
    private var context: ChannelHandlerContext?
    fileprivate var index = -1
    private var awaitsHeader: Bool
    private let timed: Bool
    private var age = 0
    private var quiet = 0

    fileprivate init(table: LoopConnections, awaitsHeader: Bool, timed: Bool) {
        self.table = table
        self.awaitsHeader = awaitsHeader
        self.timed = timed
    }

    /// The sidecar read its header line in time.
    func headerArrived() { awaitsHeader = false }

    /// One sweep went by; true when a timeout expired.
    fileprivate func tick(headerLimit: Int, idleLimit: Int) -> Bool {
        guard timed else { return false }
        age += 1
        quiet += 1
        return (awaitsHeader && age > headerLimit) || quiet > idleLimit
    }

    fileprivate func close() { context?.close(promise: nil) }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        table?.add(self)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        table?.remove(self)
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        quiet = 0
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        quiet = 0
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        table?.remove(self)
        context.fireChannelInactive()
    }
}
