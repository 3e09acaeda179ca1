import ArgumentParser
import ConnectionEngine
import Foundation
import MeshModel

/// Hidden: starts the data plane, runs probes and a load, shuts it down, and checks that no
/// thread, file descriptor or listening port outlived it. Runs in its own process so the
/// counts are not disturbed by anything else (tests run concurrently in one process).
struct CleanupCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_cleanup-check", abstract: "Check that an engine leaves nothing behind.", shouldDisplay: false)

    func run() async throws {
        let console = Console.current
        // One warm-up cycle: the runtime and NIO create some process-wide state once (and
        // Dispatch opens a timerfd the first time this task sleeps).
        try await cycle()
        try await Task.sleep(for: .milliseconds(200))
        let before = Self.counts()
        let fdsBefore = Self.describeFDs()
        let ports = try await cycle()
        // A thread that is on its way out lingers a moment after shutdown returns; a leaked one
        // stays. Wait up to 2 s for the counts to settle before calling it a leak.
        var after = Self.counts()
        for _ in 0..<20 where after != before {
            try await Task.sleep(for: .milliseconds(100))
            after = Self.counts()
        }
        // Ports this process still listens on (another process may reuse a freed port).
        let listening = MeshEngine.portsListenedOnByThisProcess()
        let stillOpen = ports.filter(listening.contains)
        let ok = before == after && stillOpen.isEmpty
        if before.fds != after.fds { console.err("file descriptors before: \(fdsBefore)\nafter: \(Self.describeFDs())") }
        console.out(
            "threads \(before.threads) -> \(after.threads), file descriptors \(before.fds) -> \(after.fds), "
                + "listening ports still open \(stillOpen.count) of \(ports.count): \(ok ? "clean" : "LEAK")")
        if !ok { throw ExitCode(1) }
    }

    @discardableResult
    private func cycle() async throws -> [Int] {
        var cluster = Scenario.walkthrough()
        try cluster.scale(ObjectKey(namespace: "tcp-demo", name: "tcp-echo"), replicas: 3)
        let engine = try await MeshEngine.start(cluster)
        try await engine.startPods()
        let ports = engine.pods.values.flatMap { p in
            Array(p.app.values) + [p.inbound, p.outbound].compactMap { $0 }
        }.compactMap(\.port)
        for _ in 0..<20 { _ = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000") }
        _ = try await engine.load(from: "curl/curl", to: "tcp-echo.tcp-demo:9000", count: 500, concurrency: 32)
        cluster.setPermissive(false)
        try await engine.update(cluster)
        _ = try await engine.probe(from: "curl/curl", to: "tcp-echo.tcp-demo:9000")
        try await engine.shutdown()
        return ports
    }

    struct Counts: Equatable {
        var threads: Int
        var fds: Int
    }

    static func counts() -> Counts {
        let fm = FileManager.default
        return Counts(
            threads: (try? fm.contentsOfDirectory(atPath: "/proc/self/task").count) ?? -1,
            fds: (try? fm.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1)
    }

    static func describeFDs() -> String {
        let fm = FileManager.default
        let fds = (try? fm.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return fds.sorted { Int($0) ?? 0 < Int($1) ?? 0 }.map { fd in
            "\(fd)=\((try? fm.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) ?? "?")"
        }.joined(separator: " ")
    }
}
