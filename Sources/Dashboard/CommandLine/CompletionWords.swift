import MeshModel

/// The words `:probe` completes from, built when the workloads or services change, not at each
/// Tab: at 10,000 pods, listing and sorting them took ~40 ms a key press (meshdeck-bench render
/// --pods 10000). Sorted, so Tab finds the words that fit by binary search.
struct CompletionWords: Sendable {
    /// `NS/NAME` (or `NS/KIND/NAME`) of every workload that runs pods.
    private(set) var probeSources: [String] = []
    /// `SERVICE.NS:PORT` of every service port.
    private(set) var probeHosts: [String] = []

    init() {}

    init(_ cluster: Cluster) {
        probeSources = Completer.probeSources(cluster)
        probeHosts = cluster.services.values
            .flatMap { svc in svc.ports.map { "\(svc.meta.name).\(svc.meta.namespace ?? "default"):\($0.port)" } }
            .sorted()
    }

    /// The words of sorted `words` that start with `prefix`, found by binary search.
    static func starting(with prefix: String, in words: [String]) -> ArraySlice<String> {
        var low = 0, high = words.count
        while low < high {
            let mid = (low + high) / 2
            if words[mid] < prefix { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < words.count, words[end].hasPrefix(prefix) { end += 1 }
        return words[low..<end]
    }
}
