import MeshModel

extension PolicyIndex {
    /// The short reason for one verdict, as a code: cheap enough for every cell of a large
    /// matrix (no words yet; a TrafficTarget is named by its key).
    package func summaryCode(_ verdict: Verdict) -> VerdictSummary {
        switch verdict.reason {
        case .unknownSource: .unknownSource
        case .unknownHost: .unknownHost
        case .noSuchPort: .noSuchPort
        case .notTCP: .notTCP
        case .noEndpoints: .noEndpoints
        case .plaintextToMeshed: .plaintextToMeshed
        case .egressDisabled: .egressDisabled
        case .egressAllowed: .egressAllowed
        case .noMesh: .noMesh
        case .permissive: .permissive(httpPort: verdict.httpPort)
        case .smiAllowed(let r): .smiAllowed(target: activeTargets[Int(r)].key, httpPort: verdict.httpPort)
        case .smiNoTrafficTarget: .smiNoTrafficTarget
        case .smiPortNotAllowed(let r): .smiPortNotAllowed(target: activeTargets[Int(r)].key)
        case .egressPolicy: .egressPolicy
        case .sidecarBypassed: .sidecarBypassed
        case .bypassedToMeshed: .bypassedToMeshed
        case .inboundBypassedMTLS: .inboundBypassedMTLS
        case .nothingListens: .nothingListens
        case .unsupportedProtocol: .unsupportedProtocol
        case .ingressAllowed: .ingressAllowed
        case .ingressNotTLS: .ingressNeedsTLS
        }
    }

    /// The short reason for one verdict in `words` (English by default: the data plane's probe
    /// reasons and the matrix's JSON carry it).
    package func summary(_ verdict: Verdict, in words: some ExplanationWords = EnglishWords()) -> String {
        words.summary(summaryCode(verdict))
    }
}
