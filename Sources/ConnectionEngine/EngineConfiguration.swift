/// Knobs of the data plane. Defaults follow the issue: 5 s drain (Envoy's is 600 s).
public struct EngineConfiguration: Sendable {
    /// How long a connection that a policy change denies may go on before it is closed.
    public var drainSeconds: Double = 5
    /// A peer that sends no complete header (or no line) within this is disconnected.
    public var headerTimeoutSeconds: Double = 5
    /// An accepted connection with no traffic for this long is closed.
    public var idleTimeoutSeconds: Double = 60
    /// Longest line the echo app buffers before it gives up on the peer.
    public var maxLineBytes: Int = 64 * 1024
    /// Event-loop threads. 2 cores here: measured in the data-plane benchmark.
    public var threads: Int = 2

    public init(drainSeconds: Double = 5, threads: Int = 2) {
        self.drainSeconds = drainSeconds
        self.threads = threads
    }
}
