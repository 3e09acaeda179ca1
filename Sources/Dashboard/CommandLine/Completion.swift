import Foundation
import MeshModel

/// Tab on the `:` line: the words that can come next, from the live cluster (namespaces,
/// workloads, services with their ports, policies), the theme names and, for `:apply`, the
/// files on disk.
package struct Completion: Sendable, Equatable {
    /// Everything that fits the word being typed.
    var candidates: [String]
    /// The line before the cursor after completing: the one candidate, or the prefix all the
    /// candidates share; nil when Tab adds nothing.
    var completedPrefix: String?
}

package enum Completer {
    /// The directory whose listing completing `beforeCursor` needs (the one the path being typed
    /// points into), or nil when the word is not a path.
    static func directoryToList(_ beforeCursor: String, state: AppState) -> String? {
        guard let (words, endsInWord) = try? LineTokenizer.splitKeepingOpenWord(beforeCursor) else { return nil }
        let typed = endsInWord ? words.last ?? "" : ""
        let done = endsInWord ? Array(words.dropLast()) : words
        guard let command = done.first else { return nil }
        let args = Array(done.dropFirst())
        let isPath =
            (command == "apply" && args.last != "-n") || (command == "theme" && args.isEmpty && typed.contains("/"))
        guard isPath else { return nil }
        return typed.lastIndex(of: "/").map { String(typed[...$0]) } ?? ""
    }

    /// Completes `beforeCursor`; a path completes only from `listing` of its directory (see
    /// `directoryToList`), so this reads nothing itself.
    static func complete(_ beforeCursor: String, state: AppState, listing: DirectoryListing?) -> Completion {
        guard let (words, endsInWord) = try? LineTokenizer.splitKeepingOpenWord(beforeCursor) else {
            return Completion(candidates: [], completedPrefix: nil)
        }
        let typed = endsInWord ? words.last ?? "" : ""
        let done = endsInWord ? Array(words.dropLast()) : words
        let matching: [String]
        var isPath = false
        // `:probe`'s words are built and sorted with the cluster: a binary search finds those
        // that fit, and the first and last share what they all share.
        let sorted = sortedWords(after: done, state: state)
        if let sorted {
            matching = Array(CompletionWords.starting(with: typed, in: sorted))
        } else {
            let (options, path) = candidates(after: done, typed: typed, state: state, listing: listing)
            matching = options.filter { $0.hasPrefix(typed) }
            isPath = path
        }
        guard !matching.isEmpty else { return Completion(candidates: [], completedPrefix: nil) }
        // The line up to the word being typed, as the user wrote it.
        let head = String(beforeCursor.dropLast(endsInWord ? rawLastWordLength(beforeCursor) : 0))
        if matching.count == 1 {
            let word = matching[0]
            let ends = isPath && word.hasSuffix("/") ? "" : " "
            return Completion(candidates: matching, completedPrefix: head + quoted(word) + ends)
        }
        let common = sorted == nil ? commonPrefix(matching) : commonPrefix([matching[0], matching[matching.count - 1]])
        return Completion(candidates: matching, completedPrefix: common.count > typed.count ? head + quoted(common) : nil)
    }

    /// The sorted words prepared for what comes after `words`, if they are (`:probe`'s source
    /// and destination); nil: `candidates` lists them.
    static func sortedWords(after words: [String], state: AppState) -> [String]? {
        guard words.first == "probe" else { return nil }
        switch words.count {
        case 1: return state.completionWords.probeSources
        case 2: return state.completionWords.probeHosts
        default: return nil
        }
    }

    /// What may come after `words` (the command and the arguments already typed).
    static func candidates(
        after words: [String], typed: String, state: AppState,
        listing: DirectoryListing?
    ) -> (options: [String], isPath: Bool) {
        guard let command = words.first else { return (LineCommandParser.usages.map(\.word), false) }
        let args = Array(words.dropFirst())
        let cluster = state.cluster
        let namespaces = cluster.namespaces.keys.sorted()
        let workloads = cluster.deployments.keys.sorted().map { "\($0.namespace)/\($0.name)" }
        switch (command, args.count) {
        case ("apply", _) where args.last == "-n":
            return (namespaces, false)
        case ("apply", _):
            return (paths(typed, listing), true)
        case ("delete", 0):
            return (
                ["tcproute", "traffictarget", "httproutegroup", "service", "deployment", "serviceaccount", "namespace"], false
            )
        case ("delete", _) where args.last == "-n" || args.last == "--namespace":
            return (namespaces, false)
        case ("delete", 1):
            guard let kind = LineCommandParser.kind(named: args[0]) else { return ([], false) }
            return (Array(Set(cluster.resources(of: kind).map(\.meta.name))).sorted(), false)
        case ("delete", 2):
            return (["-n"], false)
        case ("probe", 0):
            return (state.completionWords.probeSources, false)
        case ("probe", 1):
            return (state.completionWords.probeHosts, false)
        case ("permissive", 0), ("egress", 0):
            return (["on", "off"], false)
        case ("ns", 0), ("namespace", 0):
            return (["add", "remove"], false)
        case ("ns", 1), ("namespace", 1):
            let inMesh = args[0] == "remove" || args[0] == "rm"
            return (namespaces.filter { cluster.namespaces[$0]?.isMonitored == inMesh }, false)
        case ("scale", 0):
            return (workloads, false)
        case ("cert", 0):
            return (["expire", "rotate-root"], false)
        case ("cert", 1) where args[0] == "expire":
            return (state.completionWords.probeSources, false)
        case ("theme", 0):
            return (state.themes.map(\.name) + (typed.contains("/") ? paths(typed, listing) : []), typed.contains("/"))
        default:
            return ([], false)
        }
    }

    /// What `:probe` takes as its source: every workload kind that runs pods (StatefulSets,
    /// DaemonSets, ReplicaSets, Jobs and bare Pods too), as `NS/NAME`, or `NS/KIND/NAME` where
    /// two kinds in a namespace share the name (what `--from` takes).
    static func probeSources(_ cluster: Cluster) -> [String] {
        let all = cluster.allWorkloads
        var kindsByName: [ObjectKey: Int] = [:]
        for w in all { kindsByName[w.meta.key, default: 0] += 1 }
        return all.map { w in
            let ns = w.meta.namespace ?? "default"
            guard kindsByName[w.meta.key, default: 0] > 1, w.kind != .deployment else { return "\(ns)/\(w.meta.name)" }
            return "\(ns)/\(w.kind.rawValue.lowercased())/\(w.meta.name)"
        }.sorted()
    }

    /// Entries of the directory `typed` points into, as `dir/name` (directories end in `/`).
    static func paths(_ typed: String, _ listing: DirectoryListing?) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let directory = slash.map { String(typed[...$0]) } ?? ""
        let showHidden = typed[(slash.map { typed.index(after: $0) } ?? typed.startIndex)...].hasPrefix(".")
        guard let listing, listing.directory == directory else { return [] }
        return listing.entries
            .filter { showHidden || !$0.name.hasPrefix(".") }
            .map { directory + $0.name + ($0.isDirectory ? "/" : "") }
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map(Array.init) else { return "" }
        for word in words.dropFirst() {
            let w = Array(word)
            var n = 0
            while n < prefix.count, n < w.count, prefix[n] == w[n] { n += 1 }
            prefix = Array(prefix.prefix(n))
        }
        return String(prefix)
    }

    /// Candidates with a space or a quote are quoted so the line still parses.
    static func quoted(_ word: String) -> String {
        word.contains(where: { $0 == " " || $0 == "'" || $0 == "\"" || $0 == "\\" })
            ? "'" + word.replacingOccurrences(of: "'", with: "") + "'" : word
    }

    /// Characters of the last word as typed (quotes included): everything after the last
    /// space that is outside quotes.
    static func rawLastWordLength(_ line: String) -> Int {
        var quote: Character?
        var length = 0
        for c in line {
            if let q = quote {
                if c == q { quote = nil }
                length += 1
            } else if c == " " || c == "\t" {
                length = 0
            } else {
                if c == "'" || c == "\"" { quote = c }
                length += 1
            }
        }
        return length
    }
}
