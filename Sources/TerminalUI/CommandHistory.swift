import Foundation

/// The commands run from the `:` line, newest last, for Up and Down. Bounded; a command
/// repeated straight after itself is kept once, as shells do with `ignoredups`.
package struct CommandHistory: Sendable, Equatable {
    private(set) var entries: [String] = []
    static let capacity = 200
    /// Where Up/Down are: `entries.count` means the line being typed.
    private var position = 0
    /// The line being typed when Up was first pressed, given back by Down.
    private var draft = ""

    package init() {}

    package mutating func record(_ command: String) {
        let trimmed = command.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, entries.last != trimmed {
            entries.append(trimmed)
            if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
        }
        position = entries.count
        draft = ""
    }

    /// The older entry, or nil at the oldest.
    package mutating func older(current: String) -> String? {
        guard position > 0 else { return nil }
        if position == entries.count { draft = current }
        position -= 1
        return entries[position]
    }

    /// The newer entry, then the draft; nil when already at the draft.
    package mutating func newer() -> String? {
        guard position < entries.count else { return nil }
        position += 1
        return position == entries.count ? draft : entries[position]
    }

    /// A new line starts at the draft end.
    package mutating func reset() {
        position = entries.count
        draft = ""
    }
}
