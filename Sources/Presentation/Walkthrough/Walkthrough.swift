import MeshModel

/// OSM's "TCP traffic routing" guide as data: the steps, in one language, loaded from
/// `Resources/walkthrough/<language>.yaml` (`WalkthroughLoader`). Performing them is
/// `WalkthroughProgress`'s job (pure, for the dashboard's reducer) and `WalkthroughRunner`'s
/// (with a data plane, for the headless command).
public struct Walkthrough: Sendable {
    /// `en`, `zh`: the shipped languages (`WalkthroughLanguage`), or any code a file of your own gives.
    public var language: String
    /// One line: `TCP traffic routing`.
    public var title: String
    /// A sentence or two shown before the first step.
    public var intro: String
    public var steps: [WalkthroughStep]
}

/// One command of the guide: what a person types on a real cluster, what MeshDeck does for
/// it, and the result it must give.
public struct WalkthroughStep: Sendable {
    /// Stable across languages and releases: `create-tcp-demo`.
    public var id: String
    /// Translated: `Create the tcp-demo namespace`.
    public var title: String
    /// The command's first line as typed on a real cluster: `kubectl create namespace tcp-demo`.
    public var command: String
    /// The text typed after `command` when it reads a heredoc (`kubectl apply -f - <<EOF`): the
    /// manifest MeshDeck applies for it, so what is shown is exactly what runs.
    public var heredoc: String?
    /// Translated: what MeshDeck does for the command.
    public var does: String
    /// Translated, optional: where this departs from the published guide, and why.
    public var note: String?
    public var action: WalkthroughAction
    public var expect: WalkthroughExpectation
    /// Where the step starts in its file.
    public var source: SourceLocation?

    /// The command as a person types it: its first line, then the heredoc's lines and `EOF`.
    public var commandLines: [String] {
        guard let heredoc else { return [command] }
        var body = heredoc.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if body.last == "" { body.removeLast() }
        return [command] + body + ["EOF"]
    }
}
