import ConnectionEngine
import Dashboard
import Foundation
import MeshModel
import TerminalUI

/// Resident memory of the whole dashboard process (engine, sidecars, UI loop drawing frames)
/// around a long load driven the way a user drives it: `:load 100000 64` typed at the `:`
/// line, with frames drawn ~30 times a second into an in-memory terminal. Aim: under 50 MB.
enum DashboardLoadBench {
    /// A terminal with no screen: it types the keys it is given, then waits for `until` to
    /// appear in a drawn frame, then quits.
    final class ScriptedTerminal: TerminalBackend {
        var size: (width: Int, height: Int) { (200, 60) }
        var unicode: Bool { true }
        var quitSignal: Int32? { nil }
        private var keys: [Key]
        private let until: String
        private var done = false
        private(set) var frames = 0
        private(set) var lastScreen = ""

        init(typing line: String, until: String) {
            keys = [.character(":")] + line.map { .character($0) } + [.enter]
            self.until = until
        }

        func draw(_ canvas: Canvas) {
            frames += 1
            lastScreen = canvas.text
            if lastScreen.contains(until) { done = true }
        }

        func apply(_ palette: Palette) {}

        func readKey(timeoutMilliseconds: Int32) -> Key? {
            if !keys.isEmpty { return keys.removeFirst() }
            if done { return .character("q") }
            usleep(UInt32(timeoutMilliseconds) * 1000)
            return nil
        }
    }

    /// VmRSS and VmHWM from /proc/self/status, in MB.
    static func memory() -> (rss: Double, peak: Double) {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> Double {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            return Double(line.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
        }
        return (field("VmRSS"), field("VmHWM"))
    }

    static func run(count: Int = 100_000, concurrency: Int = 64) async throws {
        let start = memory()
        let cluster = Scenario.walkthrough()
        let engine = try await MeshEngine.start(cluster)
        let ready = memory()
        let terminal = ScriptedTerminal(typing: "load \(count) \(concurrency)", until: "load \(count)/\(count) done")
        let app = DashboardApp(backend: terminal, cluster: cluster, engine: engine)
        let t0 = ContinuousClock.now
        _ = await app.runOnDedicatedThread()
        let elapsed = ContinuousClock.now - t0
        let after = memory()
        try await engine.shutdown()
        let load = app.state.load
        print(String(format: "\nmeshdeck-bench rss: dashboard, walkthrough scenario, :load %d %d at 200x60", count, concurrency))
        print(
            String(
                format: "  resident at start %.1f MB, engine running %.1f MB, after the load %.1f MB, peak %.1f MB (aim < 50 MB)",
                start.rss, ready.rss, after.rss, after.peak))
        print(
            String(
                format: "  %d probes: %d allowed, %d denied, %d errors in %.1f s (%d frames drawn, log holds %d lines)",
                load?.finished ?? 0, load?.allowed ?? 0, load?.denied ?? 0, load?.errors ?? 0,
                DataplaneBench.seconds(elapsed), terminal.frames, app.state.log.count))
    }
}
