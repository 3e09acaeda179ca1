import DataPlaneInterface
import Foundation
import MeshModel

/// What one performed step gave: its real output and whether that is the expected result.
package struct StepOutcome: Sendable {
    /// 0-based position in the walkthrough.
    package var index: Int
    package var step: WalkthroughStep
    /// What the real command prints, line by line, raw: escape (`terminalSafe`) to show it.
    package var output: [String]
    /// For a probe step: everything the data plane measured (verdict, latencies, endpoint).
    package var probe: ProbeResult?
    /// Why the output is not the expected result, or nil when it is.
    package var mismatch: String?
    package var matches: Bool { mismatch == nil }
}

/// Where the next step stands once its cluster part is done.
package enum StepStart: Sendable {
    /// Done: nothing more to wait for.
    case finished(StepOutcome)
    /// Sync the data plane with the cluster, send this probe, then call `completeProbe`.
    case awaitingProbe(ProbeRequest)
}

/// A walkthrough being performed, step by step, on a cluster the caller owns. Pure: the cluster
/// changes happen here, the probe (the one step that needs sockets) is handed back to the
/// caller. Every step keeps the cluster as it was before it, so `undo` puts that back; the
/// caller then brings the data plane in step (`MeshDataPlane.update`). The dashboard's reducer
/// keeps one of these in its state; `WalkthroughRunner` drives one with its own engine.
///
/// Undo restores the snapshot as it was: changes made to the cluster since that step (a key
/// pressed in the dashboard) go with it, which is what "back to before this step" means.
package struct WalkthroughProgress: Sendable {
    package let walkthrough: Walkthrough
    package private(set) var outcomes: [StepOutcome] = []
    /// The probe the current step waits for, if any.
    package private(set) var awaiting: ProbeRequest?
    /// The cluster before each performed step, and before the one awaiting its probe.
    private var snapshots: [Cluster] = []

    package init(_ walkthrough: Walkthrough) {
        self.walkthrough = walkthrough
    }

    /// The cluster the walkthrough starts from: just after `osm install`, before step 1.
    package static func startingCluster(now: Date = Date()) -> Cluster { Scenario.freshInstall(now: now) }

    /// 0-based index of the step being performed (awaiting its probe) or to perform next.
    package var currentIndex: Int { outcomes.count }
    package var currentStep: WalkthroughStep? {
        currentIndex < walkthrough.steps.count ? walkthrough.steps[currentIndex] : nil
    }
    package var isFinished: Bool { currentIndex == walkthrough.steps.count }
    /// True when every performed step gave its expected result.
    package var allMatch: Bool { outcomes.allSatisfy(\.matches) }

    /// Performs the next step's cluster part on `cluster`. Nil when the walkthrough is finished
    /// or a probe is still awaited.
    package mutating func performNext(on cluster: inout Cluster, now: Date = Date()) -> StepStart? {
        guard awaiting == nil, let step = currentStep else { return nil }
        snapshots.append(cluster)
        switch step.action.perform(on: &cluster, now: now) {
        case .output(let lines):
            let outcome = record(step, output: lines, probe: nil)
            return .finished(outcome)
        case .probe(let request):
            awaiting = request
            return .awaitingProbe(request)
        }
    }

    /// Finishes the step awaiting a probe with what the data plane answered. Nil when no step
    /// awaits one (it was undone meanwhile: the late result is dropped).
    package mutating func completeProbe(_ result: ProbeResult) -> StepOutcome? {
        guard awaiting != nil, let step = currentStep else { return nil }
        awaiting = nil
        return record(step, output: WalkthroughAction.probeOutput(result), probe: result)
    }

    /// Finishes the step awaiting a probe that could not be sent (bad input, no such
    /// workload): the message is its output.
    package mutating func failProbe(_ message: String) -> StepOutcome? {
        guard awaiting != nil, let step = currentStep else { return nil }
        awaiting = nil
        return record(step, output: ["error: \(message)"], probe: nil)
    }

    /// Undoes the last step (or abandons the one awaiting its probe): `cluster` becomes what it
    /// was before it. Returns the step undone, nil at the start.
    @discardableResult
    package mutating func undo(on cluster: inout Cluster) -> WalkthroughStep? {
        guard let before = snapshots.popLast() else { return nil }
        cluster = before
        if awaiting != nil {
            awaiting = nil
            return currentStep
        }
        return outcomes.popLast()?.step
    }

    private mutating func record(_ step: WalkthroughStep, output: [String], probe: ProbeResult?) -> StepOutcome {
        let outcome = StepOutcome(
            index: currentIndex, step: step, output: output, probe: probe,
            mismatch: step.expect.mismatch(output))
        outcomes.append(outcome)
        return outcome
    }
}
