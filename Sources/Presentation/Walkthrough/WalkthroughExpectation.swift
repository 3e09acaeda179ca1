import MeshModel

/// The result a step must give, compared with what it really printed. In a walkthrough file:
/// `expect: {output: TEXT}` (every line exactly) or `expect: {table: TEXT}` (kubectl tables,
/// whose ClusterIPs, pod names and ages vary: rows of whitespace-separated cells, `*` in a cell
/// matching any text).
package enum WalkthroughExpectation: Sendable, Equatable {
    case output([String])
    case table([[String]])

    /// As written in the file: shown to the user next to the actual output.
    package var lines: [String] {
        switch self {
        case .output(let lines): return lines
        case .table(let rows): return rows.map { $0.joined(separator: "   ") }
        }
    }

    /// Why `actual` is not the expected result, or nil when it is.
    func mismatch(_ actual: [String]) -> String? {
        switch self {
        case .output(let expected):
            guard actual != expected else { return nil }
            return "expected \(Self.quote(expected)), got \(Self.quote(actual))"
        case .table(let expected):
            // Blank lines separate kubectl's tables; they carry nothing to compare.
            let rows = actual.filter { !$0.allSatisfy(\.isWhitespace) }
            guard rows.count == expected.count else {
                return "expected \(expected.count) table rows, got \(rows.count): \(Self.quote(rows))"
            }
            for (index, (pattern, row)) in zip(expected, rows).enumerated() {
                let cells = row.split(whereSeparator: \.isWhitespace).map(String.init)
                let fits = cells.count == pattern.count && zip(pattern, cells).allSatisfy { Glob.matches($0, $1) }
                if !fits {
                    return
                        "row \(index + 1): expected \(Self.quote([pattern.joined(separator: "   ")])), got \(Self.quote([row]))"
                }
            }
            return nil
        }
    }

    func matches(_ actual: [String]) -> Bool { mismatch(actual) == nil }

    /// Lines in quotes, joined with `\n`, escaped for the terminal.
    static func quote(_ lines: [String]) -> String {
        "\"" + lines.joined(separator: "\n").terminalSafe + "\""
    }
}

/// `*` matches any run of characters (none included); everything else matches itself.
package enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        // Greedy with backtracking to the last star: linear for the patterns used here.
        var pi = 0, ti = 0, star = -1, resume = 0
        while ti < t.count {
            if pi < p.count, p[pi] != "*", p[pi] == t[ti] {
                pi += 1; ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi; resume = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; resume += 1; ti = resume
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
