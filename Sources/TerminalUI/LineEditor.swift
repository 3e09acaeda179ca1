/// One line of input with a cursor: the `:` command line and the `/` filter. Edits as a shell
/// line does (Ctrl-A/E, Ctrl-U/K/W, Backspace, Delete, arrows); counts in Characters so CJK
/// text moves and deletes whole characters.
package struct LineEditor: Sendable, Equatable {
    package private(set) var text: [Character] = []
    /// Characters before the cursor.
    package private(set) var cursor = 0
    /// Long lines stop growing here: a paste cannot make the state unbounded.
    static let maximumLength = 1_000

    package init(_ text: String = "") {
        self.text = Array(text.prefix(Self.maximumLength))
        cursor = self.text.count
    }

    package var string: String { String(text) }

    /// Applies an editing key; returns false for keys that are not editing (Enter, Tab, Up…),
    /// which the caller handles.
    package mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .character(let c):
            guard text.count < Self.maximumLength else { return true }
            text.insert(c, at: cursor)
            cursor += 1
        case .backspace, .control("h"):
            guard cursor > 0 else { return true }
            text.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .control("d"):
            if cursor < text.count { text.remove(at: cursor) }
        case .left, .control("b"): cursor = max(0, cursor - 1)
        case .right, .control("f"): cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .control("u"):
            text.removeFirst(cursor)
            cursor = 0
        case .control("k"):
            text.removeLast(text.count - cursor)
        case .control("w"):
            // The word before the cursor, and the spaces after it, as shells do.
            var start = cursor
            while start > 0, text[start - 1] == " " { start -= 1 }
            while start > 0, text[start - 1] != " " { start -= 1 }
            text.removeSubrange(start..<cursor)
            cursor = start
        default:
            return false
        }
        return true
    }

    /// Replaces everything before the cursor (completion rewrites the word being typed).
    package mutating func replacePrefix(with prefix: String) {
        let rest = text[cursor...]
        text = Array(prefix) + rest
        cursor = prefix.count
    }

    /// The text before the cursor.
    package var beforeCursor: String { String(text[..<cursor]) }
}
