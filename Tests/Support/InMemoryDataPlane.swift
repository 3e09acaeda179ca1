import DataPlaneInterface
import Foundation
import MeshModel
import PolicyEngine
import Synchronization

/// A data plane that answers in memory, from the policy alone: what the real one would do, with
/// no sockets, threads or timing. Reducer and run-loop tests use it; only end-to-end tests start
/// `ConnectionEngine.MeshEngine`. It records what it was asked, in order, so a test can check
/// that the dashboard brought it up to date before sending a probe.
package final class InMemoryDataPlane: MeshDataPlane {
    package enum Call: Sendable, Equatable {
        case update(revision: Int)
        case probe(from: String, to: String, message: String)
        case load(count: Int)
        case expireCertificate(workload: String)
        case rotateRoot
        case shutdown
    }

    private struct State {
        var policy: PolicyIndex
        var calls: [Call] = []
        var roundRobin: [Int: Int] = [:]
        var nextConnection: ConnectionID = 1
        /// Workloads whose certificate a fault expired (until a root rotation reissues all).
        var expired: Set<String> = []
    }
    private let state: Mutex<State>
    /// How long an update takes to land, as the real engine's reconcile does: a test that checks
    /// ordering gives it one, so a probe sent without waiting for it would meet the old policy.
    private let updateTakes: Duration

    package init(_ cluster: Cluster, updateTakes: Duration = .zero) {
        state = Mutex(State(policy: PolicyIndex(cluster)))
        self.updateTakes = updateTakes
    }

    /// Everything asked so far, oldest first.
    package var calls: [Call] { state.withLock { $0.calls } }

    /// Records the update once it has landed (after `updateTakes`).
    package func update(_ cluster: Cluster) async throws {
        if updateTakes > .zero { try await Task.sleep(for: updateTakes) }
        state.withLock {
            $0.policy = PolicyIndex(cluster)
            $0.calls.append(.update(revision: cluster.revision))
        }
    }

    package func probe(from: String, to: String, message: String, timeout: Double) async throws(QueryError) -> ProbeResult {
        let (policy, id) = state.withLock { st -> (PolicyIndex, ConnectionID) in
            st.calls.append(.probe(from: from, to: to, message: message))
            st.nextConnection += 1
            return (st.policy, st.nextConnection - 1)
        }
        let source = try policy.workload(named: from)
        let (host, port) = try PolicyIndex.splitHostPort(to)
        let service = policy.resolve(host: host, from: source)
        // Round robin over a service's endpoints, as Envoy (and the real engine) does.
        let turn =
            service.map { s in
                state.withLock { st -> Int in
                    st.roundRobin[s, default: 0] += 1
                    return st.roundRobin[s]! - 1
                }
            } ?? 0
        let verdict = policy.decide(from: source, host: host, port: port, endpoint: turn)
        var pod: ObjectKey?
        if let service, !policy.services[service].endpoints.isEmpty {
            let entry = policy.services[service]
            pod = ObjectKey(namespace: entry.key.namespace, name: entry.endpoints[turn % entry.endpoints.count].podName)
        }
        if verdict.allowed, !verdict.httpPort, state.withLock({ $0.expired.contains(from) }) {
            return ProbeResult(
                outcome: .error, connection: id, from: from, to: to, message: message, reply: "", verdict: verdict,
                reason: "TLS error: CERTIFICATE_VERIFY_FAILED: certificate has expired",
                clientError: "command terminated with exit code 1",
                latencies: Latencies(connect: 0.000_1, firstByte: nil, total: 0.000_3), endpointPod: pod)
        }
        let reply: String
        let clientError: String?
        if verdict.allowed {
            reply =
                verdict.httpPort
                ? "HTTP/1.1 400 Bad Request\r\ncontent-length: 11\r\ncontent-type: text/plain\r\nserver: envoy\r\nconnection: close\r\n\r\nBad Request"
                : "echo response: \(message)\n"
            clientError = nil
        } else {
            reply = ""
            clientError = verdict.reason == .unknownHost ? "nc: bad address '\(host)'" : "command terminated with exit code 1"
        }
        return ProbeResult(
            outcome: verdict.allowed ? .allowed : .denied, connection: id, from: from, to: to, message: message, reply: reply,
            verdict: verdict, reason: policy.summary(verdict), reasonWords: .summary(policy.summaryCode(verdict)),
            clientError: clientError,
            latencies: Latencies(connect: 0.000_1, firstByte: verdict.allowed ? 0.000_2 : nil, total: 0.000_3),
            endpointPod: verdict.point == .nameResolution ? nil : pod)
    }

    package func load(
        from: String, to: String, message: String, count: Int, concurrency: Int, timeout: Double,
        progress: (@Sendable (Int) -> Void)?, onResult: (@Sendable (ProbeResult.Outcome?, Double) -> Void)?
    ) async throws(QueryError) -> LoadReport {
        state.withLock { $0.calls.append(.load(count: count)) }
        var report = LoadReport(requested: count)
        for done in 1...max(1, count) where !Task.isCancelled && done <= count {
            let result = try await probe(from: from, to: to, message: message, timeout: timeout)
            switch result.outcome {
            case .allowed: report.allowed += 1
            case .denied: report.denied += 1
            case .error: report.errors += 1
            }
            report.latencies.record(result.latencies.total)
            onResult?(result.outcome, result.latencies.total)
            progress?(done)
        }
        report.seconds = 0.001
        return report
    }

    /// As the real engine without a renewal check: the workload's probes fail with the TLS
    /// error until the root is rotated (which reissues every certificate).
    package func expireCertificate(of workload: String) async throws(QueryError) -> String {
        let policy = state.withLock { $0.policy }
        let (account, meshed) = policy.serviceAccount(ofWorkload: try policy.workload(named: workload))
        guard meshed else { throw QueryError(message: "\(workload) has no sidecar, so no mesh certificate", hint: nil) }
        state.withLock {
            $0.expired.insert(workload)
            $0.calls.append(.expireCertificate(workload: workload))
        }
        return "\(account.name).\(account.namespace).cluster.local"
    }

    package func rotateRoot() async throws -> Int {
        state.withLock {
            $0.expired = []
            $0.calls.append(.rotateRoot)
        }
        return 0
    }

    package func shutdown() async throws {
        state.withLock { $0.calls.append(.shutdown) }
    }
}
