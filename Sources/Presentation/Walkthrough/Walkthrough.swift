import MeshModel

/// OSM's "TCP traffic routing" guide as data: the steps, in one language, loaded from
/// `Resources/walkthrough/<language>.yaml` (`WalkthroughLoader`). Performing them is
/// `WalkthroughProgress`'s job (pure, for the dashboard's reducer) and `WalkthroughRunner`'s
/// (with a data plane, for the headless command).
package struct Walkthrough: Sendable {
    /// `en`, `zh`: the shipped languages (`WalkthroughLanguage`), or any code a file of your own gives.
    package var language: String
    /// One line: `TCP traffic routing`.
    package var title: String
    /// A sentence or two shown before the first step.
    var intro: String
    package var steps: [WalkthroughStep]
}

/// One command of the guide: what a person types on a real cluster, what MeshDeck does for
/// it, and the result it must give.
package struct WalkthroughStep: Sendable {
    /// Stable across languages and releases: `create-tcp-demo`.
    package var id: String
    /// Translated: `Create the tcp-demo namespace`.
    package var title: String
    /// The command's first line as typed on a real cluster: `kubectl create namespace tcp-demo`.
    package var command: String
    /// The text typed after `command` when it reads a heredoc (`kubectl apply -f - <<EOF`): the
    /// manifest MeshDeck applies for it, so what is shown is exactly what runs.
    package var heredoc: String?
    /// Translated: what MeshDeck does for the command.
    package var does: String
    /// Translated, optional: where this departs from the published guide, and why.
    package var note: String?
    package var action: WalkthroughAction
    package var expect: WalkthroughExpectation
    /// Where the step starts in its file.
    var source: SourceLocation?

    /// The command as a person types it: its first line, then the heredoc's lines and `EOF`.
    package var commandLines: [String] {
        guard let heredoc else { return [command] }
        var body = heredoc.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if body.last == "" { body.removeLast() }
        return [command] + body + ["EOF"]
    }
}
