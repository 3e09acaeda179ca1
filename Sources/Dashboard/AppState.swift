import DataPlaneInterface
import Foundation
import MeshModel
import PolicyEngine
import Presentation
import TerminalUI

/// One line of the live log: a probe and what happened to it, or a command the dashboard ran
/// on the user's behalf (shown as its kubectl equivalent).
package struct LogEntry: Sendable {
    package enum Kind: Sendable {
        case probe(ProbeResult)
        case command(String)
        case output(String)
    }
    var time: Date
    var kind: Kind
}

/// The panes focus moves between with Tab.
package enum Pane: Int, Sendable, CaseIterable {
    case namespaces, workloads, policies, log
}

/// A box drawn over the panes.
package enum Popup: Sendable {
    case help
    case explain(title: String, lines: [String])
    case confirmDelete(kind: ResourceKind, key: ObjectKey)
}

/// A line being typed at the bottom of the screen.
package enum InputMode: Sendable, Equatable {
    /// `:` commands.
    case command
    /// `/` filters the log as you type.
    case filter
}

/// Everything the dashboard shows. Changed only by `reduce`.
package struct AppState: Sendable {
    var cluster: Cluster
    private(set) var policy: PolicyIndex
    package var log = ProbeLog(capacity: 10_000)
    var allowed = 0
    var denied = 0
    var focus = Pane.log
    var selectedNamespace = 0
    var selectedPolicy = 0
    /// Lines scrolled up from the newest log entry (0: follow the newest).
    var logScroll = 0
    /// The log entry `e` explains: an index counted back from the newest (0 = newest).
    var selectedLogFromEnd = 0
    var probeFrom = "curl/curl"
    var probeTo = "tcp-echo.tcp-demo:9000"
    var probeMessage = "hello"
    var popup: Popup?
    /// The reachability matrix (`x`) instead of the panes.
    var showMatrix = false
    /// One line under the panes: the outcome of the last action, or an error.
    var message: String?
    var probesInFlight = 0
    /// The line being typed, if any, and its text.
    var input: InputMode?
    var editor = LineEditor()
    var history = CommandHistory()
    /// What Tab found when more than one word fits, shown above the `:` line.
    var completions: [String] = []
    /// The load `L` or `:load` is running (or last ran, until the next one).
    package var load: LoadProgress?
    var loadRunning = false
    /// The guided walkthrough (`w`): the steps in the chosen language, and how far it got.
    var walkthrough: Walkthrough?
    /// The language of the dashboard's own words (`--lang`, or the locale): see `UIText`.
    var language = WalkthroughLanguage.en
    /// The dashboard's words in `language`, for the messages the reducer writes.
    var text: UIText { UIText.for(language) }
    var guide: WalkthroughProgress?
    var showGuide = false
    var quit = false
    /// The themes `t` cycles through (a `--theme` file first, then the shipped ones).
    var themes: [Theme] = []
    var themeIndex = 0
    var theme: Theme? { themes.isEmpty ? nil : themes[themeIndex % themes.count] }

    package init(cluster: Cluster) {
        self.cluster = cluster
        self.policy = PolicyIndex(cluster)
        // Start on the probe's destination namespace (tcp-demo in the walkthrough).
        let destination = probeTo.split(separator: ":").first.map { $0.split(separator: ".") }
        if let ns = destination.flatMap({ $0.count > 1 ? String($0[1]) : nil }),
            let index = namespaces.firstIndex(where: { $0.name == ns })
        {
            selectedNamespace = index
        }
    }

    /// Sets a new cluster and recompiles the policy the views read.
    mutating func setCluster(_ cluster: Cluster) {
        self.cluster = cluster
        self.policy = PolicyIndex(cluster)
    }

    /// Namespaces in display order: the control plane, then the mesh, then the rest, then the
    /// built-in ones, so the walkthrough's namespaces are on screen even in 80x24.
    var namespaces: [Namespace] {
        func rank(_ ns: Namespace) -> Int {
            if ns.name == MeshConfig.namespace { return 0 }
            if ns.isMonitored { return 1 }
            return Cluster.builtinNamespaces.contains(ns.name) ? 3 : 2
        }
        return cluster.namespaces.values.sorted { (rank($0), $0.name) < (rank($1), $1.name) }
    }

    var currentNamespace: String? {
        let all = namespaces
        return all.isEmpty ? nil : all[min(selectedNamespace, all.count - 1)].name
    }

    /// The policies the policies pane lists (and `d` deletes), in display order.
    var policyItems: [(kind: ResourceKind, key: ObjectKey)] {
        cluster.tcpRoutes.keys.sorted().map { (ResourceKind.tcpRoute, $0) }
            + cluster.httpRouteGroups.keys.sorted().map { (ResourceKind.httpRouteGroup, $0) }
            + cluster.trafficTargets.keys.sorted().map { (ResourceKind.trafficTarget, $0) }
    }
}
