import MeshModel

/// What a `:` line asks for, parsed and checked for shape (names are checked against the
/// cluster when it runs).
package enum LineCommand: Sendable, Equatable {
    case apply(path: String, namespace: String?)
    case delete(kind: ResourceKind, name: String, namespace: String?)
    case probe(from: String, to: String, message: String?)
    case permissive(Bool)
    case egress(Bool)
    case namespaceAdd(String)
    case namespaceRemove(String)
    case scale(ObjectKey, replicas: Int)
    /// `:cert expire NS/WORKLOAD`: a fault, the workload's mesh certificate expires now.
    case certExpire(workload: String)
    /// `:cert rotate-root`: a fault, the mesh's root is replaced.
    case certRotateRoot
    case load(count: Int, concurrency: Int)
    case theme(String)
    case save(path: String)
    case help
    case quit
}

/// A `:` line that could not be parsed: what is wrong, and the usage that would work. The words
/// are the dashboard's (`UIText.commandError`), in its language; what was typed, the usages and
/// the command words stay as typed.
package struct LineCommandError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Problem: Sendable, Equatable {
        /// An empty line: the command words.
        case empty(commands: [String])
        case usage(String)
        case unknownKind(String, suggestion: String?, kinds: [String])
        case meshConfigNotDeleted
        case probeFrom(usage: String)
        case probeTo(usage: String)
        case replicas(String)
        case loadCount(String, maximum: Int)
        case loadConcurrency(String, maximum: Int)
        case namespaceMissing(usage: String)
        case unknownCommand(String, suggestion: String?, commands: [String])
        case unclosedQuote(Character)
    }
    var problem: Problem
    init(_ problem: Problem) { self.problem = problem }
    /// In English (the tests' and `description`'s words).
    var message: String { text(.en) }
    /// In the dashboard's language.
    func text(_ words: UIText) -> String { words.commandError(problem) }
    package var description: String { message }
}

/// The `:` commands: their words, usage, and the parser.
package enum LineCommandParser {
    /// Every command word with its usage, in the order help lists them.
    static let usages: [(word: String, usage: String)] = [
        ("apply", ":apply FILE|DIR [-n NS]"),
        ("delete", ":delete KIND NAME [-n NS]"),
        ("probe", ":probe FROM TO [MESSAGE]"),
        ("permissive", ":permissive on|off"),
        ("egress", ":egress on|off"),
        ("ns", ":ns add|remove NS"),
        ("scale", ":scale NS/DEPLOYMENT N"),
        ("cert", ":cert expire NS/WORKLOAD|rotate-root"),
        ("load", ":load N C"),
        ("theme", ":theme NAME|PATH"),
        ("save", ":save FILE"),
        ("help", ":help"),
        ("q", ":q"),
    ]

    /// The largest `:load`: enough for a soak, not enough to run for hours by a typo.
    static let maximumLoad = 1_000_000
    static let maximumConcurrency = 1_024

    static func parse(_ line: String) throws(LineCommandError) -> LineCommand {
        let words = try LineTokenizer.split(line)
        guard let word = words.first else {
            throw LineCommandError(.empty(commands: usages.map(\.word)))
        }
        let args = Array(words.dropFirst())
        func usage() -> LineCommandError {
            LineCommandError(.usage(usages.first { $0.word == word }?.usage ?? ":\(word)"))
        }
        switch word {
        case "apply":
            var rest = args
            let namespace = try takeNamespace(&rest, usage: usage())
            if rest.first == "-f" { rest.removeFirst() }
            guard rest.count == 1 else { throw usage() }
            return .apply(path: rest[0], namespace: namespace)
        case "delete":
            var rest = args
            let namespace = try takeNamespace(&rest, usage: usage())
            // kubectl's `KIND/NAME` form too.
            if rest.count == 1, let slash = rest[0].firstIndex(of: "/") {
                rest = [String(rest[0][..<slash]), String(rest[0][rest[0].index(after: slash)...])]
            }
            guard rest.count == 2 else { throw usage() }
            guard let kind = kind(named: rest[0]) else {
                throw LineCommandError(
                    .unknownKind(
                        rest[0], suggestion: ResourceKind.closest(to: rest[0]).map { $0.rawValue.lowercased() },
                        kinds: [
                            "tcproute", "traffictarget", "httproutegroup", "service", "deployment", "serviceaccount", "namespace",
                        ]))
            }
            guard kind != .meshConfig else {
                throw LineCommandError(.meshConfigNotDeleted)
            }
            return .delete(kind: kind, name: rest[1], namespace: namespace)
        case "probe":
            guard args.count >= 2 else { throw usage() }
            guard args[0].contains("/") else {
                throw LineCommandError(.probeFrom(usage: usages.first { $0.word == "probe" }!.usage))
            }
            guard args[1].contains(":") else {
                throw LineCommandError(.probeTo(usage: usages.first { $0.word == "probe" }!.usage))
            }
            let message = args.count > 2 ? args.dropFirst(2).joined(separator: " ") : nil
            return .probe(from: args[0], to: args[1], message: message)
        case "permissive", "egress":
            guard args.count == 1, let on = onOff(args[0]) else { throw usage() }
            return word == "permissive" ? .permissive(on) : .egress(on)
        case "ns", "namespace":
            guard args.count == 2 else { throw LineCommandError(.usage(":ns add|remove NS")) }
            switch args[0] {
            case "add": return .namespaceAdd(args[1])
            case "remove", "rm": return .namespaceRemove(args[1])
            default: throw LineCommandError(.usage(":ns add|remove NS"))
            }
        case "scale":
            guard args.count == 2, let slash = args[0].firstIndex(of: "/") else { throw usage() }
            let ns = String(args[0][..<slash]), name = String(args[0][args[0].index(after: slash)...])
            let count = args[1].hasPrefix("--replicas=") ? String(args[1].dropFirst("--replicas=".count)) : args[1]
            guard !ns.isEmpty, !name.isEmpty else { throw usage() }
            guard let replicas = Int(count), replicas >= 0 else {
                throw LineCommandError(.replicas(args[1]))
            }
            return .scale(ObjectKey(namespace: ns, name: name), replicas: replicas)
        case "cert":
            switch (args.first, args.count) {
            case ("expire", 2) where args[1].split(separator: "/").count == 2: return .certExpire(workload: args[1])
            case ("rotate-root", 1): return .certRotateRoot
            default: throw usage()
            }
        case "load":
            guard args.count == 2 else { throw usage() }
            guard let n = Int(args[0]), (1...maximumLoad).contains(n) else {
                throw LineCommandError(.loadCount(args[0], maximum: maximumLoad))
            }
            guard let c = Int(args[1]), (1...maximumConcurrency).contains(c) else {
                throw LineCommandError(.loadConcurrency(args[1], maximum: maximumConcurrency))
            }
            return .load(count: n, concurrency: c)
        case "theme":
            guard args.count == 1 else { throw usage() }
            return .theme(args[0])
        case "save", "w":
            guard args.count == 1 else { throw usage() }
            return .save(path: args[0])
        case "help", "h", "?":
            return .help
        case "q", "quit", "q!", "wq", "x":
            return .quit
        default:
            let known = usages.map(\.word)
            throw LineCommandError(
                .unknownCommand(word, suggestion: known.filter { editDistance($0, word) <= 2 }.first, commands: known))
        }
    }

    /// Removes `-n NS` (or `--namespace NS`) from the arguments and returns NS.
    static func takeNamespace(_ args: inout [String], usage: LineCommandError) throws(LineCommandError) -> String? {
        guard let i = args.firstIndex(where: { $0 == "-n" || $0 == "--namespace" }) else { return nil }
        guard i + 1 < args.count else {
            guard case .usage(let text) = usage.problem else { throw usage }
            throw LineCommandError(.namespaceMissing(usage: text))
        }
        let namespace = args[i + 1]
        args.removeSubrange(i...(i + 1))
        return namespace
    }

    /// kubectl's names for a kind: singular, plural, short, or with the API group.
    static func kind(named name: String) -> ResourceKind? {
        ResourceKind.allCases.first { $0.aliases.contains(name.lowercased()) }
    }

    static func onOff(_ word: String) -> Bool? {
        switch word.lowercased() {
        case "on", "true", "yes", "1", "enable", "enabled": true
        case "off", "false", "no", "0", "disable", "disabled": false
        default: nil
        }
    }

    /// Levenshtein distance between short words, for "did you mean".
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Splits a `:` line into words as a shell does: spaces separate, '…' and "…" quote,
/// a backslash escapes the next character.
package enum LineTokenizer {
    static func split(_ line: String) throws(LineCommandError) -> [String] {
        try splitKeepingOpenWord(line).words
    }

    /// The words, and whether the line ends inside a word (completion needs to know whether
    /// the last word is still being typed).
    static func splitKeepingOpenWord(_ line: String) throws(LineCommandError) -> (words: [String], endsInWord: Bool) {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in line {
            if escaped {
                current.append(c)
                escaped = false
                continue
            }
            if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"" { escaped = true } else { current.append(c) }
                continue
            }
            switch c {
            case "\\": escaped = true; inWord = true
            case "'", "\"": quote = c; inWord = true
            case " ", "\t":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(c)
                inWord = true
            }
        }
        if let quote { throw LineCommandError(.unclosedQuote(quote)) }
        if inWord { words.append(current) }
        return (words, inWord)
    }
}
