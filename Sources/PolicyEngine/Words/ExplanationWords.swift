import MeshModel

/// The words of one language for everything an explanation says. Each method is one switch
/// over its code without a default, so a new case does not compile until every catalogue has
/// its words.
///
/// English lives here, in PolicyEngine, because it is the engine's language of record: the
/// data plane reports probe reasons in it (ConnectionEngine cannot reach Presentation) and the
/// JSON/YAML fields scripts read carry it. The other languages live in Presentation/Words,
/// beside the rest of what the CLI and the dashboard show.
package protocol ExplanationWords: Sendable {
    func reason(_ reason: ExplanationReason) -> String
    func fact(_ fact: ExplanationFact) -> String
    func fix(_ fix: ExplanationFix) -> String
    func summary(_ summary: VerdictSummary) -> String
    func ignored(_ why: TrafficTargetIgnored) -> String
    func splitIgnored(_ why: TrafficSplitIgnored) -> String
    func protocolBecause(_ because: PortProtocol.Because) -> String
    func sidecar(_ decision: SidecarDecision) -> String
    /// `server sidecar`.
    func point(_ point: DecisionPoint) -> String
    /// `DENIED at the server sidecar`.
    func verdict(_ word: String, at point: DecisionPoint) -> String
    /// `head: text`, as this language puts a colon (`server sidecar: no TrafficTarget allows it`).
    func labelled(_ head: String, _ text: String) -> String
    /// A label with what separates it from its value (`reason: `); `aligned` pads the labels
    /// of `explain`'s text to one width (`fix:    `).
    func label(_ label: ExplanationLabel, aligned: Bool) -> String
}
