import MeshModel

/// Every source workload × every destination Service port, decided.
package struct ReachabilityMatrix: Sendable {
    package struct Destination: Sendable, Hashable {
        package var service: ObjectKey
        package var port: Int
        /// `tcp-echo.tcp-demo:9000`
        package var label: String { "\(service.name).\(service.namespace):\(port)" }
    }
    package var sources: [ObjectKey]
    package var destinations: [Destination]
    /// Row-major: `verdicts[row * destinations.count + column]`.
    package var verdicts: [Verdict]

    package func verdict(row: Int, column: Int) -> Verdict { verdicts[row * destinations.count + column] }
}

extension PolicyIndex {
    /// The whole matrix, or its top-left corner when limits are given (for very large meshes).
    package func matrix(sourceLimit: Int = .max, destinationLimit: Int = .max) -> ReachabilityMatrix {
        var destinations: [ReachabilityMatrix.Destination] = []
        var resolved: [ResolvedDestination] = []
        outer: for (s, service) in services.enumerated() {
            for (p, entry) in service.ports.enumerated() {
                if resolved.count == destinationLimit { break outer }
                destinations.append(.init(service: service.key, port: entry.port.port))
                resolved.append(ResolvedDestination(service: s, portIndex: p))
            }
        }
        var verdicts: [Verdict] = []
        let sources = workloads.indices.prefix(sourceLimit)
        verdicts.reserveCapacity(sources.count * resolved.count)
        for source in sources {
            for destination in resolved { verdicts.append(decide(from: source, to: destination)) }
        }
        return ReachabilityMatrix(sources: sources.map { workloads[$0].key }, destinations: destinations, verdicts: verdicts)
    }
}
