import Foundation
import MeshDeckTestSupport
import Subprocess
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Running short of descriptors, for real: `meshdeck-bench serve` in a child process whose
/// `ulimit -n` is 400, flooded with connections from this one (which has plenty). The child
/// must refuse new connections at once (they see the connection closed) while the one it
/// already has keeps its echo, stay below its limit by the reserve, stay up (libdispatch traps
/// in a process that has none left), and serve again once the flood is gone. A child process,
/// because the limit is per process and this one runs many tests at once.
@Suite struct DescriptorAbuseTests {
    static let limit = 400
    static let reserve = 256

    /// The built `meshdeck-bench`, next to the test bundle.
    static var bench: String {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("meshdeck-bench").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return "meshdeck-bench"
    }

    struct Findings: Sendable {
        var accepted = 0
        var refusedQuickly = false
        var keeperAnswered = false
        var mostDescriptors = 0
        var aliveDuring = false
        var servedAfter = false
    }

    @Test(arguments: ["direct", "mesh"])
    func shortOfDescriptorsTheEngineRefusesNewConnectionsAndServesTheOldOnes(path: String) async throws {
        let script = "ulimit -n \(Self.limit) && exec \"$0\" serve 1"
        let result = try await Subprocess.run(
            .path("/bin/sh"), arguments: ["-c", script, Self.bench], input: .none, output: .sequence, error: .discarded
        ) { execution in
            var ports: [String: (Int, String)] = [:]
            for try await line in execution.standardOutput.strings() {
                let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
                guard parts.count == 3, let port = Int(parts[1]) else { continue }
                ports[parts[0]] = (port, parts[2].replacingOccurrences(of: "\\n", with: "\n"))
                if parts[0] == "mesh-worker" { break }
            }
            let pid = execution.processIdentifier.value
            guard let (port, payload) = ports[path] else { return Findings() }
            let findings = await offPool { Self.flood(pid: pid, port: port, header: path == "mesh" ? payload : nil) }
            try? execution.send(signal: .terminate)
            return findings
        }
        let f = result.closureResult
        #expect(f.accepted > 20, "refused almost at once: \(f.accepted) connections")
        #expect(f.refusedQuickly, "new connections were not refused once descriptors ran short")
        #expect(f.keeperAnswered, "the connection it already had stopped answering")
        #expect(f.mostDescriptors <= Self.limit - Self.reserve + 32, "held \(f.mostDescriptors) descriptors")
        #expect(f.aliveDuring, "the engine died")
        #expect(f.servedAfter, "did not serve again once the flood was gone")
    }

    /// Blocking: fills the child with connections until it refuses one, then checks the rest.
    static func flood(pid: Int32, port: Int, header: String?) -> Findings {
        var f = Findings()
        let request = (header.map { $0.components(separatedBy: "\n")[0] + "\n" } ?? "")
        func echoes(_ socket: Peer, _ text: String) -> Bool {
            socket.send(text + "\n")
            return socket.readLine() == "echo response: \(text)"
        }
        guard let keeper = try? Peer(port: port, receiveTimeout: 3) else { return f }
        keeper.send(request)
        f.keeperAnswered = echoes(keeper, "kept")
        var flood: [Peer] = []
        for _ in 0..<(Self.limit * 2) {
            guard let c = try? Peer(port: port, receiveTimeout: 3) else { break }
            c.send(request + "f\n")
            flood.append(c)
            f.mostDescriptors = max(f.mostDescriptors, descriptors(of: pid))
            // A refused connection is closed by the engine straight away.
            if flood.count % 10 == 0, let probe = try? Peer(port: port, receiveTimeout: 1) {
                probe.send(request + "p\n")
                if probe.readLine() == nil, probe.closed {
                    f.refusedQuickly = true
                    break
                }
                f.accepted = flood.count
            }
        }
        f.mostDescriptors = max(f.mostDescriptors, descriptors(of: pid))
        f.keeperAnswered = f.keeperAnswered && echoes(keeper, "still")
        f.aliveDuring = kill(pid, 0) == 0
        flood = []
        for _ in 0..<50 {
            usleep(100_000)
            guard let c = try? Peer(port: port, receiveTimeout: 3) else { continue }
            c.send(request + "back\n")
            if c.readLine() == "echo response: back" {
                f.servedAfter = true
                break
            }
        }
        return f
    }

    /// The child's open descriptors (/proc/PID/fd).
    static func descriptors(of pid: Int32) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? 0
    }
}
