/// A connection the service map draws: a source workload (`curl/curl`) and a service port
/// (`tcp-echo.tcp-demo:9000`), as a probe names them.
struct EdgeKey: Sendable, Hashable {
    var from: String
    var to: String
}

/// The probes sent along one connection since the counters last started (the guide's reset
/// starts them again, as it does the header's): single probes and a load's alike.
struct EdgeCounts: Sendable, Equatable {
    var allowed = 0
    var denied = 0
}
