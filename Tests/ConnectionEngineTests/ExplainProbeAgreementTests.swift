import Foundation
import MeshDeckTestSupport
import MeshModel
import PolicyEngine
import Testing

@testable import ConnectionEngine

/// Whatever `explain` says, `probe` must do: every rule of the policy issue, run through both,
/// compared cell by cell (cyclonus-style: a table of expected vs actual on failure).
@Suite struct ExplainProbeAgreementTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var yaml: String = ""
        var namespace: String?
        var permissive: Bool?
        var egress: Bool?
        var scaleEchoTo: Int?
        var from = "curl/curl"
        var to = "tcp-echo.tcp-demo:9000"
        var description: String { name }
    }

    static let outside = TestManifests.outside

    static func route(_ name: String = "tcp-echo-route", ports: [Int] = [9000]) -> String {
        TestManifests.tcpRoute(name, ports: ports)
    }

    static func target(
        _ name: String = "tcp-access", source: String = "curl/curl",
        rules: String = "[{kind: TCPRoute, name: tcp-echo-route}]"
    ) -> String {
        TestManifests.trafficTarget(name, source: source, rules: rules)
    }

    static let httpPort =
        "apiVersion: v1\nkind: Service\nmetadata: {name: tcp-echo, namespace: tcp-demo}\nspec:\n  ports: [{name: tcp, port: 9000}]\n  selector: {app: tcp-echo}\n"

    /// The outside echo Service, its one port UDP: nc's TCP has nowhere to go, with or without
    /// sidecars (the probe of a pod without a sidecar once dialed the app anyway).
    static let outsideUDP = outside.replacingOccurrences(
        of: "ports: [{name: tcp, port: 9000, appProtocol: tcp}]", with: "ports: [{name: tcp, port: 9000, protocol: UDP}]")

    static let cases: [Case] = [
        Case(name: "permissive on"),
        Case(name: "permissive off, no policy, egress on", permissive: false),
        Case(name: "permissive off, no policy, egress off", permissive: false, egress: false),
        Case(name: "SMI policy applied", yaml: route() + "---\n" + target(), permissive: false),
        Case(name: "SMI policy, egress off", yaml: route() + "---\n" + target(), permissive: false, egress: false),
        Case(
            name: "TrafficTarget for another source", yaml: route() + "---\n" + target(source: "outside/client"),
            permissive: false),
        Case(name: "route port does not match", yaml: route(ports: [8080]) + "---\n" + target(), permissive: false),
        Case(name: "route without ports: any port", yaml: route(ports: []) + "---\n" + target(), permissive: false),
        Case(name: "missing route: TrafficTarget ignored", yaml: target(), permissive: false),
        Case(
            name: "UDPRoute rule: TrafficTarget ignored",
            yaml: route() + "---\n" + target(rules: "[{kind: TCPRoute, name: tcp-echo-route}, {kind: UDPRoute, name: u}]"),
            permissive: false),
        Case(
            name: "two TrafficTargets OR'ed",
            yaml: route("r1", ports: [1]) + "---\n" + route("r2") + "---\n"
                + target("t1", rules: "[{kind: TCPRoute, name: r1}]") + "---\n"
                + target("t2", rules: "[{kind: TCPRoute, name: r2}]"), permissive: false),
        Case(name: "HTTP port (name tcp, no appProtocol)", yaml: httpPort),
        Case(name: "unknown host", to: "tcp-echo.nowhere:9000"),
        Case(name: "no such port", to: "tcp-echo.tcp-demo:9001"),
        Case(name: "scaled to zero", scaleEchoTo: 0),
        Case(name: "three replicas", scaleEchoTo: 3),
        Case(name: "full DNS name", to: "tcp-echo.tcp-demo.svc.cluster.local:9000"),
        Case(name: "source without sidecar, permissive on", yaml: outside, from: "outside/client"),
        Case(
            name: "source without sidecar, SMI",
            yaml: outside + "\n---\n" + route() + "---\n" + target(source: "outside/default"),
            permissive: false, from: "outside/client"),
        Case(name: "meshed source to outside, egress on", yaml: outside, to: "echo.outside:9000"),
        Case(name: "meshed source to outside, egress off", yaml: outside, egress: false, to: "echo.outside:9000"),
        Case(
            name: "neither side meshed", yaml: outside, permissive: false, egress: false, from: "outside/client",
            to: "echo.outside:9000"),
        Case(name: "bare name from the same namespace", yaml: outside, from: "outside/client", to: "echo:9000"),
        Case(name: "UDP port, neither side meshed", yaml: outsideUDP, from: "outside/client", to: "echo.outside:9000"),
        Case(name: "UDP port, meshed source", yaml: outsideUDP, to: "echo.outside:9000"),
    ]

    struct Row: CustomStringConvertible {
        var name: String
        var expected: String
        var actual: String
        var description: String {
            name.padding(toLength: 44, withPad: " ", startingAt: 0) + " expected " + expected + "   actual " + actual
        }
    }

    @Test func explainAndProbeAgreeOnEveryRule() async throws {
        var mismatches: [Row] = []
        for c in Self.cases {
            var cluster = Scenario.walkthrough()
            if !c.yaml.isEmpty { try cluster.apply(try decode(c.yaml, namespace: c.namespace)) }
            if let p = c.permissive { cluster.setPermissive(p) }
            if let e = c.egress { cluster.setEgress(e) }
            if let n = c.scaleEchoTo { try cluster.scale(ObjectKey(namespace: "tcp-demo", name: "tcp-echo"), replicas: n) }
            let index = PolicyIndex(cluster)
            let (host, port) = try PolicyIndex.splitHostPort(c.to)
            let explanation = index.explain(from: try index.workload(named: c.from), host: host, port: port)
            let probe = try await withEngine(cluster) { engine in
                try await engine.probe(from: c.from, to: c.to, message: "hello", timeout: 2)
            }
            let expected = "\(explanation.verdict.word) at \(explanation.verdict.point.rawValue)"
            let actual =
                "\(probe.outcome == .allowed ? "ALLOWED" : probe.outcome == .denied ? "DENIED" : "ERROR") at \(probe.verdict?.point.rawValue ?? "?")"
            var row = Row(name: c.name, expected: expected, actual: actual)
            // An allowed connection must carry the server's real reply (or the sidecar's 400).
            if explanation.verdict.allowed {
                let wanted = explanation.verdict.httpPort ? "HTTP/1.1 400 Bad Request" : "echo response: hello\n"
                if !probe.reply.hasPrefix(wanted) { row.actual += " reply \(probe.reply.debugDescription)" }
            } else if !probe.reply.isEmpty {
                row.actual += " reply \(probe.reply.debugDescription)"
            }
            if explanation.clientError != probe.clientError,
                !(explanation.clientError == "command terminated with exit code 1"
                    && probe.clientError?.hasPrefix("nc: can't connect") == true)
            {
                row.actual += " stderr \(probe.clientError ?? "none") vs \(explanation.clientError ?? "none")"
            }
            if row.expected != row.actual { mismatches.append(row) }
        }
        #expect(mismatches.isEmpty, "explain and probe disagree:\n\(mismatches.map(\.description).joined(separator: "\n"))")
    }

    /// Between publishing a policy without the source workload and stopping its pod
    /// (`ControlPlane.reconcile`), the source's sidecar still holds a connection and may take a
    /// new one: both are refused for the reason that the source is gone, not "no endpoints".
    @Test func aConnectionWhoseSourceVanishedIsDrainedNamingTheSource() async throws {
        var configuration = EngineConfiguration()
        configuration.drainSeconds = 0.3
        let log = EventLog()
        try await withEngine(configuration: configuration, events: log) { engine in
            let ip = try #require(engine.policy.services.first { $0.key.name == "tcp-echo" }?.clusterIP)
            let open = try RawSocket(curlOutbound(engine), receiveTimeout: 15, asPodOf: engine)
            await open.send("MDK-ORIG 999998 \(ip) 9000\none\n")
            #expect(await open.read(until: "\n") == "echo response: one\n")
            #expect(engine.openConnections == 1)
            var gone = Scenario.walkthrough()
            try gone.delete(.deployment, ObjectKey(namespace: "curl", name: "curl"))
            engine.state.current = Dataplane(policy: PolicyIndex(gone), pods: engine.state.current.pods)
            engine.state.redecideOpenConnections()
            let late = try RawSocket(curlOutbound(engine), asPodOf: engine)
            await late.send("MDK-ORIG 999997 \(ip) 9000\nlate\n")
            late.shutdownWrite()
            #expect(await late.readAll() == ("", true))
            #expect(await open.readAll() == ("", true))
            let named = "source workload no longer exists"
            #expect(log.kinds(999998).contains { if case .drainScheduled(_, named) = $0 { true } else { false } })
            #expect(
                log.kinds(999997).contains {
                    if case .verdict(let v, .clientSidecar, _, named) = $0 { v.reason == .unknownSource } else { false }
                })
        }
    }
}
