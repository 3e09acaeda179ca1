import DataPlaneInterface
import Foundation
import MeshCertificates
import MeshModel
import PolicyEngine
import Presentation
import Synchronization
import TerminalUI

/// Actions posted from engine tasks, picked up by the UI loop. Posting never waits for the
/// screen; the loop drains it between key reads.
final class ActionInbox: Sendable {
    private let actions = Mutex<[Action]>([])
    func post(_ action: Action) { actions.withLock { $0.append(action) } }
    func drain() -> [Action] {
        actions.withLock { a in
            defer { a = [] }; return a
        }
    }
}

/// The dashboard's loop: keys and engine results in, reducer, effects out, and a redraw at
/// most ~30 times a second. Runs on the thread that owns the terminal (ncurses is not
/// thread-safe); the engine's work runs in tasks that post their results to the inbox.
/// `@unchecked Sendable` because it is handed to that one thread (`runOnDedicatedThread`) and
/// used there alone.
package final class DashboardApp: @unchecked Sendable {
    private let backend: TerminalBackend
    private let engine: any MeshDataPlane
    private let inbox = ActionInbox()
    private let chain = Mutex<Task<Void, Never>?>(nil)
    /// The load `L`/`:load` runs: its meter (read each tick) and its task (cancelled by Esc).
    private var running: (meter: LoadMeter, task: Task<Void, Never>)?
    private var lastTick = ContinuousClock.now
    /// How often a running load's progress is sampled: one sparkline bar per tick.
    static let loadTick = Duration.milliseconds(50)
    package private(set) var state: AppState

    /// `theme` comes first in the themes `t` cycles through; nil starts with `default`.
    /// `walkthrough` is what `w` guides through (nil: `w` says it is not available).
    /// `language` is that of the dashboard's own words (pane titles, footer, help, messages).
    /// A terminal that cannot show it (its locale is not UTF-8) gets English throughout, the
    /// guide included (`englishWalkthrough`), and one line saying so.
    package init(
        backend: TerminalBackend, cluster: Cluster, policy: PolicyIndex? = nil, engine: any MeshDataPlane,
        theme: Theme? = nil, walkthrough: Walkthrough? = nil, language: WalkthroughLanguage = .en,
        englishWalkthrough: Walkthrough? = nil, certificates: MeshCertificateAuthority? = nil
    ) {
        self.backend = backend
        self.engine = engine
        self.state = AppState(cluster: cluster, policy: policy)
        if let certificates { state.certificates = certificates }
        state.walkthrough = walkthrough
        state.language = language
        state.ascii = !backend.unicode
        if !backend.unicode, language != .en {
            state.language = .en
            state.walkthrough = walkthrough?.language == WalkthroughLanguage.en.rawValue ? walkthrough : englishWalkthrough
            state.message = UIText.en.languageFallback(language.rawValue)
        }
        let size = backend.size
        state.screenWidth = size.width
        state.screenHeight = size.height
        let shipped = BuiltinThemes.all.compactMap {
            try? ThemeLoader.load($0.yaml, name: $0.name, file: "themes/\($0.name).yaml")
        }
        state.themes = (theme.map { [$0] } ?? []) + shipped.filter { $0.name != theme?.name }
    }

    /// Where the data plane tells of pods it starts and stops (`MeshEngine.start(podEvents:)`):
    /// a pod stopped for room is posted to the loop, which logs it; so is a certificate the CA
    /// renewed (after `:cert expire`, the log says when connections can succeed again).
    package var podEvents: EngineEventSink {
        { [inbox] event in
            switch event.kind {
            case .podEvicted(let pod, let idle, let running, let bound):
                inbox.post(.podEvicted(pod: pod, idleSeconds: idle, running: running, bound: bound))
            case .certificateChanged(let identity, let change):
                inbox.post(.certificateChanged(identity: identity, change: change))
            default:
                break
            }
        }
    }

    /// Runs until `q`, Ctrl-C or a quit signal. Returns the exit status: 0, or 128 plus the
    /// signal for SIGTERM and SIGHUP, as shells report a process ended by one.
    package func run() -> Int32 {
        if let theme = state.theme { backend.apply(theme.palette) }
        // A load still running when the dashboard quits stops with it.
        defer { running?.task.cancel() }
        var dirty = true
        var lastDraw = ContinuousClock.now - .seconds(1)
        var lastSecond = ContinuousClock.now
        let frame = Duration.milliseconds(33)
        while !state.quit {
            if let signal = backend.quitSignal { return signal == SIGINT ? 0 : 128 + signal }
            // The reducer measures pages against the screen: it hears of every new size.
            let size = backend.size
            if size.width != state.screenWidth || size.height != state.screenHeight {
                perform(Reducer.reduce(&state, .resized(width: size.width, height: size.height)))
                dirty = true
            }
            // The map's rates are over the last 10 s: they fall when nothing happens.
            if state.showMap, ContinuousClock.now - lastSecond >= .seconds(1) {
                lastSecond = .now
                perform(Reducer.reduce(&state, .tick))
                dirty = true
            }
            if let key = backend.readKey(timeoutMilliseconds: dirty ? 5 : 33) {
                perform(Reducer.reduce(&state, .key(key)))
                dirty = true
            }
            if let running, ContinuousClock.now - lastTick >= Self.loadTick {
                lastTick = .now
                perform(Reducer.reduce(&state, .loadTick(running.meter.tick())))
                dirty = true
            }
            for action in inbox.drain() {
                switch action {
                case .loadFinished:
                    // The last partial tick, so the sparkline ends where the load did.
                    if let running { perform(Reducer.reduce(&state, .loadTick(running.meter.tick()))) }
                    running = nil
                case .loadFailed:
                    running = nil
                default:
                    break
                }
                perform(Reducer.reduce(&state, action))
                dirty = true
            }
            if dirty, ContinuousClock.now - lastDraw >= frame {
                draw()
                lastDraw = .now
                dirty = false
            }
        }
        return 0
    }

    /// Runs the loop on a thread of its own, never on a Swift concurrency thread (the loop
    /// blocks in the terminal's key read), and returns its exit status.
    package func runOnDedicatedThread() async -> Int32 {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: self.run()) }
            thread.name = "meshdeck-ui"
            thread.start()
        }
    }

    /// Renders the current state into a canvas of the terminal's size and shows it.
    func draw() {
        let size = backend.size
        let context = RenderContext(ascii: !backend.unicode)
        backend.draw(Screen.render(state, width: size.width, height: size.height, context: context))
        // A recording at a fixed size gets the same state drawn at that size.
        if let recording = backend.recordingSize {
            backend.record(Screen.render(state, width: recording.width, height: recording.height, context: context))
        }
    }

    /// Starts the work the reducer asked for. Engine updates run one after another, and a
    /// probe waits for the updates before it, so it meets the policy the screen shows.
    private func perform(_ effects: [Effect]) {
        for effect in effects {
            let engine = self.engine, inbox = self.inbox
            switch effect {
            case .updateEngine:
                let cluster = state.cluster, policy = state.policy
                enqueue {
                    do {
                        try await engine.update(cluster, policy: policy)
                        inbox.post(.engineUpdated(error: nil))
                    } catch {
                        inbox.post(.engineUpdated(error: "\(error)"))
                    }
                }
            case .applyTheme(let palette):
                backend.apply(palette)
            case .readManifests(let path, let namespace):
                Task {
                    let output = ManifestLoader.load(
                        [path], decoder: ManifestDecoder(defaultNamespace: namespace),
                        readStandardInput: { nil })
                    inbox.post(.manifestsRead(path: path, output: output))
                }
            case .listDirectory(let directory):
                // A directory of names, read at once: Tab's answer belongs in the next frame.
                perform(Reducer.reduce(&state, .directoryListed(DirectoryListing.read(directory))))
            case .readTheme(let path):
                // A small file, read here so a broken one is reported before the next frame.
                let result: Result<Theme, ThemeError>
                do throws(ThemeError) { result = .success(try ThemeLoader.resolve(path)) } catch { result = .failure(error) }
                perform(Reducer.reduce(&state, .themeRead(result)))
            case .startLoad(let from, let to, let message, let count, let concurrency):
                let meter = LoadMeter(count: count, concurrency: concurrency)
                let pending = chain.withLock { $0 }
                let task = Task {
                    await pending?.value
                    do throws(QueryError) {
                        let report = try await engine.load(
                            from: from, to: to, message: message, count: count, concurrency: concurrency,
                            onResult: { meter.record($0, latency: $1) })
                        inbox.post(.loadFinished(report, cancelled: Task.isCancelled))
                    } catch {
                        inbox.post(.loadFailed(error.description))
                    }
                }
                running = (meter, task)
                lastTick = .now
            case .cancelLoad:
                running?.task.cancel()
            case .mark(let label):
                backend.mark(label)
            case .copy(let text):
                backend.copyToClipboard(text)
            case .saveFile(let path, let contents):
                // Off the UI thread, as a read is: a slow disk never holds a frame.
                Task {
                    let problem: String?
                    do {
                        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
                        problem = nil
                    } catch {
                        problem = (error as NSError).localizedDescription
                    }
                    inbox.post(.fileSaved(path: path, error: problem))
                }
            case .expireCertificate(let workload):
                enqueue {
                    do throws(QueryError) {
                        inbox.post(.certificateFault(.expired(identity: try await engine.expireCertificate(of: workload))))
                    } catch {
                        inbox.post(.certificateFault(.failed(error.description)))
                    }
                }
            case .rotateRoot:
                enqueue {
                    do {
                        inbox.post(.certificateFault(.rootRotated(closedTunnels: try await engine.rotateRoot())))
                    } catch {
                        inbox.post(.certificateFault(.failed("\(error)")))
                    }
                }
            case .probe(let from, let to, let message):
                probe(from: from, to: to, message: message, finished: Action.probeFinished, failed: Action.probeFailed)
            case .guideProbe(let from, let to, let message):
                probe(from: from, to: to, message: message, finished: Action.guideProbeFinished, failed: Action.guideProbeFailed)
            }
        }
    }

    /// Sends a probe once the engine updates queued before it are done, so it meets the
    /// policy the screen shows, and posts what came back.
    private func probe(
        from: String, to: String, message: String,
        finished: @escaping @Sendable (ProbeResult) -> Action, failed: @escaping @Sendable (String) -> Action
    ) {
        let engine = self.engine, inbox = self.inbox
        let pending = chain.withLock { $0 }
        Task(executorPreference: DedicatedExecutor.effects) {
            await pending?.value
            do throws(QueryError) {
                inbox.post(finished(try await engine.probe(from: from, to: to, message: message)))
            } catch {
                inbox.post(failed(error.description))
            }
        }
    }

    private func enqueue(_ work: @escaping @Sendable () async -> Void) {
        chain.withLock { previous in
            let before = previous
            previous = Task(executorPreference: DedicatedExecutor.effects) {
                await before?.value
                await work()
            }
        }
    }
}
