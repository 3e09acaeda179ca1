import ConnectionEngine
import Foundation
import MeshModel
import PolicyEngine

/// `meshdeck-bench scale-engine [N...]`: the engine side of issue 13's scale row, per generated
/// mesh of N namespaces x 10 meshed echo services: load time (decode and apply the YAML dump),
/// the policy compile, engine start (with that index), the first probe (its source and destination pods start on use), a probe to
/// the now warm pods (median of 20), one TrafficTarget change taking effect in the running
/// engine (the index brought up to date incrementally, then handed over), and resident memory.
/// With `--load`, also `load --count 10000 --concurrency 64` spread over 100 replicas of the
/// destination. Each size runs in a process of its own, so its memory is its own.
enum ScaleEngineBench {
    static func run(_ arguments: [String]) throws {
        let sizes = arguments.compactMap(Int.init).isEmpty ? [10, 100, 1_000] : arguments.compactMap(Int.init)
        let load = arguments.contains("--load")
        print("scale-engine: N namespaces x 10 meshed echo services; probe ns-1/app-0 -> app-0.ns-0:8080 (allowed)")
        print("cores: \(ProcessInfo.processInfo.activeProcessorCount)")
        print(
            "   pods    load_ms compile_ms   start_ms  cold_probe_ms  warm_probe_ms  policy_change_ms  rss_MB  (load 10000 c64 over 100 replicas)"
        )
        for namespaces in sizes {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            child.arguments = ["scale-engine-one", "\(namespaces)"] + (load ? ["--load"] : [])
            try child.run()
            child.waitUntilExit()
        }
    }

    static func one(_ arguments: [String]) async throws {
        let namespaces = Int(arguments.first ?? "") ?? 100
        let withLoad = arguments.contains("--load")
        let yaml = SyntheticMesh.fullYAML(namespaces: namespaces, firstReplicas: withLoad ? 100 : 1)
        var cluster = Cluster.empty()
        let loadTime = seconds(
            try clock.measure {
                let decoded = ManifestDecoder().decode(yaml, file: "mesh.yaml")
                precondition(decoded.errors.isEmpty, "\(decoded.errors.first!)")
                _ = try cluster.apply(decoded.resources)
            })
        // The policy compile, once, shared with the engine (as the dashboard does): linear in
        // the cluster like the load, so a column of its own rather than inside engine start.
        var index = PolicyIndex(Cluster.empty())
        let compileTime = seconds(clock.measure { index = PolicyIndex(cluster) })
        var engine: MeshEngine?
        let startTime = try await measure { engine = try await MeshEngine.start(cluster, policy: index) }
        guard let engine else { return }
        let from = "ns-1/app-0", to = "app-0.ns-0:8080"
        var outcome = ""
        let cold = try await measure { outcome = try await engine.probe(from: from, to: to).outcome.rawValue }
        precondition(outcome == "allowed", "first probe \(outcome)")
        var warm: [Double] = []
        for _ in 0..<20 { warm.append(try await measure { _ = try await engine.probe(from: from, to: to) }) }
        warm.sort()
        // One TrafficTarget gains a source; the change is in effect once the engine has it.
        var target = cluster.trafficTargets[ObjectKey(namespace: "ns-0", name: "allow-1")]!
        target.sources.append(IdentityRef(name: "app-1", namespace: "ns-\(namespaces / 2)"))
        var changed = cluster
        _ = try changed.apply([.trafficTarget(target)])
        let change = try await measure {
            index.update(to: changed)
            try await engine.update(changed, policy: index)
        }
        var loadText = ""
        if withLoad {
            let report = try await engine.load(from: from, to: to, count: 10_000, concurrency: 64)
            loadText = String(
                format: "  load: %d allowed, %d errors, %d lost, %.0f probes/s, p50 %.1f ms, p99 %.1f ms, %d replicas answered",
                report.allowed, report.errors, report.lost, report.probesPerSecond, report.quantile(0.5) * 1e3,
                report.quantile(0.99) * 1e3, report.answeredBy.count)
        }
        let rss = DashboardLoadBench.memory().rss
        print(
            String(
                format: "%7d %10.1f %10.1f %10.1f %14.2f %14.3f %17.3f %7.0f%@",
                namespaces * SyntheticMesh.perNamespace
                    + (withLoad ? 99 : 0), loadTime * 1e3, compileTime * 1e3, startTime * 1e3, cold * 1e3,
                warm[warm.count / 2] * 1e3,
                change * 1e3, rss, loadText as NSString))
        try await engine.shutdown()
    }

    static func measure(_ body: () async throws -> Void) async throws -> Double {
        let began = ContinuousClock.now
        try await body()
        return seconds(ContinuousClock.now - began)
    }
}
