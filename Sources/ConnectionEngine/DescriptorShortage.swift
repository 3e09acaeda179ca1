import Foundation
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// The engine could not start its pods: the process has too few file descriptors for their
/// listeners. A clean error naming the limit (`meshdeck` exits 2 with it), where running out
/// during the start used to end in a trap.
package struct DescriptorShortage: Error, CustomStringConvertible, LocalizedError {
    var pods: Int
    /// Listeners the pods need; nil when the count was right but a listener still failed.
    var needed: Int?
    var free: Int
    var limit: Int
    var reserve: Int

    package var description: String {
        let need = needed.map { "needs \($0) file descriptors for its listeners, but" } ?? "ran out of file descriptors:"
        return
            "starting \(pods) pod\(pods == 1 ? "" : "s") \(need) only \(max(0, free)) of this process's limit of \(limit) "
            + "(ulimit -n) are free, and \(reserve) stay in reserve for connections and the runtime; "
            + "run fewer pods (replicas) or raise ulimit -n"
    }

    package var errorDescription: String? { description }

    /// `error` as a shortage, when a listener failed for want of descriptors.
    static func from(_ error: Error, pods: Int, state: EngineState) -> DescriptorShortage? {
        guard let io = error as? IOError, [EMFILE, ENFILE].contains(io.errnoCode) else { return nil }
        let descriptors = state.descriptors
        return DescriptorShortage(
            pods: pods, needed: nil, free: descriptors.limit - DescriptorGuard.openNow(), limit: descriptors.limit,
            reserve: descriptors.reserve)
    }
}
