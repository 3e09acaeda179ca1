import ConnectionEngine
import DataPlaneInterface
import Foundation
import MeshCertificates
import MeshDeckTestSupport
import MeshModel
import NIOCore

/// Sizes for the abuse tests: small in the default run (a few seconds each, so CI stays
/// quick), full when `MESHDECK_SOAK=1` (scripts/soak.sh), the sizes the reliability issue
/// measured.
enum Soak {
    static let full = ProcessInfo.processInfo.environment["MESHDECK_SOAK"] == "1"

    static func size(_ small: Int, full big: Int) -> Int { full ? big : small }
}

/// What these tests read of the engine and the process.
enum Measure {
    /// The process's resident memory, in bytes (/proc/self/status VmRSS). Shared by every test
    /// running beside this one, so only the soak, which runs the abuse tests alone and at full
    /// size, asserts on it; the default run asserts on `MeshEngine.holdings()`, the bytes the
    /// engine's own handlers and socket buffers keep, which no other test moves.
    static func rss() -> Int {
        guard let text = procFile("/proc/self/status"),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kb = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return kb * 1024
    }

    /// Descriptors this process holds for connections the engine accepted: TCP sockets whose
    /// local port is one of the engine's listeners (/proc/self/fd against /proc/net/tcp).
    /// Every stream's connection to the app shows here once, at the app's end.
    static func acceptedSockets(listeningOn ports: Set<Int>) -> Int {
        var inodes = Set<String>()
        for fd in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)"),
                target.hasPrefix("socket:[")
            {
                inodes.insert(String(target.dropFirst(8).dropLast()))
            }
        }
        guard let table = procFile("/proc/net/tcp") else { return 0 }
        var count = 0
        for row in table.split(separator: "\n").dropFirst() {
            let f = row.split(separator: " ")
            guard f.count > 9, f[3] != "0A", inodes.contains(String(f[9])),
                let port = f[1].split(separator: ":").last.flatMap({ Int($0, radix: 16) }), ports.contains(port)
            else { continue }
            count += 1
        }
        return count
    }

    /// procfs files report a size of 0: read to the end, not by the size.
    static func procFile(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return (try? handle.readToEnd()).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The same, on a GCD thread: it reads every socket of the machine from /proc.
    static func acceptedSocketsOffPool(of engine: MeshEngine) async -> Int {
        let ports = listenerPorts(engine)
        return await offPool { acceptedSockets(listeningOn: ports) }
    }

    static func listenerPorts(_ engine: MeshEngine) -> Set<Int> {
        var ports = Set<Int>()
        for (_, a) in engine.pods {
            for address in Array(a.app.values) + [a.inbound, a.outbound].compactMap({ $0 }) {
                if let port = address.port { ports.insert(port) }
            }
        }
        return ports
    }
}

/// Probes on the side, while an attack runs: each must get the echo.
enum SideProbes {
    static func run(_ engine: MeshEngine, count: Int = 10) async throws -> (ok: Int, first: String?) {
        var ok = 0
        var first: String?
        for i in 0..<count {
            let r = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", message: "side \(i)", timeout: 5)
            if r.reply == "echo response: side \(i)\n" {
                ok += 1
            } else if first == nil {
                first = "\(r.outcome): \(r.reason)"
            }
        }
        return (ok, first)
    }
}

extension MeshEngine {
    var echoApp: SocketAddress { pods.first { $0.key.namespace == "tcp-demo" }!.value.app[9000]! }
    var echoInbound: SocketAddress { pods.first { $0.key.namespace == "tcp-demo" }!.value.inbound! }
    var curlOutbound: SocketAddress { pods.first { $0.key.namespace == "curl" }!.value.outbound! }

    /// tcp-echo's inbound sidecar as a mesh peer with `identity` (`ns/sa`) reaches it: a
    /// `TLSRelay` presenting that identity's certificate from this engine's CA, so a `Peer`
    /// writing frames to the relay's address reaches the tunnel parser. Keep the relay while
    /// its peers are used.
    func echoInboundRelay(_ identity: String = "curl/curl") async throws -> TLSRelay {
        let parts = identity.split(separator: "/").map(String.init)
        let certificate = try certificates.certificate(for: ServiceIdentity(serviceAccount: parts[1], namespace: parts[0]))
        return try await TLSRelay.start(to: echoInbound, certificate: certificate)
    }

    /// What curl's app sends its outbound sidecar first, for tcp-echo.tcp-demo:9000.
    func originalDestination(_ connection: ConnectionID) -> String {
        "MDK-ORIG \(connection) \(policy.services.first { $0.key.name == "tcp-echo" }!.clusterIP!) 9000\n"
    }
}

/// Waits up to `seconds` for `condition`.
func eventually(_ seconds: Double = 5, _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(25))
    }
    return await condition()
}

func withEngine<T>(
    configuration: EngineConfiguration = EngineConfiguration(), events: Events? = nil,
    _ body: (MeshEngine) async throws -> T
) async throws -> T {
    // The attackers here play a pod's own app (they write to its outbound sidecar, or to the
    // app itself for the direct path), which a foreign process may not (LocalBypassTests).
    var configuration = configuration
    configuration.refuseLocalBypass = false
    let engine = try await MeshEngine.start(Scenario.walkthrough(), configuration: configuration, events: events?.sink)
    try await engine.startPods()
    do {
        let value = try await body(engine)
        try await engine.shutdown()
        return value
    } catch {
        try? await engine.shutdown()
        throw error
    }
}
