import Dispatch

/// Blocking or long CPU-bound work on a GCD thread, off Swift's cooperative pool (two threads
/// here), which every engine probe, dashboard effect and subprocess wait of the suite's other
/// tests needs to resume: a test that computes for a minute on a pool thread stalls them all
/// (seen: a single dashboard probe "1 in flight" for 60 s while the incremental-policy property
/// test ran).
package func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(returning: body()) }
    }
}
