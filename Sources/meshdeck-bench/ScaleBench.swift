import Foundation
import MeshModel
import PolicyEngine

/// `meshdeck-bench scale`: what issue 13 measures at 100, 1,000 and 10,000 pods: one policy
/// change (compiled afresh, as before, beside `PolicyIndex.update(to:)`), and decoding the
/// generated dump as YAML and as a `kubectl get -o json` List (one parser, as before, beside
/// the parallel decode). Each pair is measured side by side in the same run, alternated.
enum ScaleBench {
    static func run(_ arguments: [String]) {
        let sizes = arguments.compactMap(Int.init).isEmpty ? [10, 100, 1_000] : arguments.compactMap(Int.init)
        print("scale: N namespaces x 10 meshed echo services (ServiceAccount, Service, Deployment, TCPRoute, TrafficTarget)")
        print("cores: \(ProcessInfo.processInfo.activeProcessorCount)")
        // `policy` or `decode` alone, for perf record.
        let only = arguments.first { $0 == "policy" || $0 == "decode" }
        if only != "decode" { for namespaces in sizes { policyChange(namespaces: namespaces) } }
        if only != "policy" { for namespaces in sizes { decode(namespaces: namespaces) } }
    }

    /// Times `body` `runs` times, alternating with `other`, and returns both medians.
    static func sideBySide(_ runs: Int, _ a: () -> Void, _ b: () -> Void) -> (Double, Double) {
        var x: [Double] = []
        var y: [Double] = []
        for _ in 0..<runs {
            x.append(seconds(clock.measure(a)))
            y.append(seconds(clock.measure(b)))
        }
        x.sort()
        y.sort()
        return (x[x.count / 2], y[y.count / 2])
    }

    static func policyChange(namespaces: Int) {
        var cluster = Cluster.empty()
        try! cluster.apply(SyntheticMesh.resources(namespaces: namespaces))
        let index = PolicyIndex(cluster)
        let pods = namespaces * SyntheticMesh.perNamespace
        // The edits a user makes: one TrafficTarget gains a source, one is deleted, a TCPRoute
        // changes its ports, permissive mode flips.
        var edits: [(String, Cluster)] = []
        var changed = cluster
        var target = cluster.trafficTargets[ObjectKey(namespace: "ns-0", name: "allow-0")]!
        target.sources.append(IdentityRef(name: "app-5", namespace: "ns-\(namespaces / 2)"))
        try! changed.apply([.trafficTarget(target)])
        edits.append(("apply one TrafficTarget", changed))
        changed = cluster
        try! changed.delete(.trafficTarget, ObjectKey(namespace: "ns-1", name: "allow-1"))
        edits.append(("delete one TrafficTarget", changed))
        changed = cluster
        try! changed.apply([.tcpRoute(TCPRoute(meta: ObjectMeta(name: "route-2", namespace: "ns-2"), ports: [8080, 9090]))])
        edits.append(("apply one TCPRoute", changed))
        changed = cluster
        changed.setPermissive(true)
        edits.append(("flip permissive", changed))
        for (what, next) in edits {
            var sink = 0
            let (fresh, incremental) = sideBySide(
                9, { sink &+= PolicyIndex(next).workloads.count }, { sink &+= index.updated(to: next).workloads.count })
            print(
                String(
                    format: "policy change, %6d pods / TrafficTargets: %-26@ compile %8.2f ms   incremental %7.3f ms  (%d)",
                    pods, what as NSString, fresh * 1e3, incremental * 1e3, sink % 2))
        }
    }

    static func decode(namespaces: Int) {
        let yaml = SyntheticMesh.fullYAML(namespaces: namespaces)
        let json = SyntheticMesh.jsonList(namespaces: namespaces)
        for (what, text) in [("YAML", yaml), ("JSON List", json)] {
            var count = 0
            let runs = namespaces >= 1_000 ? 3 : 5
            let (one, parallel) = sideBySide(
                runs,
                { count = ManifestDecoder(parallelism: .never).decode(text, file: "bench").resources.count },
                { count = ManifestDecoder().decode(text, file: "bench").resources.count })
            print(
                String(
                    format: "decode %-9@ %6d documents, %5.1f MB: one parser %8.0f ms   parallel %8.0f ms",
                    what as NSString, count, Double(text.utf8.count) / 1e6, one * 1e3, parallel * 1e3))
        }
    }
}
