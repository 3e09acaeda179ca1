import DataPlaneInterface
import MeshModel
import NIOCore
import PolicyEngine

/// Where a probe's connection goes, as the resolve step found it.
struct ProbeTarget {
    var address: SocketAddress
    /// What the pod writes: the original-destination line for its sidecar (if it has one),
    /// then the message and a newline.
    var request: String
    var context: ProbeClassification.Context
}

/// What the resolve step leaves to do: nothing (the probe is settled without a socket), or a dial.
enum ProbeStep {
    case settled(ProbeClassification)
    case dial(ProbeTarget)
}

extension MeshEngine {
    /// `kubectl exec POD -- sh -c 'echo MESSAGE | nc HOST PORT'` from the first pod of
    /// `from` (`NS/DEPLOYMENT`), over real sockets. Throws only for bad input.
    /// Three steps: resolve (ask the policy where to go), dial (the exchange), classify.
    package func probe(
        from: String, to: String, message: String = "hello", timeout: Double = 2
    ) async throws(QueryError) -> ProbeResult {
        let plane = state.current
        let source = try plane.policy.workload(named: from)
        let (host, port) = try PolicyIndex.splitHostPort(to)
        let id = state.newConnectionID()
        let started = NIODeadline.now()
        var result = ProbeResult(
            outcome: .denied, connection: id, from: from, to: to, message: message, reply: "", verdict: nil,
            reason: "", clientError: nil, latencies: Latencies(connect: nil, firstByte: nil, total: 0), endpointPod: nil)
        // The pods this probe uses are leased until it ends, so none is stopped for room under it.
        var leased: [ObjectKey] = []
        defer { for pod in leased { state.running.release(pod) } }
        switch await resolve(id, source: source, host: host, port: port, message: message, in: plane, leased: &leased) {
        case .settled(let settled):
            result.take(settled)
        case .dial(let target):
            let (record, exchange, latencies) = await dial(id, target, timeout: timeout, started: started)
            result.reply = exchange.reply
            result.latencies = latencies
            let classified = ProbeClassification.classify(
                record, exchange, context: target.context, timeout: timeout, policy: plane.policy)
            if classified.timedOut { state.emit(id, .timedOut(after: timeout)) }
            result.take(classified)
        }
        result.latencies.total = Self.seconds(since: started)
        state.emit(id, .closed(result.latencies))
        return result
    }

    /// The pod's DNS, then where its connection goes: its own outbound sidecar (iptables
    /// redirect), or, without a sidecar, the endpoint kube-proxy picks. One question to the
    /// policy answers both; with a sidecar the sidecar asks it again and picks the endpoint
    /// itself, so the probe takes no turn of the round-robin.
    private func resolve(
        _ id: ConnectionID, source: Int, host: String, port: Int, message: String, in plane: Dataplane,
        leased: inout [ObjectKey]
    ) async -> ProbeStep {
        let policy = plane.policy
        let state = self.state
        let workload = policy.workloads[source]
        let sourcePod = ObjectKey(namespace: workload.key.namespace, name: workload.podNames[0])
        // The source pod starts now if it is cold: its outbound sidecar is where the probe goes.
        let sourceAddresses: PodAddresses?
        do {
            sourceAddresses = try await control.acquire(sourcePod)
        } catch {
            return .settled(Self.couldNotStart(sourcePod, error))
        }
        if sourceAddresses != nil { leased.append(sourcePod) }
        let outbound = sourceAddresses?.outbound
        var route = policy.route(from: source, host: host, port: port) { service in
            outbound == nil ? state.nextEndpoint(for: policy.serviceKey(service)) : 0
        }
        // An outbound exclusion: the app's connection never meets its sidecar, so the probe
        // dials the destination itself, as from a pod without one.
        if outbound != nil, route.bypassesClientSidecar {
            route = policy.route(from: source, host: host, port: port) { state.nextEndpoint(for: policy.serviceKey($0)) }
        }
        guard route.verdict.reason != .unknownHost else {
            state.emit(id, .nameNotResolved(host: host))
            return .settled(
                ProbeClassification(
                    outcome: .denied, verdict: route.verdict, reason: "'\(host)' does not resolve to any Service",
                    reasonWords: .reason(.unknownHost(host: host)), clientError: "nc: bad address '\(host)'", endpointPod: nil))
        }
        let address = policy.clusterAddress(of: route) ?? (route.external ? policy.internetAddress(host) : nil) ?? host
        state.emit(id, .resolved(host: host, address: address))
        let refused = "nc: can't connect to remote host (\(address)): Connection refused"
        let echo = ProbeClassification.echoReply(to: message)
        if let outbound, !route.bypassesClientSidecar {
            // The endpoint the sidecar will pick next (the round-robin's next turn, not taken
            // here) starts now if it is cold, before the client's timeout runs: a real pod would
            // be up already. If another connection takes that turn first, the sidecar starts
            // the one it picks itself (OutboundSidecarHandler), only slower.
            let next = policy.route(from: source, host: host, port: port) { service in
                state.peekEndpoint(for: policy.serviceKey(service))
            }
            if next.path != .stopped, let pod = policy.endpointPod(of: next), (try? await control.acquire(pod)) != nil {
                leased.append(pod)
            }
            return .dial(
                ProbeTarget(
                    address: outbound,
                    request: Preamble.encode(Preamble.Original(connection: id, address: address, port: port)) + message + "\n",
                    context: .init(dialed: "outbound sidecar of \(sourcePod)", refusedMessage: refused, expectedReply: echo)))
        }
        // Without a sidecar the pod dials the endpoint itself: it starts now if it is cold.
        var endpoint: PodAddresses?
        if route.path != .stopped, let pod = policy.endpointPod(of: route) {
            do {
                endpoint = try await control.acquire(pod)
            } catch {
                return .settled(Self.couldNotStart(pod, error))
            }
            if endpoint != nil { leased.append(pod) }
        }
        let current = state.current
        func landing(_ pod: ObjectKey) -> (address: SocketAddress, viaSidecar: Bool)? {
            endpoint.flatMap { current.landing(at: $0, pod: pod, targetPort: Int(route.targetPort)) }
        }
        if route.path != .stopped, let pod = policy.endpointPod(of: route), landing(pod) == nil {
            // kube-proxy picked an endpoint that no longer listens (its app stopped).
            state.emit(id, .upstreamRefused(pod: pod, port: Int(route.targetPort)))
            return .settled(
                ProbeClassification(
                    outcome: .error, verdict: route.verdict,
                    reason: "connection refused by pod \(pod) (nothing listening on the target port)", clientError: refused,
                    endpointPod: pod))
        }
        guard route.path != .stopped, let pod = policy.endpointPod(of: route), let landing = landing(pod) else {
            let reason =
                route.verdict.reason == .noSuchPort
                ? "Service \(policy.serviceKey(Int(route.service))) has no port \(port)" : policy.summary(route.verdict)
            let words: ProbeResult.ReasonWords? =
                route.verdict.reason == .noSuchPort ? nil : .summary(policy.summaryCode(route.verdict))
            return .settled(
                ProbeClassification(
                    outcome: .denied, verdict: route.verdict, reason: reason, reasonWords: words, clientError: refused,
                    endpointPod: nil))
        }
        // Into a sidecar, the kernel's facts of a plaintext connection (IngressPlaintext.swift).
        let plain =
            landing.viaSidecar
            ? Preamble.encode(
                Preamble.Plaintext(
                    connection: id, sourceIP: PolicyIndex.podIP(sourcePod), port: Int(route.targetPort))) : ""
        return .dial(
            ProbeTarget(
                address: landing.address, request: plain + message + "\n",
                context: .init(
                    dialed: landing.viaSidecar ? "inbound sidecar of \(pod)" : "app of \(pod)", attributed: route.verdict,
                    endpointPod: pod, refusedMessage: refused, expectedReply: echo)))
    }

    /// A pod the probe needs could not start (its listeners do not fit in the descriptors):
    /// an error naming the bound, as a bound's refusal is.
    private static func couldNotStart(_ pod: ObjectKey, _ error: Error) -> ProbeClassification {
        ProbeClassification(
            outcome: .error, verdict: nil, reason: "could not start pod \(pod): \(error) (descriptorReserve)",
            clientError: nil, endpointPod: nil)
    }

    /// Connects, sends, reads to the end (or the timeout), and collects what the sidecars noted
    /// on the way. Reports the connect, the bytes and the reply as events.
    private func dial(
        _ id: ConnectionID, _ target: ProbeTarget, timeout: Double, started: NIODeadline
    ) async -> (ConnectionRecord, ProbeClassification.Exchange, Latencies) {
        let address = target.address
        state.emit(id, .connected(to: "\(address.ipAddress ?? "?"):\(address.port ?? 0) (\(target.context.dialed))"))
        state.expect(id)
        var latencies = Latencies(connect: nil, firstByte: nil, total: 0)
        let outcome: ProbeHandler.Outcome
        do {
            // The client is in this process too: it keeps to the descriptor reserve as the
            // sidecars do, and room for a reply a little longer than the one it expects.
            outcome = try await ProbeHandler.run(
                on: group.next(), to: address, request: target.request, timeout: timeout,
                replyLimit: max(ProbeHandler.replyLimit, target.context.expectedReply.utf8.count + 1),
                descriptors: state.descriptors, registry: state.dialed
            ).get()
        } catch {
            _ = state.takeRecord(id)
            return (ConnectionRecord(), .init(failure: "\(error)", reply: "", timedOut: false), latencies)
        }
        let record = state.takeRecord(id) ?? ConnectionRecord()
        let start = started.uptimeNanoseconds
        latencies.connect =
            outcome.connectedAt.uptimeNanoseconds > start ? Double(outcome.connectedAt.uptimeNanoseconds - start) / 1e9 : 0
        latencies.firstByte = outcome.firstByteAt.map { Double($0.uptimeNanoseconds - start) / 1e9 }
        let reply = outcome.reply.map { String(buffer: $0) } ?? ""
        state.emit(id, .bytes(sent: target.request.utf8.count, received: outcome.reply?.readableBytes ?? 0))
        if !reply.isEmpty { state.emit(id, .reply(reply)) }
        return (record, .init(failure: nil, reply: reply, timedOut: outcome.timedOut), latencies)
    }

    private static func seconds(since start: NIODeadline) -> Double {
        Double(NIODeadline.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
