import DataPlaneInterface
import Foundation
import MeshModel
import Presentation
import TerminalUI

/// `w`: the guided walkthrough beside the live view. `n`/`Space` performs the next step for
/// real (the cluster changes here, the engine follows, a probe step sends a real probe), `b`
/// undoes the last one. Opening it the first time (or after the last step) resets the cluster
/// to just after `osm install`, so step 1 really creates the namespaces: `w` asks first, and the
/// probe counters start again with the cluster.
extension Reducer {
    static func openGuide(_ state: inout AppState, now: Date) -> [Effect] {
        guard state.walkthrough != nil else {
            state.message = state.text.guideUnavailable
            return []
        }
        if let guide = state.guide, !guide.isFinished {
            state.showGuide = true
            return []
        }
        show(&state, .confirmGuideReset)
        return []
    }

    /// `y` to the question: the cluster as after `osm install`, the counters at 0, the guide at step 1.
    static func startGuide(_ state: inout AppState, now: Date) -> [Effect] {
        guard let walkthrough = state.walkthrough else { return [] }
        state.showGuide = true
        state.guide = WalkthroughProgress(walkthrough)
        state.guideScroll = 0
        state.setCluster(WalkthroughProgress.startingCluster(now: now))
        state.selectedPolicy = 0
        state.selectedNamespace = 0
        state.allowed = 0
        state.denied = 0
        state.edges = [:]
        command(&state, now, state.text.guideResetComment(walkthrough.title))
        state.message = state.text.guideOpened
        return [.updateEngine, .mark(state.text.markGuide(walkthrough.title))]
    }

    static func guideNext(_ state: inout AppState, now: Date) -> [Effect] {
        guard var guide = state.guide else { return [] }
        if guide.awaiting != nil {
            state.message = state.text.guideWaiting
            return []
        }
        guard let step = guide.currentStep else {
            state.message = guide.allMatch ? state.text.guideDoneAllMatch : state.text.guideDoneSomeDiffered
            return []
        }
        let number = guide.currentIndex + 1
        var cluster = state.cluster
        let start = guide.performNext(on: &cluster, now: now)
        state.guide = guide
        state.guideScroll = 0
        state.setCluster(cluster)
        // Show the workloads of the namespace the step is about.
        if let ns = step.action.namespace { state.selectNamespace(named: ns) }
        for line in step.commandLines { command(&state, now, line) }
        let mark = Effect.mark(state.text.markStep(number, step.title))
        switch start {
        case .finished(let outcome)?:
            guideOutcome(&state, outcome, now: now)
            return [.updateEngine, mark]
        case .awaitingProbe(let request)?:
            state.probesInFlight += 1
            state.message = state.text.guideProbing(number, request.to, request.from)
            return [.updateEngine, mark, .guideProbe(from: request.from, to: request.to, message: request.message)]
        case nil:
            return []
        }
    }

    static func guideBack(_ state: inout AppState, now: Date) -> [Effect] {
        guard var guide = state.guide else { return [] }
        var cluster = state.cluster
        guard let undone = guide.undo(on: &cluster) else {
            state.message = state.text.guideAlreadyAtStart
            return []
        }
        state.guide = guide
        state.guideScroll = 0
        state.setCluster(cluster)
        command(&state, now, state.text.guideUndidComment(guide.currentIndex + 1, undone.title))
        state.message = state.text.guideBackBefore(guide.currentIndex + 1)
        return [.updateEngine, .mark(state.text.markBack(guide.currentIndex + 1))]
    }

    static func guideProbeFinished(_ state: inout AppState, _ result: ProbeResult, now: Date) -> [Effect] {
        // The probe is a probe like any other: in the log and the counters.
        _ = reduce(&state, .probeFinished(result), now: now)
        guard var guide = state.guide, let outcome = guide.completeProbe(result) else { return [] }
        state.guide = guide
        state.guideScroll = 0
        guideOutcome(&state, outcome, now: now)
        return []
    }

    static func guideProbeFailed(_ state: inout AppState, _ message: String, now: Date) -> [Effect] {
        state.probesInFlight = max(0, state.probesInFlight - 1)
        guard var guide = state.guide, let outcome = guide.failProbe(message) else { return [] }
        state.guide = guide
        guideOutcome(&state, outcome, now: now)
        return []
    }

    /// The step's real output in the log, and whether it is what the guide expects.
    private static func guideOutcome(_ state: inout AppState, _ outcome: StepOutcome, now: Date) {
        if outcome.probe == nil {
            for line in outcome.output { output(&state, now, line) }
        }
        let number = outcome.index + 1
        // The mismatch is the walkthrough checker's wording, like the PolicyEngine's: untranslated.
        state.message =
            outcome.matches ? state.text.guideStepMatched(number) : state.text.guideStepDiffers(number, outcome.mismatch ?? "")
    }
}
