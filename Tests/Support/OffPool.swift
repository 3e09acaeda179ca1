import Foundation

/// Blocking or long CPU-bound work on a thread of its own, off Swift's shared pool (two threads
/// here), which every engine probe, dashboard effect and subprocess wait of the suite's other
/// tests needs to resume: a test that computes for a minute on a pool thread stalls them all
/// (seen: a single dashboard probe "1 in flight" for 60 s while the incremental-policy property
/// test ran).
///
/// A new `Thread`, not `DispatchQueue.global()`: on Linux the global queue *is* Swift's pool, so
/// the first version of this function moved the work to the very threads it meant to spare (a
/// stall dump, `MESHDECK_STALL_DUMP`, showed the property test on a pool thread while a
/// dashboard probe waited 45 s).
package func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
