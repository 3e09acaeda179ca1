import DataPlaneInterface
import NIOCore
import NIOPosix

/// A lean load generator for benchmarks: `count` exchanges (connect, send, half-close, read
/// to EOF) against one address, `concurrency` in flight, driven by event-loop callbacks on
/// its own threads so the same client measures every path (direct, mesh, HAProxy) alike.
package final class LoadClient: Sendable {
    private let group: MultiThreadedEventLoopGroup

    package init(threads: Int = 1) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
    }

    package func shutdown() async throws {
        try await group.shutdownGracefully()
    }

    /// Runs the exchanges; a reply equal to `expect` counts as allowed, an empty one as
    /// denied, anything else (or a failure) as an error.
    package func run(
        to address: SocketAddress, payload: String, expect: String, count: Int, concurrency: Int,
        timeout: Double = 5
    ) async -> LoadReport {
        let loop = group.next()
        let clock = ContinuousClock()
        let start = clock.now
        let promise = loop.makePromise(of: LoadReport.self)
        loop.execute {
            let run = Run(
                loop: loop, address: address, payload: payload, expect: expect, count: count,
                timeout: timeout, promise: promise)
            for _ in 0..<max(1, min(concurrency, count)) { run.startNext() }
        }
        var report = (try? await promise.futureResult.get()) ?? LoadReport(requested: count)
        let elapsed = clock.now - start
        report.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return report
    }

    /// State of one run, touched only on its event loop.
    private final class Run {
        let loop: EventLoop
        let address: SocketAddress
        let payload: String
        let expect: String
        let count: Int
        let timeout: Double
        let promise: EventLoopPromise<LoadReport>
        var started = 0
        var finished = 0
        var report: LoadReport

        init(
            loop: EventLoop, address: SocketAddress, payload: String, expect: String, count: Int, timeout: Double,
            promise: EventLoopPromise<LoadReport>
        ) {
            self.loop = loop
            self.address = address
            self.payload = payload
            self.expect = expect
            self.count = count
            self.timeout = timeout
            self.promise = promise
            // A histogram, not an array: memory stays the same however many exchanges run.
            self.report = LoadReport(requested: count, latencyRange: timeout)
        }

        func startNext() {
            guard started < count else { return }
            started += 1
            let begin = NIODeadline.now()
            ProbeHandler.run(on: loop, to: address, request: payload, timeout: timeout).assumeIsolated().whenComplete { result in
                let seconds = Double(NIODeadline.now().uptimeNanoseconds - begin.uptimeNanoseconds) / 1e9
                switch result {
                case .success(let outcome):
                    let reply = outcome.reply.map { String(buffer: $0) } ?? ""
                    if reply == self.expect {
                        self.report.allowed += 1
                    } else if reply.isEmpty {
                        self.report.denied += 1
                    } else {
                        self.report.errors += 1
                    }
                    self.report.latencies.record(seconds)
                case .failure:
                    self.report.errors += 1
                }
                self.finished += 1
                if self.finished == self.count { self.promise.succeed(self.report) } else { self.startNext() }
            }
        }
    }
}

extension MeshEngine {
    /// The request a pod's app would send to its own outbound sidecar for `host:port`
    /// (the original-destination line, then the payload), for benchmarks that drive the
    /// mesh path with `LoadClient`.
    package func outboundRequest(to address: String, port: Int, payload: String) -> String {
        Preamble.encode(Preamble.Original(connection: 0, address: address, port: port)) + payload
    }
}

extension LoadClient {
    /// A loopback port nothing listens on right now, for helpers (HAProxy in the benchmark)
    /// that need a port number in their configuration.
    package func freeLoopbackPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }
}
