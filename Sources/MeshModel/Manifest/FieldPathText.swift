/// A field path as diagnostics print it, `spec.sources[0].name`, shortened when it is too deep
/// to read: a nesting error 1,000 levels down once printed 6 KB of path. The first and last
/// levels stay (where the document starts going wrong, and where the parser gave up) and the
/// middle is counted, not shown.
enum FieldPathText {
    enum Level: Equatable {
        case key(String)
        case index(Int)
    }

    /// Levels kept at each end of a path that is shortened.
    static let keptAtEachEnd = 4
    /// Paths with more levels than this are shortened.
    static let maxLevels = 12

    static func join(_ levels: [Level]) -> String {
        guard levels.count > maxLevels else { return text(levels[...]) }
        let elided = levels.count - 2 * keptAtEachEnd
        return text(levels.prefix(keptAtEachEnd)) + " …(\(elided.formatted) levels elided)… "
            + text(levels.suffix(keptAtEachEnd))
    }

    private static func text(_ levels: ArraySlice<Level>) -> String {
        var path = ""
        for level in levels {
            switch level {
            case .key(let name): path += path.isEmpty ? name : ".\(name)"
            case .index(let index): path += "[\(index)]"
            }
        }
        return path
    }
}
