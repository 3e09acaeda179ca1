import ArgumentParser
import PolicyEngine

/// Where a connection goes from and to: shared by `explain`, `probe` and `load`.
struct RouteOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The source workload: NS/NAME, NS/KIND/NAME (bookstore/statefulset/mysql) or NS/POD.", valueName: "NS/NAME"),
        completion: .custom(ClusterCompletions.workloads))
    var from: String

    @Option(
        help: ArgumentHelp(
            "The destination: SERVICE.NS, SERVICE.NS.svc.cluster.local or a ClusterIP, and a port.",
            valueName: "HOST:PORT"),
        completion: .custom(ClusterCompletions.destinations))
    var to: String

    func validate() throws {
        do { _ = try PolicyIndex.splitHostPort(to) } catch { throw ValidationError("--to: \(error.description)") }
    }
}

/// What one probe sends and where: shared by `probe` and `load`.
struct ProbeOptions: ParsableArguments {
    @OptionGroup var route: RouteOptions

    // Unconditional: a message may begin with a dash (`--message -v`).
    @Option(parsing: .unconditional, help: "The message each probe sends (a newline is added).")
    var message = "hello"

    @Option(
        name: .customLong("timeout"), parsing: .unconditional,
        help: ArgumentHelp("Give up on a probe after this many seconds (at most 300).", valueName: "S"))
    var timeoutText = "2"

    var from: String { route.from }
    var to: String { route.to }
    /// Checked by `validate()`.
    var timeout: Double { Double(timeoutText) ?? 2 }

    func validate() throws {
        _ = try OptionValue.seconds(timeoutText, option: "--timeout", atMost: 300)
    }
}
