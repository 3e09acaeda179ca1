/// What `/` matches, in the log and in the top panes alike: a case-insensitive substring of the
/// text a row is searched by. Both sides are lowercased UTF-8, so a match is a match of whole
/// characters, and a row's search text is lowercased once, when the row is made, not per frame.
struct TextFilter: Sendable, Equatable {
    /// The filter as typed; empty keeps every row.
    private(set) var text = ""
    private var needle: [UInt8] = []

    init(_ text: String = "") {
        self.text = text
        needle = Self.searchable(text)
    }

    var isEmpty: Bool { needle.isEmpty }

    /// Whether a row whose search text is `haystack` (from `searchable`) passes.
    func matches(_ haystack: [UInt8]) -> Bool { Self.contains(haystack, needle) }

    /// A row's search text, as `matches` takes it.
    static func searchable(_ text: String) -> [UInt8] { Array(text.lowercased().utf8) }

    /// Plain byte search.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        let n = needle.count, h = haystack.count
        guard n > 0 else { return true }
        guard n <= h else { return false }
        let first = needle[0]
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { nee in
                var i = 0
                while i <= h - n {
                    if hay[i] == first {
                        var j = 1
                        while j < n, hay[i + j] == nee[j] { j += 1 }
                        if j == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
