/// Lets the common options come before the command, as kubectl users type them:
/// `meshdeck -f state.yaml --empty explain --from … --to …`. ArgumentParser only reads options
/// after the (sub)command that declares them, and the dashboard is the default command, so
/// without this the line above would reach the dashboard with `explain` as a stray argument.
enum LeadingOptions {
    /// The common options that take a value (`-f FILE`, `--filename=FILE`).
    static let valued: Set<String> = ["-f", "--filename", "-n", "--namespace", "--bundle", "--permissive", "--egress"]
    /// The common options that stand alone.
    static let flags: Set<String> = ["--empty"]

    /// Where the command name stands: the first argument after the leading common options (and
    /// their values). nil when something else comes first (another option) or nothing does.
    static func commandIndex(_ arguments: [String]) -> Int? {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if valued.contains(argument) {
                index += 2
            } else if flags.contains(argument) || valued.contains(where: { argument.hasPrefix($0 + "=") }) {
                index += 1
            } else {
                return argument.hasPrefix("-") ? nil : index
            }
        }
        return nil
    }

    /// When only common options precede a command name, moves the name to the front; anything
    /// else is returned unchanged, so ArgumentParser still reports what it does not know.
    static func reorder(_ arguments: [String], commands: Set<String>) -> [String] {
        guard let index = commandIndex(arguments), index > 0, commands.contains(arguments[index]) else { return arguments }
        return [arguments[index]] + arguments[..<index] + arguments[(index + 1)...]
    }
}
