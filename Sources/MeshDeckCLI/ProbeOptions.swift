import ArgumentParser
import PolicyEngine

/// Where a connection goes from and to: shared by `explain`, `probe` and `load`.
struct RouteOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The source workload.", valueName: "NS/DEPLOYMENT"))
    var from: String

    @Option(
        help: ArgumentHelp(
            "The destination: SERVICE.NS, SERVICE.NS.svc.cluster.local or a ClusterIP, and a port.",
            valueName: "HOST:PORT"))
    var to: String

    func validate() throws {
        do { _ = try PolicyIndex.splitHostPort(to) } catch { throw ValidationError(error.description) }
    }
}

/// What one probe sends and where: shared by `probe` and `load`.
struct ProbeOptions: ParsableArguments {
    @OptionGroup var route: RouteOptions

    @Option(help: "The message each probe sends (a newline is added).")
    var message = "hello"

    @Option(help: ArgumentHelp("Give up on a probe after this many seconds.", valueName: "S"))
    var timeout: Double = 2

    var from: String { route.from }
    var to: String { route.to }

    func validate() throws {
        guard timeout > 0, timeout <= 300 else { throw ValidationError("--timeout must be between 0 and 300 seconds") }
    }
}
