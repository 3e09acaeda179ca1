import DataPlaneInterface
import Foundation
import MeshCertificates
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

/// The panes focus moves between with Tab (the guide only while it is shown).
package enum Pane: Int, Sendable, CaseIterable {
    case namespaces, workloads, policies, log, guide
}

/// One line of a popup. The popup wraps it with a hanging indent (`indent` columns, or what
/// suits the line: past `reason: `, past `- `) and scrolls the lines it cannot show, except the
/// `.pinned` ones: those stay on screen, first, in their order, whatever is scrolled (an
/// explanation pins its `reason:` and `fix:`). Whoever builds the lines decides what is pinned;
/// the popup only draws them.
package struct PopupLine: Sendable, Equatable, ExpressibleByStringLiteral {
    package enum Tag: Sendable, Equatable {
        case normal
        /// Always on screen, above the lines that scroll.
        case pinned
    }
    package var text: String
    package var tag: Tag
    /// Columns the wrapped lines after the first are indented by; nil: from the line itself.
    package var indent: Int?

    package init(_ text: String, _ tag: Tag = .normal, indent: Int? = nil) {
        self.text = text
        self.tag = tag
        self.indent = indent
    }

    package init(stringLiteral text: String) { self.init(text) }

    package static func pinned(_ text: String) -> PopupLine { PopupLine(text, .pinned) }
    package var isPinned: Bool { tag == .pinned }
}

/// A box drawn over the panes.
package enum Popup: Sendable {
    case help
    case explain(title: String, lines: [PopupLine])
    case confirmDelete(kind: ResourceKind, key: ObjectKey)
    /// `w` the first time: the guide resets the cluster (and the counters), so it asks.
    case confirmGuideReset
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
    /// Set through `setCluster`, which brings the policy and the panes' rows to it.
    private(set) var cluster: Cluster
    /// The mesh's certificate authority for this run, as `meshdeck certs` shows it: a pod's
    /// describe view names its ServiceAccount's certificate. Shared by every copy of the state,
    /// and with the engine, whose sidecars present those very certificates (the run loop sets
    /// it to the engine's; tests get one of their own).
    var certificates = try? MeshCertificateAuthority()
    private(set) var policy: PolicyIndex
    package var log = ProbeLog(capacity: 10_000)
    var allowed = 0
    var denied = 0
    var focus = Pane.log
    /// The top panes' rows, filters, selections and scroll offsets, kept in step with the cluster.
    var panes = PaneLists()
    /// The selected namespace (among those the pane's filter shows); the workloads pane follows it.
    var selectedNamespace: Int {
        get { panes.namespaces.selected }
        set {
            panes.namespaces.select(newValue)
            if currentNamespace != panes.workloadsNamespace { rebuildWorkloads() }
        }
    }
    /// The selected policy (among those the pane's filter shows): what `d`, `i` and `y` act on.
    var selectedPolicy: Int {
        get { panes.policies.selected }
        set { panes.policies.select(newValue) }
    }
    /// The terminal's size, as the run loop last reported it (`Action.resized`): the reducer needs
    /// it to know how far a page scrolls and where scrolling stops.
    var screenWidth = 120
    var screenHeight = 40
    /// The terminal shows ASCII only (its locale is not UTF-8): the glyphs, and so the widths, the
    /// reducer's page sizes are counted in.
    var ascii = false {
        didSet { if ascii != oldValue { rebuildPolicies() } }
    }
    /// Entries scrolled up from the newest log entry (0: follow the newest). Never more than
    /// what keeps the first page full.
    var logScroll = 0
    /// Entries that arrived while the log was scrolled up (the title says how many).
    var logUnseen = 0
    /// Long log lines wrap (with a hanging indent) instead of ending in `…` (`W`).
    var logWrap = false
    /// Rows a popup is scrolled down by (its pinned lines stay).
    var popupScroll = 0
    /// Rows the guide pane is scrolled down by; back to 0 at every step.
    var guideScroll = 0
    /// The matrix's cell cursor: a source row and a destination column.
    var matrixRow = 0
    var matrixColumn = 0
    /// Whether the load strip is on the log's border: while a load runs, and after it until the
    /// next key.
    var showLoadStrip = false
    /// The log entry `e` explains: an index counted back from the newest (0 = newest).
    var selectedLogFromEnd = 0
    var probeFrom = "curl/curl"
    var probeTo = "tcp-echo.tcp-demo:9000"
    var probeMessage = "hello"
    var popup: Popup?
    /// The reachability matrix (`x`) instead of the panes.
    var showMatrix = false
    /// With `showMatrix`: the service map (`m`) instead of the matrix. Both replace the panes and
    /// take the same keys (the cursor selects a connection in the map, a cell in the matrix).
    var showMap = false
    /// The presentation layout (`z`): the last verdict, large, with its reason and fix, over the
    /// log; the panes give way.
    var presentation = false
    /// The probes sent along each connection, for the service map (reset with the counters).
    var edges: [EdgeKey: EdgeCounts] = [:]
    /// The connection a running load probes: its progress counts there.
    var loadEdge: EdgeKey?
    /// When the last action was reduced: what the views measure recent rates against.
    var now = Date(timeIntervalSince1970: 0)
    /// One line under the panes: the outcome of the last action, or an error.
    var message: String?
    var probesInFlight = 0
    /// The line being typed, if any, and its text.
    var input: InputMode?
    var editor = LineEditor()
    var history = CommandHistory()
    /// The words Tab completes `:probe` from, kept with the cluster.
    var completionWords: CompletionWords
    /// What Tab found when more than one word fits, shown above the `:` line.
    var completions: [String] = []
    /// The load `L` or `:load` is running (or last ran, until the next one).
    package var load: LoadProgress?
    var loadRunning = false
    /// The guided walkthrough (`w`): the steps in the chosen language, and how far it got.
    var walkthrough: Walkthrough?
    /// The language of the dashboard's own words (`--lang`, or the locale): see `UIText`.
    var language = WalkthroughLanguage.en {
        // The policies pane's lines are built in it.
        didSet { if language != oldValue { rebuildPolicies() } }
    }
    /// The dashboard's words in `language`, for the messages the reducer writes.
    var text: UIText { UIText.for(language) }
    var guide: WalkthroughProgress?
    var showGuide = false
    var quit = false
    /// The themes `t` cycles through (a `--theme` file first, then the shipped ones).
    var themes: [Theme] = []
    var themeIndex = 0
    var theme: Theme? { themes.isEmpty ? nil : themes[themeIndex % themes.count] }

    /// `policy`: `cluster` already compiled (the index the engine was started with), so the
    /// dashboard and the engine share one compile; nil compiles it here.
    package init(cluster: Cluster, policy: PolicyIndex? = nil) {
        self.cluster = cluster
        self.policy = policy ?? PolicyIndex(cluster)
        self.completionWords = CompletionWords(cluster)
        rebuildPanes()
        // Start on the probe's destination namespace (tcp-demo in the walkthrough).
        let destination = probeTo.split(separator: ":").first.map { $0.split(separator: ".") }
        if let ns = destination.flatMap({ $0.count > 1 ? String($0[1]) : nil }) { selectNamespace(named: ns) }
    }

    /// Sets a new cluster and brings the policy the views read to it (incrementally when only
    /// policy changed). The engine is handed this same index (`Effect.updateEngine`).
    /// `touchedPolicies`: the TCPRoutes and TrafficTargets that changed, when the caller knows.
    mutating func setCluster(_ cluster: Cluster, touchedPolicies: [(ResourceKind, ObjectKey)]? = nil) {
        let old = self.cluster
        let policyBefore = policy
        if !cluster.hasSameWorkloadsAndServices(as: old) { completionWords = CompletionWords(cluster) }
        self.cluster = cluster
        self.policy.update(to: cluster)
        // Only the rows that changed are built again: flipping permissive mode at 10,000
        // TrafficTargets rebuilt 20,000 policy lines (~60 ms a key, meshdeck-bench render).
        if !cluster.hasSameNamespaces(as: old) || (cluster.meshConfig == nil) != (old.meshConfig == nil) {
            rebuildNamespaces()
        }
        rebuildWorkloads()
        updatePolicies(since: old, policyBefore: policyBefore, touched: touchedPolicies)
    }

    /// Every namespace, in the pane's display order (filtered or not).
    var namespaces: [Namespace] { panes.namespaces.rows.map(\.namespace) }

    var currentNamespace: String? { panes.namespaces.selectedRow?.namespace.name }

    /// The policies the policies pane lists, in display order (filtered or not).
    var policyItems: [(kind: ResourceKind, key: ObjectKey)] { panes.policies.rows.map { ($0.kind, $0.key) } }

    /// The policy `d`, `i` and `y` act on: the selected one among those the filter shows.
    var selectedPolicyItem: (kind: ResourceKind, key: ObjectKey)? { panes.policies.selectedRow.map { ($0.kind, $0.key) } }
}
