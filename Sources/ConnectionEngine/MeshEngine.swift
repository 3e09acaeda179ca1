import DataPlaneInterface
import Foundation
import MeshCertificates
import MeshModel
import NIOCore
import NIOPosix
import PolicyEngine

/// The data plane of one cluster on loopback: an echo app for every pod that runs OSM's
/// tcp-echo-server, an inbound and an outbound sidecar for every pod with a sidecar, all on one
/// event-loop group. Probes are real connections through them.
package final class MeshEngine: Sendable {
    let group: MultiThreadedEventLoopGroup
    let state: EngineState
    let control: ControlPlane
    /// The CA's renewal check (`checkCertificates`), cancelled at shutdown.
    private let renewal: RepeatedTask

    private init(group: MultiThreadedEventLoopGroup, state: EngineState) {
        self.group = group
        self.state = state
        self.control = ControlPlane(group: group, state: state)
        let every = TimeAmount.milliseconds(Int64(max(0.01, state.configuration.certificateCheckSeconds) * 1000))
        let renewalState = state
        renewal = group.next().scheduleRepeatedTask(initialDelay: every, delay: every) { _ in
            MeshEngine.checkCertificates(renewalState)
        }
        state.lifecycle.install(control)
    }

    /// Starts the data plane for `cluster`: its policy, and no pod yet (each starts when a
    /// connection first needs it; see `PodLifecycle`). Call `shutdown()` when done.
    /// `podEvents` hears only when a pod starts on use or is stopped for room (`podStarted`,
    /// `podEvicted`), without the cost of every connection's events. `policy`: the cluster
    /// already compiled (the dashboard's index, shared), so starting costs no compile.
    /// `certificates`: the mesh CA to issue the sidecars' certificates from (the dashboard
    /// passes the one it shows); by default one for this run, with the MeshConfig's
    /// `serviceCertValidityDuration`.
    package static func start(
        _ cluster: Cluster, policy: PolicyIndex? = nil, configuration: EngineConfiguration = EngineConfiguration(),
        events: EngineEventSink? = nil, podEvents: EngineEventSink? = nil,
        certificates: MeshCertificateAuthority? = nil
    ) async throws -> MeshEngine {
        // SwiftNIO ignores SIGPIPE when it opens its first socket; with pods started on use that
        // is no longer at start, and the dashboard, which takes the terminating signals still at
        // their default when it starts, would then end on a SIGPIPE (SignalRestoreTmuxTests).
        _ = signal(SIGPIPE, SIG_IGN)
        let validity = CertificateValidity(serviceCertValidityDuration: cluster.meshConfig?.serviceCertValidityDuration)
        let authority = try certificates ?? MeshCertificateAuthority(validity: validity)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: configuration.threads)
        let state = EngineState(
            configuration: configuration, sink: events,
            dataplane: Dataplane(policy: PolicyIndex(Cluster.empty()), pods: [:]), tls: MeshTLS(authority: authority))
        state.lifecycle.events.withLockedValue { $0 = podEvents }
        let engine = MeshEngine(group: group, state: state)
        do {
            try await engine.control.reconcile(cluster, policy: policy)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        return engine
    }

    /// Brings the data plane in step with a changed cluster. Takes effect for the next
    /// connection; open connections the new policy denies are drained.
    package func update(_ cluster: Cluster) async throws {
        takeValidity(of: cluster)
        try await control.reconcile(cluster, policy: nil)
    }

    /// With the index already compiled by the caller (the dashboard's): not compiled again.
    package func update(_ cluster: Cluster, policy: PolicyIndex) async throws {
        takeValidity(of: cluster)
        try await control.reconcile(cluster, policy: policy)
    }

    /// A MeshConfig change of `serviceCertValidityDuration` applies to certificates issued
    /// after it, as in OSM.
    private func takeValidity(of cluster: Cluster) {
        let validity = CertificateValidity(serviceCertValidityDuration: cluster.meshConfig?.serviceCertValidityDuration)
        if state.tls.authority.validity != validity { state.tls.authority.validity = validity }
    }

    /// Starts `pods` now (every pod of the cluster when nil) rather than on first use, for
    /// callers that dial a pod's listeners themselves (tests, benchmarks, `_cleanup-check`).
    /// They stay up until the bound needs their room (`EngineConfiguration.maxRunningPods`).
    package func startPods(_ pods: [ObjectKey]? = nil) async throws {
        try await control.startPods(pods)
    }

    /// Pods whose listeners are up now.
    package var runningPodCount: Int { state.running.count }

    /// Fault injection: one pod's app stops listening; its sidecar stays. A cold pod's app
    /// stays stopped when the pod starts.
    @discardableResult
    func stopApp(of pod: ObjectKey) async -> Bool {
        await control.stopApp(of: pod)
    }

    /// Fault injection: closes every tunnel connection into `pod`'s inbound sidecar (as a
    /// sidecar restart or a network reset would). Their streams fail with `tunnelLost`; the
    /// next connection dials a new tunnel. Returns how many were closed.
    @discardableResult
    func resetTunnels(to pod: ObjectKey) async -> Int {
        let hit = state.openTunnels.filter { $0.to == pod }
        for tunnel in hit { try? await tunnel.channel.close() }
        return hit.count
    }

    /// Tunnel connections open right now, from outbound sidecars to inbound sidecars.
    var openTunnelCount: Int { state.openTunnels.count }

    /// The connections the pods accepted or dialed that are open now, the bytes of memory they
    /// hold between them (unwritten output and what their handlers keep: see
    /// `EngineConfiguration.bytesHeldPerConnection`) and the most one holds. Walks every
    /// connection on its own event loop: for tests and soaks, not for every probe.
    package func holdings() async -> (connections: Int, bytes: Int, largest: Int) {
        await control.holdings()
    }

    /// The bounds in force (for tests and soaks that check them).
    package var configuration: EngineConfiguration { state.configuration }

    /// Closes every listener and connection and stops the event-loop threads.
    package func shutdown() async throws {
        renewal.cancel()
        await control.stopAll()
        try await group.shutdownGracefully()
    }

    /// The policy the sidecars use right now.
    package var policy: PolicyIndex { state.current.policy }
    /// Where each running pod listens (a cold pod is not in it: it has no listener yet; the
    /// internet's stand-in is not a pod of the cluster).
    package var pods: [ObjectKey: PodAddresses] { state.current.pods.filter { $0.key != PolicyIndex.internetPod } }
    /// Connections spliced through an outbound sidecar and still open.
    var openConnections: Int { state.openCount }

    /// The TCP ports this process itself has a listening socket on: the LISTEN rows of
    /// /proc/net/tcp whose socket inode is one of this process's descriptors, so another
    /// process that happens to reuse a freed ephemeral port (tests run many engines at once)
    /// does not count.
    package static func portsListenedOnByThisProcess() -> Set<Int> {
        let fm = FileManager.default
        var inodes = Set<String>()
        for fd in (try? fm.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let target = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)"), target.hasPrefix("socket:[") {
                inodes.insert(String(target.dropFirst("socket:[".count).dropLast()))
            }
        }
        var ports = Set<Int>()
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = readProcFile(table) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                // sl local_address rem_address st ... uid timeout inode
                let fields = line.split(separator: " ")
                guard fields.count > 9, fields[3] == "0A", inodes.contains(String(fields[9])),
                    let portHex = fields[1].split(separator: ":").last, let port = Int(portHex, radix: 16)
                else { continue }
                ports.insert(port)
            }
        }
        return ports
    }

    /// procfs files report a size of 0, so read them to the end rather than by their size.
    private static func readProcFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        return String(decoding: data, as: UTF8.self)
    }

}

/// The real data plane behind the dashboard and the walkthrough: `probe`, `load`, `update` and
/// `shutdown` above are the protocol's requirements.
extension MeshEngine: MeshDataPlane {}
