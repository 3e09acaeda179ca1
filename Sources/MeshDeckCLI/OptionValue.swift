import ArgumentParser

/// Reads the values of options that take numbers or a fixed set of words, so that a bad one is
/// refused naming the option, the value and what was expected:
/// `--timeout: '-1' is not a positive number of seconds`. ArgumentParser's own check says only
/// that a value is invalid, and it reads `-1` as an option and reports a missing value; so these
/// options are declared as text (numbers with `.unconditional` parsing) and checked here from
/// `validate()`.
enum OptionValue {
    /// A positive number of seconds, at most `limit`.
    static func seconds(_ text: String, option: String, atMost limit: Double) throws -> Double {
        guard let value = Double(text), value > 0, value.isFinite else {
            throw ValidationError("\(option): '\(text.terminalSafe)' is not a positive number of seconds")
        }
        guard value <= limit else {
            throw ValidationError("\(option): '\(text.terminalSafe)' is more than \(Int(limit)) seconds")
        }
        return value
    }

    /// A whole number in `range`.
    static func wholeNumber(_ text: String, option: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw ValidationError(
                "\(option): '\(text.terminalSafe)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// One of `choices`, as typed.
    static func choice<T: RawRepresentable & CaseIterable>(_ text: String, option: String, of: T.Type) throws -> T
    where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            throw ValidationError("\(option): '\(text.terminalSafe)' is not \(alternatives(T.allCases.map(\.rawValue)))")
        }
        return value
    }

    /// `on or off`, `json, yaml or name`.
    static func alternatives(_ words: [String]) -> String {
        words.count <= 1 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }
}
