import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps `EngineConfiguration.descriptorReserve` file descriptors free: a new connection,
/// accepted or dialed, is refused while fewer are, and the connections already open go on.
///
/// Counting the process's open descriptors takes a directory listing of /proc/self/fd, far
/// too slow per connection. But Linux hands out the lowest free number (POSIX requires it),
/// so a new descriptor numbered N proves N others are open below it: when N reaches
/// `limit - reserve`, fewer than `reserve` are free. A descriptor we create ourselves is
/// checked for nothing; elsewhere (NIO's accept does not say which number it got) a `dup`
/// and a `close` find the lowest free number, about 0.3 us. Holes below the top (closed
/// descriptors) make the check late by at most their number, never early: it refuses only
/// when the reserve really is reached.
final class DescriptorGuard: Sendable {
    /// The soft `RLIMIT_NOFILE` (`ulimit -n`).
    let limit: Int
    let reserve: Int
    /// The first descriptor number a new connection may not have.
    private let threshold: Int

    init(reserve: Int) {
        limit = Self.currentLimit()
        self.reserve = max(0, reserve)
        threshold = max(0, limit - self.reserve)
    }

    /// The refusal, as an error for the paths that dial.
    struct Short: Error, CustomStringConvertible {
        var limit: Int
        var reserve: Int
        var description: String {
            "fewer than \(reserve) of the process's \(limit) file descriptors (ulimit -n) are free"
        }
    }

    var short: Short { Short(limit: limit, reserve: reserve) }

    /// True when fewer than `reserve` descriptors are free (or none at all).
    func isShort() -> Bool {
        guard let lowest = Self.lowestFree() else { return true }
        return lowest >= threshold
    }

    /// The lowest free descriptor number, found by duplicating one that is open (standard
    /// input, output or error, which nearly every process has, so the guard keeps no
    /// descriptor of its own); nil when there is none free at all.
    static func lowestFree() -> Int? {
        for open in CInt(0)...2 {
            let lowest = fcntl(open, F_DUPFD_CLOEXEC, 0)
            if lowest >= 0 {
                close(lowest)
                return Int(lowest)
            }
            if errno != EBADF { return nil }  // EMFILE: none free
        }
        // 0, 1 and 2 are all closed, so the lowest free is 0.
        return 0
    }

    /// True when `descriptor`, just opened, is past the reserve's edge.
    func isShort(opened descriptor: CInt) -> Bool { Int(descriptor) >= threshold }

    /// Descriptors this process has open now: a directory listing, for start-up checks and
    /// tests, never per connection.
    static func openNow() -> Int {
        guard let dir = opendir("/proc/self/fd") else { return 0 }
        defer { closedir(dir) }
        var count = 0
        while readdir(dir) != nil { count += 1 }
        return max(0, count - 3)  // ".", "..", and the listing's own descriptor
    }

    static func currentLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        return Int(clamping: min(limit.rlim_cur, rlim_t(Int32.max)))  // RLIM_INFINITY is all ones
    }
}
