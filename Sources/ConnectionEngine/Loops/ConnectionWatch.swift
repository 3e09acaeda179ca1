import MeshModel
import NIOCore

/// Every connection a pod holds on one event loop, in one table, and the timeouts that apply
/// to them, kept by one sweep per loop instead of a timer per connection: a peer that never
/// sends its header, a connection with no traffic for the idle time, or one older than its
/// lifetime (however it trickles) is closed. Stopping the pod closes whatever is left.
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
    private let lifetimeTicks: Int
    private let lifetimeSeconds: Double
    private var watches: [ConnectionWatch] = []
    private var sweep: RepeatedTask?
    /// The most connections open at once since the last `MemoryReturn.trim` this loop asked
    /// for: a trim is worth it when the table has shrunk far below it (peers went away), not
    /// while connections merely come and go (a load run).
    private var peakSinceTrim = 0
    private var trimScheduled = false
    /// Where a lifetime that ran out is reported: the engine, and the pod these are the
    /// connections of.
    private let state: EngineState?
    private let pod: ObjectKey?

    init(
        loop: EventLoop, headerSeconds: Double, idleSeconds: Double, lifetimeSeconds: Double = .infinity,
        state: EngineState? = nil, pod: ObjectKey? = nil
    ) {
        self.loop = loop
        let period = max(0.01, min(headerSeconds, idleSeconds, lifetimeSeconds) / 4)
        tick = .nanoseconds(Int64(period * 1e9))
        headerTicks = Int((headerSeconds / period).rounded(.up))
        idleTicks = Int((idleSeconds / period).rounded(.up))
        lifetimeTicks = lifetimeSeconds.isFinite ? Int(clamping: Int64((lifetimeSeconds / period).rounded(.up))) : .max
        self.lifetimeSeconds = lifetimeSeconds
        self.state = state
        self.pod = pod
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
        peakSinceTrim = max(peakSinceTrim, watches.count)
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
        if !trimScheduled, peakSinceTrim - watches.count >= MemoryReturn.batch, watches.count <= peakSinceTrim / 2 {
            trimScheduled = true
            loop.scheduleTask(in: MemoryReturn.delay) {
                self.peakSinceTrim = self.watches.count
                self.trimScheduled = false
                MemoryReturn.trim()
            }
        }
    }

    private func sweepOnce() {
        if watches.isEmpty {
            sweep?.cancel()
            sweep = nil
            return
        }
        var expired: [ConnectionWatch] = []
        var outlived = 0
        for watch in watches {
            switch watch.tick(headerLimit: headerTicks, idleLimit: idleTicks, lifetimeLimit: lifetimeTicks) {
            case .none: continue
            case .lifetime: outlived += 1
            case .header, .idle: break
            }
            expired.append(watch)
        }
        for watch in expired { watch.close() }  // closing edits the table: not while walking it
        if outlived > 0 {
            let seconds = lifetimeSeconds
            state?.limits.report(
                "maxConnectionSeconds", pod: pod, "closed \(outlived) connection\(outlived == 1 ? "" : "s") open for \(seconds) s"
            )
        }
    }

    /// Connections in the table and the bytes they hold (see `ConnectionWatch.heldBytes`).
    func holdings() -> (connections: Int, bytes: Int, largest: Int) {
        var bytes = 0
        var largest = 0
        for watch in watches {
            let held = watch.heldBytes
            bytes += held
            largest = max(largest, held)
        }
        return (watches.count, bytes, largest)
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
    /// A tunnel's server end: idle while no stream moves (`touch`), and no lifetime.
    private var carriesStreams = false
    private var age = 0
    private var quiet = 0

    fileprivate init(table: LoopConnections, awaitsHeader: Bool, timed: Bool) {
        self.table = table
        self.awaitsHeader = awaitsHeader
        self.timed = timed
    }

    /// The sidecar read its header line in time.
    func headerArrived() { awaitsHeader = false }

    /// The connection became a tunnel: from now on only stream traffic (`touch`) keeps it
    /// from being idle, so a peer cannot hold an empty tunnel open with frames for nothing,
    /// and it has no lifetime (it carries many short streams; their own connections do).
    func becameTunnel() {
        carriesStreams = true
        quiet = 0
    }

    /// A tunnel's stream moved.
    func touch() { quiet = 0 }

    fileprivate enum Expiry {
        case none, header, idle, lifetime
    }

    /// One sweep went by: which timeout expired, if one did.
    fileprivate func tick(headerLimit: Int, idleLimit: Int, lifetimeLimit: Int) -> Expiry {
        guard timed else { return .none }
        age += 1
        quiet += 1
        if awaitsHeader && age > headerLimit { return .header }
        if quiet > idleLimit { return .idle }
        if !carriesStreams && age > lifetimeLimit { return .lifetime }
        return .none
    }

    /// Bytes the connection holds: what its socket has not written yet, and what the
    /// handlers that keep bytes (the echo app, a stream, a tunnel with its streams) keep.
    var heldBytes: Int {
        guard let context else { return 0 }
        let unwritten = (try? context.channel.syncOptions?.getOption(.bufferedWritableBytes)) ?? 0
        let pipeline = context.pipeline.syncOperations
        var held = 0
        if let app = try? pipeline.handler(type: EchoAppHandler.self) { held += app.heldBytes }
        if let stream = try? pipeline.handler(type: StreamBridge.self) { held += stream.heldBytes - unwritten }
        if let tunnel = try? pipeline.handler(type: TunnelHandler.self) { held += tunnel.heldBytes }
        return unwritten + held
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
        if !carriesStreams { quiet = 0 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if !carriesStreams { quiet = 0 }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        table?.remove(self)
        context.fireChannelInactive()
    }
}
