import ConnectionEngine
import Dashboard
import DataPlaneInterface
import Foundation
import MeshModel
import PolicyEngine
import TerminalUI

/// Frame time of the dashboard: a full 200x60 screen with 10,000 log entries, rendered into
/// the Canvas (what every frame costs before the terminal backend copies it out).
/// `render --pods N` loads the walkthrough plus a synthetic mesh of N pods (N/10 namespaces x
/// 10 services, each with its TCPRoute and TrafficTarget) first, as an operator's cluster dump
/// would be, and also times `:probe` Tab completion on it (issue 13).
enum RenderBench {
    static func run(_ arguments: [String] = []) {
        let pods =
            arguments.firstIndex(of: "--pods").flatMap { i in
                arguments.dropFirst(i + 1).first.flatMap(Int.init)
            } ?? 0
        var cluster = Scenario.walkthrough()
        if pods > 0 {
            try! cluster.apply(SyntheticMesh.resources(namespaces: max(1, pods / SyntheticMesh.perNamespace)))
        }
        var state = AppState(cluster: cluster)
        _ = Reducer.reduce(&state, .resized(width: 200, height: 60))
        let now = Date()
        for i in 0..<10_000 {
            let allowed = i % 3 != 0
            let result = ProbeResult(
                outcome: allowed ? .allowed : .denied, connection: UInt64(i), from: "curl/curl",
                to: "tcp-echo.tcp-demo:9000", reply: allowed ? "echo response: hello\n" : "",
                verdict: Verdict(allowed: allowed, point: .serverSidecar, reason: allowed ? .permissive : .smiNoTrafficTarget),
                reason: allowed ? "permissive mode" : "no TrafficTarget allows it",
                clientError: allowed ? nil : "command terminated with exit code 1",
                latencies: Latencies(connect: 0.0002, firstByte: 0.0005, total: 0.0006), endpointPod: nil)
            _ = Reducer.reduce(&state, .probeFinished(result), now: now)
        }
        let podCount = cluster.pods().count
        let scale = pods > 0 ? "\(podCount) pods, " : ""
        var sink = 0
        let samples = frameTimes(state, sink: &sink)
        print(
            String(
                format:
                    "\nmeshdeck-bench render: 200x60 frame, %@10,000 log entries: median %.3f ms, p99 %.3f ms (checksum %d)",
                scale as NSString, samples[100] * 1000, samples[197] * 1000, sink % 10))

        // The `/` filter: typing a character rescans the ring once; frames then read only the
        // rows they draw.
        var rescans: [Double] = []
        for i in 0..<50 {
            let t0 = ContinuousClock.now
            state.log.setFilter(i % 2 == 0 ? "denied" : "tcp-echo.tcp-demo:9000 hello")
            rescans.append(DataplaneBench.seconds(ContinuousClock.now - t0))
        }
        rescans.sort()
        state.log.setFilter("denied")
        let filtered = frameTimes(state, sink: &sink)
        print(
            String(
                format:
                    "meshdeck-bench render: filter keystroke (rescan of 10,000 entries): median %.3f ms; filtered 200x60 frame (%d of 10,000 shown): median %.3f ms, p99 %.3f ms",
                rescans[25] * 1000, state.log.visibleCount, filtered[100] * 1000, filtered[197] * 1000))
        if pods > 0 {
            completion(state, pods: podCount)
            policyChange(state, pods: podCount)
        }
    }

    /// `p` (permissive flips): the key's whole reduce, the policy brought up to date and the
    /// panes' rows rebuilt, what the dashboard pays for one change of the cluster.
    private static func policyChange(_ state: AppState, pods: Int) {
        var s = state
        report("p (flip permissive) at \(pods) pods", runs: 11) { _ in
            timed { _ = Reducer.reduce(&s, .key(.character("p"))) }
        }
        // `:delete traffictarget allow-N -n ns-N`, typed: the Enter key, a different policy each time.
        report(":delete traffictarget (one of 10,000) at \(pods) pods", runs: 11) { i in
            type(":delete traffictarget allow-\(i % 10) -n ns-\(i)", into: &s)
            return timed { _ = Reducer.reduce(&s, .key(.enter)) }
        }
    }

    /// `:probe ` then Tab (every source), and `:probe ns-12` then Tab (a few): the time of the
    /// Tab key through the reducer, as a user presses it.
    private static func completion(_ state: AppState, pods: Int) {
        for typed in ["probe ", "probe ns-12", "probe curl/curl "] {
            var base = state
            type(":" + typed, into: &base)
            report("Tab after :\(typed) at \(pods) pods", runs: 21) { _ in
                var s = base
                return timed { _ = Reducer.reduce(&s, .key(.tab)) }
            }
        }
    }

    /// Each character of `text` as a key press.
    private static func type(_ text: String, into state: inout AppState) {
        for character in text { _ = Reducer.reduce(&state, .key(.character(character))) }
    }

    private static func timed(_ body: () -> Void) -> Double {
        let t0 = ContinuousClock.now
        body()
        return DataplaneBench.seconds(ContinuousClock.now - t0)
    }

    /// `runs` samples (seconds) of `sample(i)`; prints their median and the slowest.
    private static func report(_ what: String, runs: Int, _ sample: (Int) -> Double) {
        let samples = (0..<runs).map(sample).sorted()
        print(
            String(
                format: "meshdeck-bench render: %@: median %.3f ms, max %.3f ms", what as NSString,
                samples[runs / 2] * 1000, samples[runs - 1] * 1000))
    }

    /// 200 renders of a full 200x60 frame, in seconds, sorted; `sink` keeps the work alive.
    private static func frameTimes(_ state: AppState, sink: inout Int) -> [Double] {
        let context = RenderContext(ascii: false)
        var samples: [Double] = []
        for _ in 0..<200 {
            let t0 = ContinuousClock.now
            let canvas = Screen.render(state, width: 200, height: 60, context: context)
            samples.append(DataplaneBench.seconds(ContinuousClock.now - t0))
            sink &+= canvas.cells.count
        }
        samples.sort()
        return samples
    }
}
