import Foundation
import MeshModel

/// Completions drawn from the cluster that the command line being typed would load: its own
/// `-f` files and `--empty` (and `-n`, `--bundle`), so `--from <TAB>` offers the workloads of
/// a dumped cluster, not the walkthrough's. The shell hands over its words as typed (quotes
/// and all); stdin (`-f -`) is never read, and a line that does not load offers nothing.
enum ClusterCompletions {
    /// `--from`: every Deployment as `namespace/name`.
    @Sendable static func workloads(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        guard let cluster = cluster(words, completing: index) else { return [] }
        return cluster.allWorkloads.map(\.meta.key.description).filter { $0.hasPrefix(prefix) }
    }

    /// `--to`: every Service port as `service.namespace:port` (once, though DNS serves 53
    /// over both TCP and UDP).
    @Sendable static func destinations(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        guard let cluster = cluster(words, completing: index) else { return [] }
        var seen: Set<String> = []
        return cluster.services.keys.sorted().flatMap { key in
            cluster.services[key]!.ports.map { "\(key.name).\(key.namespace):\($0.port)" }
        }.filter { $0.hasPrefix(prefix) && seen.insert($0).inserted }
    }

    /// `-n`: the namespaces.
    @Sendable static func namespaces(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        guard let cluster = cluster(words, completing: index) else { return [] }
        return cluster.namespaces.keys.sorted().filter { $0.hasPrefix(prefix) }
    }

    /// The cluster the words' common options load, leaving out the word being completed.
    static func cluster(_ words: [String], completing index: Int) -> Cluster? {
        var arguments: [String] = []
        var position = 0
        while position < words.count {
            defer { position += 1 }
            guard position != index else { continue }
            let word = unquoted(words[position])
            if word == "--empty" {
                arguments.append(word)
            } else if ["-f", "--filename", "-n", "--namespace", "--bundle"].contains(word), position + 1 < words.count,
                position + 1 != index
            {
                position += 1
                let value = unquoted(words[position])
                // Completion must not wait on stdin.
                if value != "-" { arguments += [word, value] }
            }
        }
        guard let options = try? CommonOptions.parse(arguments) else { return nil }
        let silent = Console(out: { _ in }, err: { _ in }, readStandardInput: { nil })
        guard case .success(let loaded) = ClusterLoader.attempt(options, console: silent) else { return nil }
        return loaded.cluster
    }

    /// A shell word as the program would receive it, for the simple cases: quotes around it,
    /// backslash escapes, a leading `~/`.
    static func unquoted(_ word: String) -> String {
        var text = word
        if text.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first {
            text = String(text.dropFirst().dropLast())
        } else {
            var out = ""
            var escaped = false
            for character in text {
                if escaped || character != "\\" {
                    out.append(character)
                    escaped = false
                } else {
                    escaped = true
                }
            }
            text = out
        }
        if text.hasPrefix("~/") { text = FileManager.default.homeDirectoryForCurrentUser.path + text.dropFirst() }
        return text
    }
}
