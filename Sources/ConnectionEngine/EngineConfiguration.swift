/// Knobs of the data plane. Defaults follow the issue: 5 s drain (Envoy's is 600 s).
package struct EngineConfiguration: Sendable {
    /// How long a connection that a policy change denies may go on before it is closed.
    var drainSeconds: Double = 5
    /// A peer that sends no complete header (or no line) within this is disconnected.
    var headerTimeoutSeconds: Double = 5
    /// An accepted connection with no traffic for this long is closed.
    var idleTimeoutSeconds: Double = 60
    /// Longest line the echo app buffers before it gives up on the peer.
    var maxLineBytes: Int = 64 * 1024
    /// Event-loop threads. 2 cores here: measured in the data-plane benchmark.
    package var threads: Int = 2
    /// Which event loop runs what. Measured in the data-plane benchmark: sidecars apart from
    /// apps gave 10-20% more probes/s at c=16 and c=64 than a loop per pod, for ~25 us more at
    /// c=1; `worker` answers one probe 60-70 us sooner but carries ~15% less at c=16 on 2 cores.
    package var placement = LoopPlacement.container
    /// Outbound sidecars carry mesh connections as streams in pooled tunnels to the inbound
    /// sidecars (one TCP connection and one identity preamble per tunnel, not per connection).
    /// Off: one sidecar-to-sidecar connection per client connection, as before the tunnel.
    package var sidecarTunnels = true
    /// Per stream and direction: bytes in flight before the receiver returns credit.
    var streamWindowBytes = 64 * 1024
    /// App connections an inbound sidecar dials ahead of need, per app port and event loop
    /// (Envoy's preconnect); 0: dial when a stream opens. Each stream still gets its own.
    package var spareAppConnections = 8
    /// Streams one tunnel connection carries at most; a pool opens another beyond that.
    var maxStreamsPerTunnel = 256

    package init(drainSeconds: Double = 5, threads: Int = 2) {
        self.drainSeconds = drainSeconds
        self.threads = threads
    }
}

/// How pods map onto the engine's event loops.
package enum LoopPlacement: String, Sendable, CaseIterable {
    /// Each pod (app, sidecars, every connection they accept or dial) on one loop, pods round
    /// robin: a connection crosses threads only between pods.
    case pod
    /// Sidecars on one half of the loops, apps on the other (pods round robin within each), as
    /// they are separate processes in a real pod: with two loops, every sidecar on one and every
    /// app on the other.
    case container
    /// Every listener accepts onto every loop, round robin per connection.
    case spread
    /// Every loop runs every pod, as Envoy's worker threads each run all listeners: the pod's
    /// app and inbound sidecar listen once per loop, its outbound sidecar's listeners share one
    /// port (SO_REUSEPORT: the kernel spreads the pod's connections over the loops), and a
    /// sidecar dials the listener on its own loop. A connection stays on the loop that accepted
    /// it, through the tunnel to the app and back: no thread hop inside the engine.
    case worker
}
