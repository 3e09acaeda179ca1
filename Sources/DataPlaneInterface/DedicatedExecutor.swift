import Foundation

/// A task executor with a thread of its own, for async work that must not wait in line behind
/// whatever else the process runs on Swift's shared pool.
///
/// On Linux, Swift's global executor and `DispatchQueue.global()` are one thread pool, as wide as
/// the machine has cores (two here). Anything that fills it (a `load` of thousands of probes, a
/// big manifest decode, or, in the test suite, hundreds of tests queued at once) puts every
/// resumed continuation at the back of its queue: a stall dump of the suite showed a dashboard
/// probe waiting over a minute while both pool threads ran other tests. The dashboard's effects
/// and the engine's pod starts run here instead, so a probe is answered whatever the pool is
/// doing. Work given to it must not block: it has one thread.
///
/// Tasks started with this preference run their nonisolated code here, and so do the default
/// actors they call (SE-0417); their children inherit it.
package final class DedicatedExecutor: TaskExecutor, @unchecked Sendable {
    /// The dashboard's effects: probes, engine updates.
    package static let effects = DedicatedExecutor(name: "meshdeck-effects")
    /// The engine's own tasks: starting and stopping pods on use.
    package static let control = DedicatedExecutor(name: "meshdeck-control")

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    /// Starts the thread; it runs for the life of the process (there is one executor per role).
    init(name: String) {
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func run() {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
