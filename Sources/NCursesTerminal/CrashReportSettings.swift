import Foundation

/// The Swift runtime's crash reporter, set up for a full-screen program.
///
/// On a terminal the runtime's backtracer is interactive by default: after a crash it waits up
/// to 30 s for a key ("Press space to interact…") while the dashboard's key loop competes for
/// the same keys, so the process did not end. The dashboard runs with
/// `SWIFT_BACKTRACE=interactive=no,output-to=FILE` instead: the report goes to a file, whose
/// path the crash message names, and nothing waits.
///
/// The runtime reads `SWIFT_BACKTRACE` once, in a static initializer of libswiftCore, before
/// `main`: a `setenv` later changes nothing (checked: a program that sets it in main and then
/// traps still reports to stderr). So the dashboard re-executes itself once, at the start,
/// with the variable set. A user's own `SWIFT_BACKTRACE` is kept after ours, and the runtime
/// lets a later key win, so theirs still decides.
package enum CrashReportSettings {
    /// Marks a process already re-executed with the settings: its pid, which exec keeps.
    static let marker = "MESHDECK_BACKTRACE_CONFIGURED_FOR_PID"

    /// Where reports go: `$XDG_STATE_HOME/meshdeck/crashes`, else `~/.local/state/meshdeck/crashes`.
    static func reportDirectory(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/meshdeck/crashes" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.local/state/meshdeck/crashes" }
        return nil
    }

    /// `SWIFT_BACKTRACE` with the report in `reportFile`: ours, then the user's. The runtime
    /// splits the value at commas, so a path with one keeps the report on the terminal instead.
    static func value(existing: String?, reportFile: String) -> String {
        let ours = reportFile.contains(",") ? "interactive=no" : "interactive=no,output-to=\(reportFile)"
        guard let existing, !existing.isEmpty else { return ours }
        return ours + "," + existing
    }

    /// Where this process's runtime writes a crash report: the last `output-to` in its
    /// `SWIFT_BACKTRACE` when that is a path (a directory gets `NAME-PID-….log` files in it).
    /// Nil when reports go to the terminal (`stdout`, `stderr`, the default) or are off.
    static func reportPath(environment: [String: String]) -> String? {
        guard let settings = environment["SWIFT_BACKTRACE"] else { return nil }
        var output: String?
        var enabled = true
        for pair in settings.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0].lowercased() {
            case "output-to": output = parts[1]
            case "enable": enabled = !["no", "off", "false", "n", "f", "0"].contains(parts[1].lowercased())
            default: break
            }
        }
        guard enabled, let output, !["auto", "stdout", "stderr"].contains(output.lowercased()) else { return nil }
        return output
    }

    /// Re-executes this process once with the settings, when it runs on a terminal (elsewhere
    /// the runtime is not interactive anyway). Returns when there is nothing to do, when the
    /// report directory cannot be made, or when exec fails: the dashboard still runs, with
    /// the runtime's defaults.
    package static func reexecIfNeeded(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let pid = getpid()
        guard environment[marker] != "\(pid)", isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1,
            let directory = reportDirectory(environment: environment),
            (try? FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])) != nil
        else { return }
        let file = "\(directory)/meshdeck-\(pid).log"
        setenv("SWIFT_BACKTRACE", value(existing: environment["SWIFT_BACKTRACE"], reportFile: file), 1)
        setenv(marker, "\(pid)", 1)
        // The same program and arguments; /proc/self/exe, as argv[0] may be a bare name.
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", arguments)
        // Still here: exec failed. Run on as before, and say nothing of a report file later.
        for argument in arguments { free(argument) }
        unsetenv(marker)
        if let original = environment["SWIFT_BACKTRACE"] {
            setenv("SWIFT_BACKTRACE", original, 1)
        } else {
            unsetenv("SWIFT_BACKTRACE")
        }
    }
}
