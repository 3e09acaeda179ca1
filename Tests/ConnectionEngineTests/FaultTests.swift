import Foundation
import MeshModel
import NIOConcurrencyHelpers
import NIOCore
import PolicyEngine
import Testing

@testable import ConnectionEngine

let echoKey = ObjectKey(namespace: "tcp-demo", name: "tcp-echo")

func echoPods(_ engine: MeshEngine) -> [ObjectKey] {
    engine.pods.keys.filter { $0.namespace == "tcp-demo" }.sorted()
}

func curlOutbound(_ engine: MeshEngine) -> SocketAddress {
    engine.pods.first { $0.key.namespace == "curl" }!.value.outbound!
}

@Suite struct FaultTests {
    @Test func scaledToZeroFailsFastWithNoEndpoints() async throws {
        var cluster = Scenario.walkthrough()
        try cluster.scale(echoKey, replicas: 0)
        try await withEngine(cluster) { engine in
            // A long timeout, and half of it as the bound: a loaded machine can hold an event
            // loop for seconds, but only waiting for the timeout takes 30.
            let r = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", timeout: 30)
            #expect(r.outcome == .denied)
            #expect(r.verdict?.reason == .noEndpoints)
            #expect(
                r.latencies.total < 15, "a probe to a service without endpoints must fail at once, not after the 30 s timeout")
        }
    }

    /// With `.worker` the stopped app had a listener on every loop: all of them must go.
    @Test(arguments: [LoopPlacement.container, .worker])
    func stoppedReplicaIsRefusedAndTheOthersStillAnswer(placement: LoopPlacement) async throws {
        var cluster = Scenario.walkthrough()
        try cluster.scale(echoKey, replicas: 2)
        let log = EventLog()
        var configuration = EngineConfiguration()
        configuration.placement = placement
        try await withEngine(cluster, configuration: configuration, events: log) { engine in
            let stopped = echoPods(engine)[0]
            #expect(await engine.stopApp(of: stopped))
            var refused = 0, answered = 0
            for _ in 0..<8 {
                let r = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
                if r.outcome == .error {
                    refused += 1
                    #expect(r.endpointPod == stopped)
                    #expect(r.reason.contains("connection refused by pod \(stopped)"))
                } else {
                    answered += 1
                    #expect(r.reply == "echo response: hello\n")
                    #expect(r.endpointPod != stopped)
                }
            }
            #expect(refused == 4 && answered == 4)  // round-robin over two endpoints
            #expect(log.all.contains { if case .upstreamRefused(let pod, _) = $0.kind { pod == stopped } else { false } })
        }
    }

    /// The flake behind the test above, made certain: once an app is stopped, its ephemeral
    /// port is free, and the kernel may give it to any other listener (in the test suite,
    /// another test's). A sidecar that still dialed the old address reached that listener.
    /// It must refuse by name instead, knowing the app is gone.
    ///
    /// Taking the freed port is a race with every other socket of the machine (tests side by
    /// side connect all the time, and a connect may be given the port as its own): it once
    /// lost it and failed. An attempt whose impostor could not take the port proves nothing
    /// either way, so it is made again on a fresh engine (new ports), up to eight times; only
    /// an attempt that holds the port counts, and it must see no dial.
    @Test(arguments: [LoopPlacement.container, .worker])
    func aStoppedAppIsRefusedByNameEvenWhenItsPortIsTakenBySomeoneElse(placement: LoopPlacement) async throws {
        var configuration = EngineConfiguration()
        configuration.placement = placement
        var heldThePort = false
        for _ in 0..<8 where !heldThePort {
            heldThePort = try await withEngine(configuration: configuration) { engine in
                let pod = echoPods(engine)[0]
                let addresses = engine.pods[pod]!
                let ports = Set(([addresses.app[9000]] + addresses.appOnLoop.values.map { $0[9000] }).compactMap { $0?.port })
                #expect(await engine.stopApp(of: pod))
                let impostors = ports.compactMap { try? Impostor(port: $0) }
                guard impostors.count == ports.count else { return false }
                for _ in 0..<4 {
                    let r = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
                    #expect(r.outcome == .error && r.reply.isEmpty, "reached \(r.reply.debugDescription)")
                    #expect(r.reason.contains("connection refused by pod \(pod)"), "\(r.reason)")
                }
                #expect(impostors.allSatisfy { $0.accepted == 0 }, "a sidecar dialed the stopped app's old address")
                return true
            }
        }
        #expect(heldThePort, "could not take a stopped app's port in 8 attempts")
    }

    /// A stream open across the stop ends afterwards: the inbound sidecar used to dial a spare
    /// for the next stream at the app's old address, which by then may be someone else's.
    @Test func aStreamThatEndsAfterTheStopDialsNoSpareAtTheFreedPort() async throws {
        try await withEngine { engine in
            let pod = echoPods(engine)[0]
            let port = try #require(engine.pods[pod]!.app[9000]?.port)
            let client = try RawSocket(curlOutbound(engine), receiveTimeout: 2, asPodOf: engine)
            await client.send(TunnelTests.header(engine, connection: 9500) + "open line, no newline yet")
            try await Task.sleep(for: .milliseconds(200))  // the stream reaches the app
            #expect(await engine.stopApp(of: pod))
            let impostor = try Impostor(port: port)
            client.shutdownWrite()
            _ = await client.readAll()  // the stream ends
            try await Task.sleep(for: .milliseconds(500))
            #expect(impostor.accepted == 0, "a spare was dialed at the stopped app's old port")
        }
    }

    @Test func roundRobinSpreadsOverEveryReplica() async throws {
        var cluster = Scenario.walkthrough()
        try cluster.scale(echoKey, replicas: 3)
        try await withEngine(cluster) { engine in
            var hits: [ObjectKey: Int] = [:]
            for _ in 0..<6 {
                hits[try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000").endpointPod!, default: 0] += 1
            }
            #expect(hits.count == 3 && hits.values.allSatisfy { $0 == 2 })
        }
    }

    @Test func plaintextToAnInboundSidecarIsRefused() async throws {
        let log = EventLog()
        try await withEngine(events: log) { engine in
            let inbound = engine.pods[echoPods(engine)[0]]!.inbound!
            let socket = try RawSocket(inbound)
            await socket.send("hello\n")
            socket.shutdownWrite()
            let (data, closed) = await socket.readAll()
            #expect(data.isEmpty && closed)
            #expect(log.all.contains { if case .plaintextRefused = $0.kind { true } else { false } })
        }
    }

    @Test func garbageAndOversizedHeadersAreCutOff() async throws {
        try await withEngine { engine in
            let socket = try RawSocket(curlOutbound(engine), asPodOf: engine)
            await socket.send(String(repeating: "x", count: 2000))
            #expect(await socket.readAll() == ("", true))
            let wrong = try RawSocket(curlOutbound(engine), asPodOf: engine)
            await wrong.send("GET / HTTP/1.1\r\n\r\n")
            #expect(await wrong.readAll() == ("", true))
        }
    }

    @Test func silentPeersAreDisconnected() async throws {
        var configuration = EngineConfiguration()
        configuration.headerTimeoutSeconds = 0.3
        configuration.idleTimeoutSeconds = 0.3
        try await withEngine(configuration: configuration) { engine in
            let header = try RawSocket(curlOutbound(engine), asPodOf: engine)  // connects, says nothing
            #expect(await header.readAll().closed)
            let app = try RawSocket(engine.pods[echoPods(engine)[0]]!.app[9000]!, asPodOf: engine)  // holds the connection open
            #expect(await app.readAll().closed)
        }
    }

    @Test func endlessLineIsCutOffAtTheLimit() async throws {
        try await withEngine { engine in
            let socket = try RawSocket(engine.pods[echoPods(engine)[0]]!.app[9000]!, asPodOf: engine)
            await socket.send(String(repeating: "y", count: 200_000), nonBlocking: true)
            #expect(await socket.readAll() == ("", true))
        }
    }

    @Test func aPeerThatNeverReadsDoesNotStallOrGrowTheServer() async throws {
        try await withEngine { engine in
            let socket = try RawSocket(engine.pods[echoPods(engine)[0]]!.app[9000]!, asPodOf: engine)
            let chunk = String(repeating: "z\n", count: 512 * 1024)
            var sent = 0
            for _ in 0..<64 {
                let n = await socket.send(chunk, nonBlocking: true)
                sent += n
                if n < chunk.utf8.count { break }
                try await Task.sleep(for: .milliseconds(5))
            }
            // Backpressure: once the replies cannot be written, the app stops reading, the
            // kernel buffers fill and the sender is held back, far short of 64 MiB.
            #expect(sent < 32 * 1024 * 1024, "sent \(sent) bytes without being held back")
            let r = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
            #expect(r.reply == "echo response: hello\n", "\(r.outcome): \(r.reason)")
        }
    }

    @Test func echoRulesMatchOSMsServer() async throws {
        try await withEngine { engine in
            let empty = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", message: "")
            #expect(empty.reply == "echo response: \n")
            let socket = try RawSocket(engine.pods[echoPods(engine)[0]]!.app[9000]!, asPodOf: engine)
            await socket.send("a\nb\nno newline")
            socket.shutdownWrite()
            #expect(await socket.readAll() == ("echo response: a\necho response: b\n", true))
        }
    }

    @Test(arguments: [LoopPlacement.container, .worker])
    func listenersAreLoopbackAndEphemeral(placement: LoopPlacement) async throws {
        var configuration = EngineConfiguration()
        configuration.placement = placement
        try await withEngine(configuration: configuration) { engine in
            for (_, addresses) in engine.pods {
                let all =
                    Array(addresses.app.values) + [addresses.inbound, addresses.outbound].compactMap { $0 }
                    + addresses.appOnLoop.values.flatMap(\.values) + addresses.inboundOnLoop.values
                for address in all {
                    #expect(address.ipAddress == "127.0.0.1")
                    #expect(address.port != 9000)  // never the port the manifest names
                }
            }
        }
    }

    @Test func httpPortAnswersRawTCPWithBadRequest() async throws {
        var cluster = Scenario.walkthrough()
        try cluster.apply(
            try decode(
                "apiVersion: v1\nkind: Service\nmetadata: {name: tcp-echo, namespace: tcp-demo}\nspec:\n  ports: [{name: tcp, port: 9000}]\n  selector: {app: tcp-echo}\n"
            ))
        try await withEngine(cluster) { engine in
            let r = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
            #expect(r.outcome == .allowed)
            #expect(r.reply.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            #expect(r.reason.contains("400 Bad Request"))
        }
    }
}

@Suite struct PolicyChangeTests {
    @Test func changesApplyToTheNextConnectionAndOpenOnesAreDrained() async throws {
        var configuration = EngineConfiguration()
        configuration.drainSeconds = 0.3
        let log = EventLog()
        var cluster = Scenario.walkthrough()
        try await withEngine(cluster, configuration: configuration, events: log) { engine in
            // A long-lived connection: a line, and the client keeps its side open.
            // A generous timeout: under a loaded CI machine the loop can lag seconds.
            let socket = try RawSocket(curlOutbound(engine), receiveTimeout: 15, asPodOf: engine)
            let ip = engine.policy.services.first!.clusterIP!
            await socket.send("MDK-ORIG 999999 \(ip) 9000\none\n")
            try await Task.sleep(for: .milliseconds(100))
            #expect(engine.openConnections == 1)
            cluster.setPermissive(false)
            try await engine.update(cluster)
            // The next connection is denied at once...
            #expect(try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000").outcome == .denied)
            // ...and the open one is closed after the drain time, with an event saying so.
            let (data, closed) = await socket.readAll()
            #expect(data == "echo response: one\n")
            #expect(closed)
            #expect(
                log.all.contains { if case .drainScheduled(_, "no TrafficTarget allows it") = $0.kind { true } else { false } })
            #expect(log.all.contains { if case .drained = $0.kind { true } else { false } })
            for _ in 0..<50 where engine.openConnections > 0 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(engine.openConnections == 0)
        }
    }

    @Test func scalingAndMeshMembershipReconcileThePods() async throws {
        var cluster = Scenario.walkthrough()
        try await withEngine(cluster) { engine in
            try cluster.scale(echoKey, replicas: 3)
            try await engine.update(cluster)
            // The new replicas start on use (or when asked, as here); the cluster has three.
            try await engine.startPods()
            #expect(echoPods(engine).count == 3)
            try cluster.removeFromMesh("curl")
            try await engine.update(cluster)
            #expect(engine.pods.first { $0.key.namespace == "curl" }?.value.outbound == nil)
            let r = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
            #expect(r.outcome == .denied && r.verdict?.reason == .plaintextToMeshed)
            try cluster.scale(echoKey, replicas: 1)
            try await engine.update(cluster)
            #expect(echoPods(engine).count == 1)
        }
    }
}

@Suite struct LoadTests {
    @Test func tenThousandProbesAtConcurrency64LoseNothing() async throws {
        try await withEngine { engine in
            // A generous timeout: this counts what the engine loses, and on a loaded machine a few
            // probes of 10,000 took over the 2 s default (32 of them once in a fresh clone's run).
            let report = try await engine.load(
                from: "curl/curl", to: "tcp-echo.tcp-demo:9000", count: 10_000, concurrency: 64, timeout: 30)
            #expect(report.lost == 0)
            #expect(report.allowed == 10_000, "denied \(report.denied), errors \(report.errors): \(report.firstError ?? "")")
            #expect(report.latencies.count == 10_000)
        }
    }

    /// `.worker`: the app and the inbound sidecar listen once per loop and the outbound
    /// sidecar's listeners share a port; connections spread over the loops, each loop's
    /// outbound sidecar tunnels to its own loop's inbound listener, and shutdown closes them all.
    @Test func everyLoopRunsEveryPodAndLeavesNothingListening() async throws {
        var configuration = EngineConfiguration(threads: 2)
        configuration.placement = .worker
        let log = EventLog()
        var ports: Set<Int> = []
        try await withEngine(configuration: configuration, events: log) { engine in
            let echo = try #require(engine.pods.first { $0.key.namespace == "tcp-demo" }?.value)
            let inbound = Set(echo.inboundOnLoop.values.compactMap(\.port))
            let app = Set(echo.appOnLoop.values.compactMap { $0[9000]?.port })
            #expect(inbound.count == 2 && app.count == 2, "one listener per loop, each on its own port")
            ports = inbound.union(app).union([curlOutbound(engine).port!])
            #expect(ports.isSubset(of: MeshEngine.portsListenedOnByThisProcess()))
            let report = try await engine.load(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", count: 2_000, concurrency: 16)
            #expect(report.allowed == 2_000 && report.lost == 0)
            // Both loops carried probes: each dialed its own tunnel, to its own loop's listener.
            let tunnels = log.all.filter { if case .tunnelOpened = $0.kind { true } else { false } }
            #expect(tunnels.count == 2)
        }
        #expect(ports.isDisjoint(with: MeshEngine.portsListenedOnByThisProcess()))
    }
}

/// A listener that takes a port someone else just freed and answers every connection with
/// `impostor`, counting them.
final class Impostor: @unchecked Sendable {
    private let fd: Int32
    private let count = NIOLockedValueBox(0)
    var accepted: Int { count.withLockedValue { $0 } }

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        let (listener, count) = (fd, self.count)
        Thread.detachNewThread {
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 { return }
                count.withLockedValue { $0 += 1 }
                _ = Array("impostor\n".utf8).withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
                close(client)
            }
        }
    }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }
}
