/// `meshdeck explian`: the dashboard is the default command and takes no arguments, so a
/// mistyped command used to reach the dashboard and fail with the dashboard's usage. It is
/// reported as kubectl (cobra) reports it, with the commands a typo or two away.
struct UnknownCommand {
    /// What was typed where a command goes.
    let typed: String
    /// The command it was typed after: `meshdeck`, or `meshdeck help`.
    let parent: String
    let suggestions: [String]

    /// The word standing where a command goes (after any leading common options), or the word
    /// after `help`, when it names no command. `known` holds every command, hidden ones too;
    /// only `visible` ones are suggested.
    static func find(in arguments: [String], known: Set<String>, visible: [String]) -> UnknownCommand? {
        guard let index = LeadingOptions.commandIndex(arguments) else { return nil }
        let word = arguments[index]
        guard known.contains(word) else {
            return UnknownCommand(typed: word, parent: "meshdeck", suggestions: suggest(word, from: visible))
        }
        let next = index + 1
        guard word == "help", next < arguments.count, !arguments[next].hasPrefix("-"), !known.contains(arguments[next])
        else { return nil }
        return UnknownCommand(
            typed: arguments[next], parent: "meshdeck help", suggestions: suggest(arguments[next], from: visible))
    }

    /// Cobra's rule: a command within two edits of what was typed, or one that begins with it.
    static func suggest(_ typed: String, from commands: [String]) -> [String] {
        let lower = typed.lowercased()
        guard !lower.isEmpty else { return [] }
        return commands.filter { EditDistance.between(lower, $0) <= 2 || $0.hasPrefix(lower) }
    }

    /// What cobra prints, with kubectl's lower-case `error:`.
    var message: String {
        var lines = ["error: unknown command \"\(typed.terminalSafe)\" for \"\(parent)\""]
        if !suggestions.isEmpty {
            lines += ["", "Did you mean this?"] + suggestions.map { "\t\($0)" }
        }
        lines += ["", "Run 'meshdeck --help' for usage."]
        return lines.joined(separator: "\n")
    }
}

/// Levenshtein distance between short words (command names), for suggestions.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
