/// Knobs of the data plane. Defaults follow the issue: 5 s drain (Envoy's is 600 s).
///
/// Every resource a peer can make the engine hold has a bound here, as Envoy documents its
/// own (connection and stream limits, timeouts, buffer sizes); reaching one is an
/// `EngineEvent.Kind.limitReached` (or, for a broken protocol, `tunnelProtocolError`) naming
/// the property, never a crash:
/// - memory: `maxLineBytes`, `streamWindowBytes` and the socket write buffers bound what one
///   connection holds, whatever it carries or for how long (`bytesHeldPerConnection`);
/// - descriptors: `descriptorReserve`, and the tunnel and stream limits below, which bound how
///   many connections a stream flood makes the inbound sidecar dial;
/// - time: `headerTimeoutSeconds`, `idleTimeoutSeconds`, `maxConnectionSeconds`.
package struct EngineConfiguration: Sendable {
    /// How long a connection that a policy change denies may go on before it is closed.
    var drainSeconds: Double = 5
    /// A peer that sends no complete header (or no line) within this is disconnected.
    package var headerTimeoutSeconds: Double = 5
    /// An accepted connection with no traffic for this long is closed. A tunnel counts as
    /// quiet while it carries no stream traffic, whatever other frames its peer sends.
    var idleTimeoutSeconds: Double = 60
    /// Default 600 s: the longest any accepted connection may live, however it trickles (one
    /// byte every 20 s resets the idle timeout forever), as Envoy's `max_connection_duration`.
    /// Twice the longest probe timeout the CLI accepts (300 s), so no probe or load run meets
    /// it; tunnels are exempt (they carry many short streams and are bounded in number
    /// instead), but the connections their streams ride on are not.
    package var maxConnectionSeconds: Double = 600
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
    /// Default 256: streams one tunnel connection carries at most (a peer's connection: the
    /// inbound sidecar resets OPENs beyond it); an outbound pool opens another tunnel beyond it.
    var maxStreamsPerTunnel = 256
    /// Default 32: tunnels into one inbound sidecar from one identity (the preamble's, which
    /// stands in for a verified certificate), over all its event loops. A busy outbound
    /// sidecar needs one per 256 streams and loop: 32 carry twice `load`'s largest
    /// `--concurrency`. The 33rd is closed after its preamble.
    package var maxTunnelsPerIdentity = 32
    /// Default 4,096: streams into one inbound sidecar from one identity at once, over all its
    /// tunnels. Each holds two descriptors (the sidecar's connection to the app and the app's
    /// end), so 45 tunnels of 256 streams no longer take 23,000 of them; 4,096 is `load`'s
    /// largest `--concurrency`, so one load run from one workload never meets it.
    package var maxStreamsPerIdentity = 4096
    /// Default 128: tunnels into one inbound sidecar from every identity together. A claimed
    /// identity costs a peer nothing (permissive mode admits unknown ones), so the per-identity
    /// limits alone would not bound a peer that claims a new one per tunnel.
    package var maxTunnelsPerInboundSidecar = 128
    /// Default 8,192: streams into one inbound sidecar from every identity together (16,384
    /// descriptors at most, under the 20,000 `ulimit -n` of this machine).
    package var maxStreamsPerInboundSidecar = 8192
    /// Default 256: file descriptors the engine leaves free. A connection accepted or dialed
    /// when fewer are free is refused (closed at once, with an event) while the ones already
    /// open go on. Some code cannot survive running out: libdispatch opens /proc files to
    /// watch the threads of Swift's concurrency pool and traps when it cannot (seen as SIGILL
    /// at 20,000 descriptors). 256 is about 1% of this machine's limit and far more than the
    /// few the runtime needs at once.
    package var descriptorReserve = 256
    /// TLS handshakes an engine's inbound sidecars run at once. A handshake costs a signature
    /// and a verification (about a millisecond of CPU); past this many, a new TLS connection is
    /// closed as soon as its first byte shows it is one, with a `limitReached` event, so peers
    /// that open handshakes and stall (the header timeout ends each after 5 s) cannot queue
    /// unbounded work or memory. Tunnels handshake once, so the mesh itself needs few.
    package var maxHandshakesInFlight = 64
    /// How often the engine's certificate manager looks for certificates to renew (OSM's
    /// rotation ticker: 5 s, cmd/osm-controller/osm-controller.go and
    /// pkg/certificate/manager.go). Until it does, a certificate expired by a fault is what the
    /// sidecars present.
    package var certificateCheckSeconds: Double = 5
    /// Default true: a meshed pod's app accepts only connections its inbound sidecar dialed,
    /// and an outbound sidecar only those the engine dialed (probes, load, `serve`'s portals),
    /// as a real pod's network allows (`DialedRegistry`). False lets any local process in, for
    /// the benchmark's baselines (direct, HAProxy) and attack tests that play a pod's app.
    package var refuseLocalBypass = true
    /// Default 1 s: how long a guarded listener holds a connection whose dial the engine has
    /// not registered yet (a dial made the non-blocking way registers once connected, and on
    /// loopback the accept can come first) before refusing it as a bypass.
    package var dialerProofSeconds: Double = 1
    /// Default 256: connections one `serve --expose` portal carries at once; more are closed
    /// at accept with a `limitReached` event (each costs four descriptors: the client's, the
    /// portal's, the dial into the outbound sidecar and its accept).
    package var maxPortalConnections = 256
    /// Default nil: derived from the descriptors (`runningPodBound`). Pods start on first use
    /// (a probe's source when it sends, an endpoint when a connection is routed to it) and
    /// stay up while used; when one more must start and this many run, the least recently used
    /// pod that no connection is using is stopped first (an `EngineEvent.Kind.podEvicted`).
    /// Pods in use are never stopped: while every running pod carries a connection the count
    /// may pass the bound by those (at most two per connection in flight), and the descriptor
    /// reserve is what refuses beyond that.
    package var maxRunningPods: Int?

    /// What one running pod may hold in descriptors with no connection in flight: its
    /// listeners (app, inbound and outbound sidecar; once per loop with `LoopPlacement.worker`),
    /// the spare app connections of its inbound sidecar (two descriptors each: both ends are in
    /// this process) and a share of the tunnels between pods (one per loop, two ends).
    var descriptorsPerRunningPod: Int {
        3 * threads + 2 * spareAppConnections * threads + 2 * threads
    }

    /// `maxRunningPods`, or half of the descriptors above the reserve spent on idle pods (the
    /// other half stays for connections): 235 pods with `ulimit -n` 20,000 and the defaults.
    func runningPodBound(descriptorLimit: Int) -> Int {
        if let maxRunningPods { return max(1, maxRunningPods) }
        return max(2, (descriptorLimit - descriptorReserve) / 2 / descriptorsPerRunningPod)
    }

    package init(drainSeconds: Double = 5, threads: Int = 2) {
        self.drainSeconds = drainSeconds
        self.threads = threads
    }

    /// The most one connection makes the engine hold in memory, whatever it carries or for
    /// how long: its unanswered bytes (a line of at most `maxLineBytes` and one read, kept
    /// in storage of at most twice that), what its reader has not taken yet (one stream
    /// window in the tunnel's receiver, plus the socket's write buffer up to NIO's high-water
    /// mark of 64 KiB and one reply batch), and what its sender gave beyond the window (at
    /// most one read loop: 4 reads of up to 64 KiB). The kernel's socket buffers come on top
    /// and are not process memory.
    package var bytesHeldPerConnection: Int {
        let read = 64 * 1024
        let writeBuffer = 64 * 1024 + 16 * 1024
        return 2 * (maxLineBytes + read) + 2 * streamWindowBytes + writeBuffer + 4 * read
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
