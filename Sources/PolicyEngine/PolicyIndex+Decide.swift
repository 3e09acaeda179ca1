import MeshModel

/// What a source can be asked about, and what a destination resolves to.
package struct ResolvedDestination: Sendable, Hashable {
    package var service: Int
    var portIndex: Int
    package init(service: Int, portIndex: Int) {
        self.service = service
        self.portIndex = portIndex
    }
}

/// Input the index cannot answer for: a source that does not exist or runs no pod.
package struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    var hint: String?

    package init(message: String, hint: String?) {
        self.message = message
        self.hint = hint
    }
    package var description: String { message.terminalSafe + (hint.map { "\n  hint: \($0.terminalSafe)" } ?? "") }
}

extension PolicyIndex {
    /// `NS/NAME` (a workload, Deployments first, or a pod), or `NS/KIND/NAME`
    /// (`bookstore/statefulset/mysql`, kinds as kubectl names them: `sts`, `deploy`, `po`, …)
    /// → the workload a probe runs from.
    package func workload(named text: String) throws(QueryError) -> Int {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (2...3).contains(parts.count), !parts.contains(where: \.isEmpty) else {
            throw QueryError(
                message: "source '\(text)' is not NAMESPACE/NAME or NAMESPACE/KIND/NAME",
                hint: "for example --from curl/curl or --from bookstore/statefulset/mysql")
        }
        let key = ObjectKey(namespace: parts[0], name: parts[parts.count - 1])
        if parts.count == 3 {
            guard let kind = ResourceKind.workloadKinds.first(where: { $0.aliases.contains(parts[1].lowercased()) }) else {
                throw QueryError(
                    message: "'\(parts[1])' is not a kind that runs pods",
                    hint: "one of: \(ResourceKind.workloadKinds.map { $0.rawValue.lowercased() }.joined(separator: ", "))")
            }
            if let index = kindIndex[WorkloadName(kind: kind, key: key)] { return index }
            if let workload = cluster.resource(kind, key), case .deployment(let d) = workload {
                throw noPod(d)
            }
            throw QueryError(message: "no \(kind.rawValue.lowercased()) \(key)", hint: knownWorkloads())
        }
        if let index = workloadIndex[key] ?? podIndex[key] { return index }
        if let d = cluster.allWorkloads.first(where: { $0.meta.key == key }) { throw noPod(d) }
        throw QueryError(message: "no workload or pod \(key)", hint: knownWorkloads())
    }

    private func noPod(_ d: Deployment) -> QueryError {
        if let refusal = cluster.podRefusal(of: d) {
            return QueryError(
                message: "\(d.kind.rawValue.lowercased()) \(d.meta.key) has no pod: creating it fails with \(refusal)",
                hint: "OSM's injector webhook (failurePolicy Fail) refuses the pod: correct the annotation it names")
        }
        return QueryError(
            message: "\(d.kind.rawValue.lowercased()) \(d.meta.key) has no running pod (replicas: \(d.replicas))",
            hint: d.kind == .deployment || d.kind == .statefulSet
                ? "scale it up first: a probe runs inside one of its pods" : "a probe runs inside one of its pods")
    }

    private func knownWorkloads() -> String {
        let known = workloads.map { "\($0.kind.rawValue.lowercased()) \($0.key)" }
        return known.isEmpty ? "there are no workloads" : "workloads: \(known.joined(separator: ", "))"
    }

    /// `HOST:PORT` split, with the port checked.
    package static func splitHostPort(_ text: String) throws(QueryError) -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port), colon != text.startIndex
        else {
            throw QueryError(message: "destination '\(text)' is not HOST:PORT", hint: "for example --to tcp-echo.tcp-demo:9000")
        }
        return (String(text[..<colon]), port)
    }

    /// DNS as a pod sees it: `svc.ns`, `svc.ns.svc[.cluster.local]`, a ClusterIP, or a bare
    /// `svc` in the source pod's own namespace (its resolv.conf search path).
    package func resolve(host: String, from source: Int?) -> Int? {
        var lowered = host.lowercased()
        for suffix in [".svc.cluster.local", ".svc"] where lowered.hasSuffix(suffix) {
            lowered.removeLast(suffix.count)
            break
        }
        if let s = hosts[lowered] { return s }
        if !lowered.contains("."), let source {
            return hosts["\(lowered).\(workloads[source].key.namespace)"]
        }
        return nil
    }

    /// The whole decision for `echo … | nc HOST PORT` from a workload: the verdict of `route`.
    package func decide(from source: Int, host: String, port: Int, endpoint: Int = 0) -> Verdict {
        route(from: source, host: host, port: port, endpoint: endpoint).verdict
    }

    /// The decision once names are resolved: the hot path of the matrix and the load generator.
    /// `endpoint` picks the pod behind the Service (the connection engine round-robins).
    package func decide(from source: Int, to destination: ResolvedDestination, endpoint: Int = 0) -> Verdict {
        route(from: source, to: destination, endpoint: endpoint).verdict
    }

    static func ruleKey(_ destination: Int32, _ source: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: destination)) << 32 | UInt64(UInt32(bitPattern: source))
    }

    /// Resolves a destination's port number on a resolved Service.
    func portIndex(service: Int, port: Int) -> Int? {
        let start = Int(servicePortStart[service])
        return (0..<Int(servicePortCount[service])).first { portNumber[start + $0] == port }
    }
}
