import DataPlaneInterface
import Foundation
import MeshModel
import NIOCore
import NIOPosix
import PolicyEngine

/// The data plane of one cluster on loopback: an echo app for every pod that runs OSM's
/// tcp-echo-server, an inbound and an outbound sidecar for every pod with a sidecar, all on one
/// event-loop group. Probes are real connections through them.
public final class MeshEngine: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let state: EngineState
    private let control: ControlPlane

    private init(group: MultiThreadedEventLoopGroup, state: EngineState) {
        self.group = group
        self.state = state
        self.control = ControlPlane(group: group, state: state)
    }

    /// Starts the data plane for `cluster`. Call `shutdown()` when done.
    public static func start(
        _ cluster: Cluster, configuration: EngineConfiguration = EngineConfiguration(),
        events: EngineEventSink? = nil
    ) async throws -> MeshEngine {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: configuration.threads)
        let state = EngineState(
            configuration: configuration, sink: events,
            dataplane: Dataplane(policy: PolicyIndex(Cluster.empty()), pods: [:]))
        let engine = MeshEngine(group: group, state: state)
        do {
            try await engine.control.reconcile(cluster)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        return engine
    }

    /// Brings the data plane in step with a changed cluster. Takes effect for the next
    /// connection; open connections the new policy denies are drained.
    public func update(_ cluster: Cluster) async throws {
        try await control.reconcile(cluster)
    }

    /// Fault injection: one pod's app stops listening; its sidecar stays.
    @discardableResult
    public func stopApp(of pod: ObjectKey) async -> Bool {
        await control.stopApp(of: pod)
    }

    /// Fault injection: closes every tunnel connection into `pod`'s inbound sidecar (as a
    /// sidecar restart or a network reset would). Their streams fail with `tunnelLost`; the
    /// next connection dials a new tunnel. Returns how many were closed.
    @discardableResult
    public func resetTunnels(to pod: ObjectKey) async -> Int {
        let hit = state.openTunnels.filter { $0.to == pod }
        for tunnel in hit { try? await tunnel.channel.close() }
        return hit.count
    }

    /// Tunnel connections open right now, from outbound sidecars to inbound sidecars.
    public var openTunnelCount: Int { state.openTunnels.count }

    /// Closes every listener and connection and stops the event-loop threads.
    public func shutdown() async throws {
        await control.stopAll()
        try await group.shutdownGracefully()
    }

    /// The policy the sidecars use right now.
    public var policy: PolicyIndex { state.current.policy }
    /// Where each pod listens.
    public var pods: [ObjectKey: PodAddresses] { state.current.pods }
    /// Connections spliced through an outbound sidecar and still open.
    public var openConnections: Int { state.openCount }

    /// `kubectl exec POD -- sh -c 'echo MESSAGE | nc HOST PORT'` from the first pod of
    /// `from` (`NS/DEPLOYMENT`), over real sockets. Throws only for bad input.
    public func probe(
        from: String, to: String, message: String = "hello", timeout: Double = 2
    ) async throws(QueryError) -> ProbeResult {
        let plane = state.current
        let policy = plane.policy
        let source = try policy.workload(named: from)
        let (host, port) = try PolicyIndex.splitHostPort(to)
        let id = state.newConnectionID()
        let started = NIODeadline.now()
        var result = ProbeResult(
            outcome: .denied, connection: id, from: from, to: to, reply: "", verdict: nil,
            reason: "", clientError: "command terminated with exit code 1",
            latencies: Latencies(connect: nil, firstByte: nil, total: 0), endpointPod: nil)
        result.message = message
        func finish(_ r: ProbeResult) -> ProbeResult {
            var r = r
            r.latencies.total = Self.seconds(since: started)
            state.emit(id, .closed(r.latencies))
            return r
        }
        // The pod's DNS.
        guard let service = policy.resolve(host: host, from: source) else {
            state.emit(id, .nameNotResolved(host: host))
            result.verdict = Verdict(allowed: false, point: .nameResolution, reason: .unknownHost)
            result.reason = "'\(host)' does not resolve to any Service"
            result.clientError = "nc: bad address '\(host)'"
            return finish(result)
        }
        let address = policy.services[service].clusterIP.flatMap { $0 == "None" ? nil : $0 } ?? host
        state.emit(id, .resolved(host: host, address: address))
        let sourcePod = ObjectKey(namespace: policy.workloads[source].key.namespace, name: policy.workloads[source].podNames[0])
        let refusedMessage = "nc: can't connect to remote host (\(address)): Connection refused"

        // Where the pod's connection goes: its own outbound sidecar (iptables redirect), or,
        // without a sidecar, kube-proxy's choice of endpoint.
        let dial: SocketAddress
        let dialed: String
        var request = message + "\n"
        // For a pod without a sidecar no sidecar decides: what the policy says explains the outcome.
        var attributed: Verdict?
        if let outbound = plane.pods[sourcePod]?.outbound {
            dial = outbound
            dialed = "outbound sidecar of \(sourcePod)"
            request = Preamble.encode(Preamble.Original(connection: id, address: address, port: port)) + request
        } else {
            guard let portIndex = policy.portIndex(service: service, port: port) else {
                result.verdict = Verdict(allowed: false, point: .serviceEndpoints, reason: .noSuchPort)
                result.reason = "Service \(policy.services[service].key) has no port \(port)"
                result.clientError = refusedMessage
                return finish(result)
            }
            let resolved = ResolvedDestination(service: service, portIndex: portIndex)
            let endpoint = state.nextEndpoint(for: policy.services[service].key)
            let verdict = policy.decide(from: source, to: resolved, endpoint: endpoint)
            guard let pod = plane.endpointPod(service: service, endpoint: endpoint),
                let targetPort = policy.targetPort(resolved, endpoint: endpoint),
                let landing = plane.landing(pod: pod, targetPort: targetPort)
            else {
                result.verdict = verdict
                result.reason = policy.summary(verdict)
                result.clientError = refusedMessage
                return finish(result)
            }
            dial = landing.address
            dialed = landing.viaSidecar ? "inbound sidecar of \(pod)" : "app of \(pod)"
            result.endpointPod = pod
            attributed = verdict
        }
        state.emit(id, .connected(to: "\(dial.ipAddress ?? "?"):\(dial.port ?? 0) (\(dialed))"))
        state.expect(id)
        let outcome: ProbeHandler.Outcome
        do {
            outcome = try await ProbeHandler.run(on: group.next(), to: dial, request: request, timeout: timeout).get()
        } catch {
            _ = state.takeRecord(id)
            result.outcome = .error
            result.reason = "connection to \(dialed) failed: \(error)"
            result.clientError = refusedMessage
            return finish(result)
        }
        let record = state.takeRecord(id) ?? ConnectionRecord()
        if let pod = record.endpointPod { result.endpointPod = pod }
        result.latencies.connect =
            outcome.connectedAt.uptimeNanoseconds > started.uptimeNanoseconds
            ? Double(outcome.connectedAt.uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 : 0
        result.latencies.firstByte = outcome.firstByteAt.map { Double($0.uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        result.reply = outcome.reply.map { String(buffer: $0) } ?? ""
        let sent = request.utf8.count
        state.emit(id, .bytes(sent: sent, received: outcome.reply?.readableBytes ?? 0))
        if !result.reply.isEmpty { state.emit(id, .reply(result.reply)) }

        let verdict = record.serverVerdict ?? record.clientVerdict ?? attributed
        result.verdict = verdict
        if let pod = record.tunnelLost {
            result.outcome = .error
            result.reason = "the tunnel to the inbound sidecar of \(pod) closed while the connection was in it"
            result.endpointPod = pod
        } else if let pod = record.refusedBy {
            result.outcome = .error
            result.reason = "connection refused by pod \(pod) (nothing listening on the target port)"
            result.endpointPod = pod
        } else if outcome.timedOut, result.reply.isEmpty {
            result.outcome = .error
            result.reason = "no reply within \(timeout) s"
            state.emit(id, .timedOut(after: timeout))
        } else if let verdict, verdict.allowed || !result.reply.isEmpty {
            result.outcome = .allowed
            result.clientError = nil
            result.reason =
                record.badRequest
                ? "the port is HTTP to the mesh: the client sidecar answered the raw TCP message with 400 Bad Request"
                : policy.summary(verdict)
        } else {
            result.outcome = .denied
            result.reason = verdict.map { policy.summary($0) } ?? "the connection was closed without a reply"
        }
        return finish(result)
    }

    /// The TCP ports this process itself has a listening socket on: the LISTEN rows of
    /// /proc/net/tcp whose socket inode is one of this process's descriptors, so another
    /// process that happens to reuse a freed ephemeral port (tests run many engines at once)
    /// does not count.
    public static func portsListenedOnByThisProcess() -> Set<Int> {
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

    private static func seconds(since start: NIODeadline) -> Double {
        Double(NIODeadline.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

/// The real data plane behind the dashboard and the walkthrough: `probe`, `load`, `update` and
/// `shutdown` above are the protocol's requirements.
extension MeshEngine: MeshDataPlane {}
