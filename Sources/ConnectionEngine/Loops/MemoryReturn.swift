import NIOConcurrencyHelpers
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Gives memory back to the system after many connections closed. glibc's malloc keeps what
/// is freed in its per-thread arenas and returns only the top of a heap, so the buffers of
/// peers that have gone stayed in the process: 200 peers that never read, through the mesh,
/// left 286 MB of RSS behind after they left (the engine itself held nothing by then).
/// `malloc_trim(0)` returns every free page of every arena (glibc 2.8 and later). It walks the
/// arenas, a few milliseconds for hundreds of MB, so it runs only when an event loop's
/// connections have fallen to half their peak or less, by at least `batch` (peers went away;
/// a load run's steady churn never trims), and at most once a second for the whole process.
enum MemoryReturn {
    /// How far an event loop's open connections must fall below their peak for a trim.
    static let batch = 64
    /// How long after the burst's first closes the trim runs, so the whole burst is freed first.
    static let delay = TimeAmount.milliseconds(500)

    private static let last = NIOLockedValueBox<NIODeadline>(.uptimeNanoseconds(0))

    static func trim() {
        let now = NIODeadline.now()
        let due = last.withLockedValue { last -> Bool in
            guard now - last >= .seconds(1) else { return false }
            last = now
            return true
        }
        if due, let mallocTrim { _ = mallocTrim(0) }
    }

    /// glibc's `int malloc_trim(size_t)`, which Swift's Glibc module does not import (it is in
    /// malloc.h): looked up once; nil with another C library, where this does nothing.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
            guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
            return nil
        #endif
    }()
}
