/// Lets the common options come before the command, as kubectl users type them:
/// `meshdeck -f state.yaml --empty explain --from … --to …`. ArgumentParser only reads options
/// after the (sub)command that declares them, and the dashboard is the default command, so
/// without this the line above would reach the dashboard with `explain` as a stray argument.
enum LeadingOptions {
    /// The common options that take a value (`-f FILE`, `--filename=FILE`).
    static let valued: Set<String> = ["-f", "--filename", "-n", "--namespace", "--bundle", "--permissive", "--egress"]
    /// The common options that stand alone.
    static let flags: Set<String> = ["--empty"]

    /// When only common options precede a command name, moves the name to the front; anything
    /// else is returned unchanged, so ArgumentParser still reports what it does not know.
    static func reorder(_ arguments: [String], commands: Set<String>) -> [String] {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if commands.contains(argument) {
                guard index > 0 else { return arguments }
                return [argument] + arguments[..<index] + arguments[(index + 1)...]
            }
            if valued.contains(argument) {
                index += 2
            } else if flags.contains(argument) || valued.contains(where: { argument.hasPrefix($0 + "=") }) {
                index += 1
            } else {
                return arguments
            }
        }
        return arguments
    }
}
