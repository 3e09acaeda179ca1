import ConnectionEngine
import DataPlaneInterface
import Foundation
import MeshCertificates
import MeshModel
import NIOCore

/// Direct, mesh and HAProxy two-hop paths, measured side by side with one client.
enum DataplaneBench {
    struct Path {
        var name: String
        var address: SocketAddress
        var payload: String
    }

    static func run() async throws {
        print("\nmeshdeck-bench dataplane: echo 'hello' round trips on 127.0.0.1, client on its own thread")
        let cluster = Scenario.walkthrough()

        // Engine start, as `meshdeck probe` and the dashboard pay it.
        var starts: [Double] = []
        for _ in 0..<5 {
            let t0 = ContinuousClock.now
            let e = try await MeshEngine.start(cluster)
            starts.append(seconds(ContinuousClock.now - t0))
            try await e.shutdown()
        }
        starts.sort()
        print(String(format: "engine start, walkthrough scenario (median of 5): %.2f ms", starts[2] * 1000))

        let client = LoadClient(threads: 1)
        let engine = try await MeshEngine.start(cluster, configuration: .openToLoadClient)
        try await engine.startPods()
        // The same mesh without tunnels (a sidecar-to-sidecar connection per probe), idle
        // while the others run: the tunnel's effect, side by side.
        var perConnection = EngineConfiguration.openToLoadClient
        perConnection.sidecarTunnels = false
        let oldEngine = try await MeshEngine.start(cluster, configuration: perConnection)
        try await oldEngine.startPods()
        var paths = [
            Path(name: "direct", address: engine.echoApp, payload: "hello\n"),
            Path(name: "mesh", address: engine.curlOutbound, payload: engine.echoRequest("hello\n")),
            Path(name: "mesh/conn", address: oldEngine.curlOutbound, payload: engine.echoRequest("hello\n")),
        ]
        let haproxy = try await HAProxyPair.start(backend: engine.echoApp, client: client)
        let haproxyTLS = try await HAProxyPair.start(backend: engine.echoApp, client: client, tls: true)
        if let haproxy {
            paths.append(Path(name: "haproxy x2", address: haproxy.front, payload: "hello\n"))
        } else {
            print("haproxy not found: run scripts/bench-dataplane.sh, which installs it, for the third column")
        }
        if let haproxyTLS { paths.append(Path(name: "haproxy tls", address: haproxyTLS.front, payload: "hello\n")) }
        defer {
            haproxy?.stop()
            haproxyTLS?.stop()
        }

        let expect = "echo response: hello\n"
        for path in paths {
            _ = await client.run(to: path.address, payload: path.payload, expect: expect, count: 2000, concurrency: 16)
        }

        var results: [String: [Int: LoadReport]] = [:]
        var cpu: [String: Double] = [:]
        let meter = CPUMeter(pids: ((haproxy?.processes ?? []) + (haproxyTLS?.processes ?? [])).map(\.processIdentifier))
        for (concurrency, count) in [(1, 4000), (16, 20000), (64, 20000)] {
            // Interleaved: every path at this concurrency, then the next level.
            for path in paths {
                let before = meter.seconds()
                let r = await client.run(
                    to: path.address, payload: path.payload, expect: expect, count: count, concurrency: concurrency)
                if concurrency == 64 { cpu[path.name] = (meter.seconds() - before) / Double(count) }
                if r.allowed != count {
                    print("  ! \(path.name) c=\(concurrency): \(r.allowed) ok, \(r.denied) empty, \(r.errors) errors")
                }
                results[path.name, default: [:]][concurrency] = r
            }
        }
        print("\npath          c=1 p50    c=1 p99    c=1 /s     c=16 /s    c=64 /s    c=64 p50   c=64 p99  c=64 CPU/probe")
        for path in paths {
            let r = results[path.name]!
            print(
                path.name.padding(toLength: 11, withPad: " ", startingAt: 0)
                    + String(
                        format: "%7.0f µs %7.0f µs %9.0f %9.0f %9.0f %7.0f µs %7.0f µs %7.0f µs",
                        r[1]!.quantile(0.5) * 1e6, r[1]!.quantile(0.99) * 1e6, r[1]!.probesPerSecond,
                        r[16]!.probesPerSecond, r[64]!.probesPerSecond, r[64]!.quantile(0.5) * 1e6, r[64]!.quantile(0.99) * 1e6,
                        (cpu[path.name] ?? 0) * 1e6))
        }
        print(
            "(CPU/probe: this process, client included, plus the HAProxy processes; less noisy than probes/s on a shared machine)"
        )
        let direct = results["direct"]!, mesh = results["mesh"]!
        print("(mesh: tunnels between the sidecars, the default; mesh/conn: a sidecar-to-sidecar connection per probe)")
        print(
            String(
                format: "\nmesh added median latency (c=1): %.0f µs", (mesh[1]!.quantile(0.5) - direct[1]!.quantile(0.5)) * 1e6))
        if let h = results["haproxy x2"] {
            print(
                String(
                    format: "haproxy x2 added median latency (c=1): %.0f µs",
                    (h[1]!.quantile(0.5) - direct[1]!.quantile(0.5)) * 1e6))
        }
        for c in [1, 16, 64] {
            var line = String(
                format: "c=%-3d throughput mesh/direct %.2f", c, mesh[c]!.probesPerSecond / direct[c]!.probesPerSecond)
            if let h = results["haproxy x2"] {
                line += String(
                    format: "   mesh/haproxy %.2f   haproxy/direct %.2f", mesh[c]!.probesPerSecond / h[c]!.probesPerSecond,
                    h[c]!.probesPerSecond / direct[c]!.probesPerSecond)
            }
            print(line)
        }
        if let t = results["haproxy tls"] {
            print(
                String(
                    format: "mesh/haproxy tls (a full TLS handshake per connection) throughput: c=1 %.2f   c=16 %.2f   c=64 %.2f",
                    mesh[1]!.probesPerSecond / t[1]!.probesPerSecond, mesh[16]!.probesPerSecond / t[16]!.probesPerSecond,
                    mesh[64]!.probesPerSecond / t[64]!.probesPerSecond))
        }
        let old = results["mesh/conn"]!
        print(
            String(
                format: "tunnel vs per-connection mesh, throughput: c=1 %.2f   c=16 %.2f   c=64 %.2f",
                mesh[1]!.probesPerSecond / old[1]!.probesPerSecond, mesh[16]!.probesPerSecond / old[16]!.probesPerSecond,
                mesh[64]!.probesPerSecond / old[64]!.probesPerSecond))
        try await engine.shutdown()
        try await oldEngine.shutdown()

        // The thread count of the engine's one event-loop group, on this machine.
        print("\nengine event-loop threads, mesh path (c=1: 4000 probes, c=64: 20000):")
        for (threads, placement) in [
            (1, LoopPlacement.container), (2, .container), (3, .container), (2, .pod), (3, .pod), (2, .spread), (2, .worker),
            (3, .worker),
        ] {
            var configuration = EngineConfiguration(threads: threads)
            configuration.refuseLocalBypass = false
            configuration.placement = placement
            let e = try await MeshEngine.start(cluster, configuration: configuration)
            try await e.startPods()
            let path = Path(name: "mesh", address: e.curlOutbound, payload: e.echoRequest("hello\n"))
            _ = await client.run(to: path.address, payload: path.payload, expect: expect, count: 2000, concurrency: 16)
            let one = await client.run(to: path.address, payload: path.payload, expect: expect, count: 4000, concurrency: 1)
            let r = await client.run(to: path.address, payload: path.payload, expect: expect, count: 20000, concurrency: 64)
            print(
                "  \(threads) thread\(threads == 1 ? " " : "s"), "
                    + Self.label(placement).padding(toLength: 26, withPad: " ", startingAt: 0)
                    + String(
                        format: "c=1 p50 %4.0f µs   c=64 %5.0f probes/s, p50 %5.0f µs, p99 %6.0f µs",
                        one.quantile(0.5) * 1e6, r.probesPerSecond, r.quantile(0.5) * 1e6, r.quantile(0.99) * 1e6))
            try await e.shutdown()
        }
        try await client.shutdown()
    }

    /// One path alone, for `perf`, `strace -c` or callgrind: `meshdeck-bench one mesh|mesh-conn|direct
    /// [count] [concurrency] [threads]` (defaults: 60,000 probes, c=64, 2 engine threads).
    static func one(_ arguments: [String]) async throws {
        let which = arguments.first ?? "mesh"
        let count = arguments.count > 1 ? Int(arguments[1]) ?? 60000 : 60000
        let concurrency = arguments.count > 2 ? Int(arguments[2]) ?? 64 : 64
        var configuration = EngineConfiguration.openToLoadClient
        if arguments.count > 3, let threads = Int(arguments[3]) { configuration.threads = threads }
        let environment = ProcessInfo.processInfo.environment
        if let placement = environment["PLACEMENT"].flatMap(LoopPlacement.init(rawValue:)) { configuration.placement = placement }
        if let spares = environment["SPARES"].flatMap(Int.init) { configuration.spareAppConnections = spares }
        configuration.sidecarTunnels = which != "mesh-conn"
        let engine = try await MeshEngine.start(Scenario.walkthrough(), configuration: configuration)
        try await engine.startPods()
        let client = LoadClient(threads: 1)
        let path =
            which == "direct"
            ? Path(name: which, address: engine.echoApp, payload: "hello\n")
            : Path(name: which, address: engine.curlOutbound, payload: engine.echoRequest("hello\n"))
        _ = await client.run(
            to: path.address, payload: path.payload, expect: "echo response: hello\n", count: 500, concurrency: 16)
        let (user0, system0) = CPUMeter.ownUserSystem()
        let r = await client.run(
            to: path.address, payload: path.payload, expect: "echo response: hello\n",
            count: count, concurrency: concurrency)
        let (user1, system1) = CPUMeter.ownUserSystem()
        print(
            "\(which) "
                + String(
                    format: "c=%d: %.0f probes/s, p50 %.0f µs, CPU/probe user %.0f µs + system %.0f µs, %d ok",
                    concurrency, r.probesPerSecond, r.quantile(0.5) * 1e6, (user1 - user0) / Double(count) * 1e6,
                    (system1 - system0) / Double(count) * 1e6, r.allowed))
        try await client.shutdown()
        try await engine.shutdown()
    }

    /// `meshdeck-bench serve [threads]`: starts the engine and two HAProxy hops and prints one
    /// line per path, `NAME PORT PAYLOAD` (`\n` in PAYLOAD is a newline), for an outside client
    /// (scripts/bench-floor.sh drives them with a C client). Runs until SIGTERM or SIGINT, which
    /// also stop the HAProxy processes. `certs 0 DIR`: mesh certificates (and keys) the
    /// engine's CA issued for `curl/curl`, `attacker/flood` and `attacker/a0`…`a63`, one PEM
    /// file each (`NS_SA.pem`), for the attack clients that speak the tunnel protocol over mTLS.
    static func serve(_ arguments: [String]) async throws {
        var configuration = EngineConfiguration.openToLoadClient
        if let threads = arguments.first.flatMap(Int.init) { configuration.threads = threads }
        let engine = try await MeshEngine.start(Scenario.walkthrough(), configuration: configuration)
        try await engine.startPods()
        let client = LoadClient(threads: 1)
        let haproxy = try await HAProxyPair.start(backend: engine.echoApp, client: client)
        var lines = "direct \(engine.echoApp.port!) hello\n"
        let request = engine.echoRequest("hello").replacingOccurrences(of: "\n", with: "\\n")
        lines += "mesh \(engine.curlOutbound.port!) \(request)\n"
        if let haproxy { lines += "haproxy \(haproxy.front.port!) hello\n" }
        let certificates = try writeCertificates(of: engine)
        lines += "certs 0 \(certificates)\n"
        // The same mesh with every loop running every pod (LoopPlacement.worker).
        configuration.placement = .worker
        let workers = try await MeshEngine.start(Scenario.walkthrough(), configuration: configuration)
        try await workers.startPods()
        lines += "mesh-worker \(workers.curlOutbound.port!) \(request)\n"
        FileHandle.standardOutput.write(Data(lines.utf8))
        let stop = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber)
            source.setEventHandler { stop.signal() }
            source.resume()
            sources.append(source)
        }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                stop.wait()
                done.resume()
            }
        }
        haproxy?.stop()
        try? FileManager.default.removeItem(atPath: certificates)
        try await client.shutdown()
        try await workers.shutdown()
        try await engine.shutdown()
        _ = sources
    }

    static func label(_ placement: LoopPlacement) -> String {
        switch placement {
        case .container: "sidecars apart from apps"
        case .pod: "a loop per pod"
        case .spread: "every accept spread"
        case .worker: "every loop runs every pod"
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

/// The walkthrough scenario's two ends, as every bench path dials them.
extension MeshEngine {
    /// The tcp-echo app's own listener (the direct path).
    var echoApp: SocketAddress { pods.first { $0.key.namespace == "tcp-demo" }!.value.app[9000]! }
    /// The curl pod's outbound sidecar (the mesh path's entry).
    var curlOutbound: SocketAddress { pods.first { $0.key.namespace == "curl" }!.value.outbound! }

    /// What curl's app sends its outbound sidecar for tcp-echo.tcp-demo:9000.
    func echoRequest(_ payload: String) -> String {
        outboundRequest(to: policy.services.first { $0.key.name == "tcp-echo" }!.clusterIP!, port: 9000, payload: payload)
    }
}

/// CPU time used so far by this process (every thread: client, engines) and by `pids`.
struct CPUMeter {
    var pids: [Int32]

    static func ownUserSystem() -> (user: Double, system: Double) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return (
            Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
            Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        )
    }

    func seconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        var total =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let tick = Double(sysconf(Int32(_SC_CLK_TCK)))
        for pid in pids {
            // /proc/PID/stat: utime and stime are fields 14 and 15, in clock ticks.
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let end = text.lastIndex(of: ")")
            else { continue }
            let fields = text[text.index(after: end)...].split(separator: " ")
            if fields.count > 12, let u = Double(fields[11]), let s = Double(fields[12]) { total += (u + s) / tick }
        }
        return total
    }
}

/// Two HAProxy processes in `mode tcp`, one per hop, as the sidecars are.
struct HAProxyPair {
    var front: SocketAddress
    var processes: [Process]

    static func binary() -> String? {
        ["/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// `tls`: mutual TLS between the two hops, as the sidecars speak it (NOTES.md): the back
    /// hop binds with `ssl crt … ca-file … verify required`, the front hop's server line
    /// presents a client certificate and verifies the back's, with `no-ssl-reuse`, so every
    /// connection pays a full handshake (the per-connection case the mesh's tunnels avoid).
    /// The certificates are the mesh CA's (swift-certificates), written to PEM files.
    static func start(backend: SocketAddress, client: LoadClient, tls: Bool = false) async throws -> HAProxyPair? {
        guard let haproxy = binary() else { return nil }
        let frontPort = try await client.freeLoopbackPort()
        let backPort = try await client.freeLoopbackPort()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "meshdeck-haproxy-\(getpid())\(tls ? "-tls" : "")")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var bindTLS = "", serverTLS = ""
        if tls {
            let ca = try MeshCertificateAuthority()
            try ca.currentRoot.pem.write(to: dir.appendingPathComponent("ca.pem"), atomically: true, encoding: .utf8)
            for (file, account, namespace) in [("server.pem", "tcp-echo", "tcp-demo"), ("client.pem", "curl", "curl")] {
                try DataplaneBench.writePEM(
                    ca.certificate(for: ServiceIdentity(serviceAccount: account, namespace: namespace)),
                    to: dir.appendingPathComponent(file).path)
            }
            let caFile = dir.appendingPathComponent("ca.pem").path
            bindTLS = " ssl crt \(dir.appendingPathComponent("server.pem").path) ca-file \(caFile) verify required"
            serverTLS =
                " ssl crt \(dir.appendingPathComponent("client.pem").path) ca-file \(caFile) verify required"
                + " verifyhost tcp-echo.tcp-demo.cluster.local no-ssl-reuse"
        }
        func config(_ listen: Int, _ target: String, bind: String = "", server: String = "") -> String {
            """
            global
              maxconn 4096
              nbthread 1
            defaults
              mode tcp
              timeout connect 5s
              timeout client 30s
              timeout server 30s
            listen hop
              bind 127.0.0.1:\(listen)\(bind)
              server next \(target)\(server)

            """
        }
        var processes: [Process] = []
        for (name, text) in [
            ("back", config(backPort, "127.0.0.1:\(backend.port!)", bind: bindTLS)),
            ("front", config(frontPort, "127.0.0.1:\(backPort)", server: serverTLS)),
        ] {
            let file = dir.appendingPathComponent("\(name).cfg")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: haproxy)
            p.arguments = ["-f", file.path, "-db", "-q"]
            try p.run()
            processes.append(p)
        }
        try await Task.sleep(for: .milliseconds(500))
        if let dead = processes.first(where: { !$0.isRunning }) {
            print("haproxy exited with status \(dead.terminationStatus); see the configs in \(dir.path)")
            return nil
        }
        return HAProxyPair(front: try SocketAddress(ipAddress: "127.0.0.1", port: frontPort), processes: processes)
    }

    func stop() {
        for p in processes where p.isRunning {
            p.terminate()
            p.waitUntilExit()
        }
    }
}

extension EngineConfiguration {
    /// The benchmark's load client, HAProxy and the abuse scripts (against `serve`) dial a
    /// pod's outbound sidecar and its app from outside the engine, as the pod's own app would:
    /// the guard against local bypasses (`refuseLocalBypass`) would refuse them.
    static var openToLoadClient: EngineConfiguration {
        var configuration = EngineConfiguration()
        configuration.refuseLocalBypass = false
        return configuration
    }
}
