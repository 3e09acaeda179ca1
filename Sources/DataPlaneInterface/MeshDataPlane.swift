import MeshModel
import PolicyEngine

/// What the dashboard and the walkthrough need from a data plane, and nothing more: keep it in
/// step with a cluster, send one probe, run a load, stop. `ConnectionEngine.MeshEngine` is the
/// real one (SwiftNIO, sockets on loopback); reducer and run-loop tests use one that answers in
/// memory, so only end-to-end tests open sockets.
///
/// Events (each connection's resolution, verdicts, bytes, drains) go to the `EngineEventSink`
/// the data plane was started with: whoever starts it decides where they go.
package protocol MeshDataPlane: AnyObject, Sendable {
    /// Brings the data plane in step with `cluster`: the next connection meets its policy, open
    /// connections it denies are drained.
    func update(_ cluster: Cluster) async throws

    /// The same with `cluster` already compiled (`policy` is `PolicyIndex(cluster)` or an
    /// index brought to it by `updated(to:)`): the dashboard passes the index its views read,
    /// so the cluster is compiled once, not once per reader.
    func update(_ cluster: Cluster, policy: PolicyIndex) async throws

    /// `kubectl exec POD -- sh -c 'echo MESSAGE | nc HOST PORT'` from the first pod of `from`
    /// (`NS/WORKLOAD`). Throws only for bad input (an unknown source, a malformed `to`).
    func probe(from: String, to: String, message: String, timeout: Double) async throws(QueryError) -> ProbeResult

    /// `count` probes, `concurrency` at a time. `progress` gets the number finished (at most
    /// every 1%), `onResult` every probe's outcome (nil when it threw) and latency in seconds.
    /// Cancelling the calling task stops starting probes.
    func load(
        from: String, to: String, message: String, count: Int, concurrency: Int, timeout: Double,
        progress: (@Sendable (Int) -> Void)?, onResult: (@Sendable (ProbeResult.Outcome?, Double) -> Void)?
    ) async throws(QueryError) -> LoadReport

    /// Fault: the service certificate of `workload`'s ServiceAccount (`NS/WORKLOAD`) expires
    /// now. Its next new connection or tunnel is refused with "certificate has expired" until
    /// the mesh CA's renewal check issues a new one. Returns the identity
    /// (`curl.curl.cluster.local`). Throws for an unknown or unmeshed workload.
    func expireCertificate(of workload: String) async throws(QueryError) -> String

    /// Fault: the mesh's root is replaced. Certificates of the old root are refused; open
    /// tunnels close and are dialed again under the new root. Returns how many closed.
    func rotateRoot() async throws -> Int

    /// Closes every listener and connection.
    func shutdown() async throws
}

extension MeshDataPlane {
    /// A data plane that compiles for itself ignores the index it is given.
    package func update(_ cluster: Cluster, policy: PolicyIndex) async throws {
        try await update(cluster)
    }

    /// The walkthrough's probe defaults: `echo hello | nc …`, a 2 s timeout as `nc -w 2`.
    package func probe(from: String, to: String, message: String = "hello") async throws(QueryError) -> ProbeResult {
        try await probe(from: from, to: to, message: message, timeout: 2)
    }

    package func load(
        from: String, to: String, message: String = "hello", count: Int, concurrency: Int,
        onResult: (@Sendable (ProbeResult.Outcome?, Double) -> Void)? = nil
    ) async throws(QueryError) -> LoadReport {
        try await load(
            from: from, to: to, message: message, count: count, concurrency: concurrency, timeout: 2, progress: nil,
            onResult: onResult)
    }
}
