import Foundation
import MeshModel
import PolicyEngine

// MeshDeck's benchmarks. Run in release mode:
//   swift run -c release meshdeck-bench              # policy, then data plane
//   swift run -c release meshdeck-bench policy       # only the policy engine
//   swift run -c release meshdeck-bench dataplane    # only direct vs mesh vs HAProxy (plain and mutual TLS)
//   swift run -c release meshdeck-bench ca [N]       # certificates the mesh CA issues per second
//   swift run -c release meshdeck-bench compile      # only compile, 20 times, for perf record
//   swift run -c release meshdeck-bench scale [N...]  # issue 13: one policy change, 51k-document decode,
//                                                    # before/after side by side at N namespaces x 10
//   swift run -c release meshdeck-bench scale-engine [N...] [--load]
//                                                    # issue 13: load, engine start, cold/warm probe, policy
//                                                    # change in the engine, RSS (a process per size)
//   swift run -c release meshdeck-bench render [--pods N]  # dashboard frame time (aim < 1 ms); with N pods
//                                                    # loaded, also :probe Tab completion (aim < 10 ms)
//   swift run -c release meshdeck-bench rss          # dashboard memory after :load 100000 64 (aim < 50 MB)
//   swift run -c release meshdeck-bench one mesh [count] [concurrency] [threads]
//                                                    # one path alone (mesh, mesh-conn, direct), for perf
//   swift run -c release meshdeck-bench serve        # engine + HAProxy up, ports printed, for an outside
//                                                    # client (scripts/bench-floor.sh, the C latency floor)
// Prints numbers; asserts nothing. Aims (issue 2): compile < 100 ms, decision < 1 µs, 1,000 × 1,000
// matrix < 1 s. Aims (issue 3): mesh at least as fast as two HAProxy hops, added median < 100 µs.

let clock = ContinuousClock()

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// Runs `body` `runs` times and returns the median duration.
func median(_ runs: Int, _ body: () -> Void) -> Double {
    var samples: [Double] = []
    for _ in 0..<runs { samples.append(seconds(clock.measure(body))) }
    samples.sort()
    return samples[samples.count / 2]
}

func ms(_ s: Double) -> String { String(format: "%8.1f ms", s * 1e3) }

var sink = 0  // results feed this so the optimiser cannot drop the work
let mode = CommandLine.arguments.dropFirst().first ?? "all"
if mode == "scale" {
    ScaleBench.run(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
if mode == "scale-engine" {
    try ScaleEngineBench.run(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
if mode == "scale-engine-one" {
    try await ScaleEngineBench.one(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
if mode == "render" {
    RenderBench.run(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
if mode == "rss" {
    try await DashboardLoadBench.run()
    exit(0)
}
if mode == "one" || mode == "mesh-only" {
    try await DataplaneBench.one(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
if mode == "serve" {
    try await DataplaneBench.serve(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
if mode == "ca" {
    try CABench.run(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
if mode == "dataplane" {
    try await DataplaneBench.run()
    exit(0)
}

print(
    "meshdeck-bench: synthetic mesh of \(SyntheticMesh.namespaces) namespaces, "
        + "\(SyntheticMesh.namespaces * SyntheticMesh.perNamespace) services, "
        + "\(SyntheticMesh.namespaces * SyntheticMesh.perNamespace) TrafficTargets (3 sources each)")

let resources = SyntheticMesh.resources()
var cluster = Cluster.empty()
let applyTime = seconds(
    clock.measure {
        cluster = {
            var c = Cluster.empty(); try! c.apply(resources); return c
        }()
    })
print("apply \(resources.count) resources (all-or-nothing) ....... \(ms(applyTime))")

// `meshdeck-bench compile`: only compile, 20 times, for `perf record`.
if CommandLine.arguments.dropFirst().first == "compile" {
    for _ in 0..<20 { sink &+= PolicyIndex(cluster).workloads.count }
    print("(checksum \(sink))")
    exit(0)
}
var compileSamples: [Double] = []
for _ in 0..<9 { compileSamples.append(seconds(clock.measure { sink &+= PolicyIndex(cluster).workloads.count })) }
compileSamples.sort()
let compileTime = compileSamples[4]
// A local `let`: a global `var` would add an exclusivity check to every call measured below.
let index = PolicyIndex(cluster)
print(
    "compile policy index (median of 9) ............ \(ms(compileTime))  (min \(ms(compileSamples[0]).trimmingCharacters(in: .whitespaces)))"
)

// Decisions on the resolved (integer) path: what the matrix and the load generator use.
var rng = SystemRandomNumberGenerator()
let pairs = 1_000_000
let sources = (0..<pairs).map { _ in Int.random(in: 0..<index.workloads.count, using: &rng) }
let destinations = (0..<pairs).map { _ in
    ResolvedDestination(service: Int.random(in: 0..<index.services.count, using: &rng), portIndex: 0)
}
// Half the pairs are ones a TrafficTarget allows, so both branches are measured.
var allowedSources = sources
for i in stride(from: 0, to: pairs, by: 2) {
    let dst = index.services[destinations[i].service].key
    let n = Int(dst.namespace.dropFirst(3))!
    let src = ObjectKey(namespace: "ns-\((n + 1) % SyntheticMesh.namespaces)", name: dst.name)
    allowedSources[i] = try! index.workload(named: src.description)
}
let resolvedTime = median(5) {
    var allowed = 0
    for i in 0..<pairs where index.decide(from: allowedSources[i], to: destinations[i]).allowed { allowed += 1 }
    sink &+= allowed
}
let allowedShare = (0..<pairs).filter { index.decide(from: allowedSources[$0], to: destinations[$0]).allowed }.count
print(
    String(
        format: "decide, resolved ids (1M, %2.0f%% allowed) ......... %8.1f ns/decision  %6.2f M decisions/s",
        Double(allowedShare) / Double(pairs) * 100, resolvedTime / Double(pairs) * 1e9, Double(pairs) / resolvedTime / 1e6))

// Decisions from names: what `explain` and a probe typed by hand go through.
let hosts = destinations.prefix(200_000).map { d -> String in
    let key = index.services[d.service].key
    return "\(key.name).\(key.namespace)"
}
let namedTime = median(5) {
    var allowed = 0
    for i in 0..<hosts.count where index.decide(from: allowedSources[i], host: hosts[i], port: 8080).allowed { allowed += 1 }
    sink &+= allowed
}
print(
    String(
        format: "decide, by host name (200k) ..................... %8.1f ns/decision  %6.2f M decisions/s",
        namedTime / Double(hosts.count) * 1e9, Double(hosts.count) / namedTime / 1e6))

let explainTime = median(3) {
    for i in 0..<2_000 { sink &+= index.explain(from: allowedSources[i], host: hosts[i], port: 8080).facts.count }
}
print(String(format: "explain with facts (2k) ......................... %8.1f µs/explanation", explainTime / 2_000 * 1e6))

var matrix = index.matrix(sourceLimit: 1_000, destinationLimit: 1_000)
let matrixTime = median(5) {
    matrix = index.matrix(sourceLimit: 1_000, destinationLimit: 1_000)
    sink &+= matrix.verdicts.count
}
print("matrix 1,000 × 1,000 (median of 5) ............ \(ms(matrixTime))")

let yaml = SyntheticMesh.yaml(namespaces: 200)
var decodedCount = 0
let decodeTime = median(3) {
    decodedCount = ManifestDecoder().decode(yaml, file: "bench.yaml").resources.count
}
print(
    String(
        format: "decode YAML manifests (%d documents, %.1f MB) .. %@  (%.0f documents/s)",
        decodedCount, Double(yaml.utf8.count) / 1e6, ms(decodeTime), Double(decodedCount) / decodeTime))

let scenarioTime = median(20) { sink &+= Scenario.walkthrough().revision }
print("build the walkthrough scenario (median of 20) . \(ms(scenarioTime))")
print("(checksum \(sink % 1000))")
if mode == "all" {
    try await DataplaneBench.run()
    RenderBench.run()
}
