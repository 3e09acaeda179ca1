import MeshModel

/// The explanation of a destination outside the cluster (`PolicyIndex+Internet.swift`): the
/// facts are the source, where the name led, the MeshConfig and the Egress policies that name
/// the source; the reason is the one `route` settled on.
extension PolicyIndex {
    func internetReason(
        host: String, address: String, port: Int, client: Workload, facts: inout [ExplanationFact]
    ) -> (ExplanationReason, ExplanationFix?) {
        guard let source = workloadIndex[client.key] ?? workloads.firstIndex(where: { $0.key == client.key }) else {
            return (.unknownSource, nil)
        }
        let taken = route(from: source, host: host, port: port)
        facts.append(.internet(host: host, address: address))
        facts.append(meshConfigFact())
        facts += egressFacts(taken, client: client)
        switch taken.verdict.reason {
        case .noMesh: return (.noMesh, nil)
        case .egressAllowed: return (.egressAllowed, nil)
        case .egressDisabled: return (.egressDisabled, egressFix(client: client, internet: true))
        case .sidecarBypassed:
            let exclusions = workloadExclusions[source]
            let match: ExclusionMatch? =
                exclusions.outboundPort(port).map { .port($0.value, origin: $0.origin) }
                ?? exclusions.outboundAddress(address).map { .address(address, range: $0.value.description, origin: $0.origin) }
            return (.sidecarBypassed(source: client.key, outbound: match, destinationPod: nil, inbound: nil), nil)
        default:
            // .egressPolicy: the only other verdict routeToInternet gives.
            return fidelityReason(taken, client: client, endpoint: nil, port: port)
        }
    }
}
