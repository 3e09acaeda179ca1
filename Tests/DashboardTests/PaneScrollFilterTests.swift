import Foundation
import MeshDeckTestSupport
import MeshModel
import Testing

@testable import Dashboard
@testable import Presentation
@testable import TerminalText
@testable import TerminalUI

/// Issue 13, the dashboard at 10,000 pods: the namespaces, workloads and policies panes keep a
/// selection that stays on screen as it moves (↑ ↓ PgUp PgDn Home End), say where it is
/// (`12/1007` on the border), filter with `/` as the log does, and show each policy's namespace.
@Suite struct PaneScrollFilterTests {
    /// A dashboard on the 10,000-pod cluster. Building it (the cluster, its compiled policy, the
    /// panes' rows) is seconds of CPU in a debug build: off Swift's two pool threads, which the
    /// suite's other tests need.
    static func driver(_ width: Int, _ height: Int, language: WalkthroughLanguage = .en) async throws -> ScreenDriver {
        try await offPool {
            Result { try ScreenDriver(width: width, height: height, language: language, state: base.state, plane: base.plane) }
        }.get()
    }

    /// The dashboard's state and an in-memory data plane on the 10,000-pod cluster, built once.
    static let base = (
        state: AppState(cluster: ScaleCluster.tenThousandPods), plane: InMemoryDataPlane(ScaleCluster.tenThousandPods)
    )

    /// The rows of the box whose title contains `title`, and its bottom border.
    static func box(_ d: ScreenDriver, _ title: String) -> (rows: [String], bottom: String) {
        let rows = PaneLayoutTests.box(d, title)
        guard let top = d.lines.firstIndex(where: { $0.contains(title) }), top + rows.count + 1 < d.lines.count else {
            return (rows, "")
        }
        return (rows, d.lines[top + rows.count + 1])
    }

    /// Focus a top pane with Tab from the log (log → namespaces → workloads → policies).
    static func focus(_ d: inout ScreenDriver, _ pane: Pane) async throws {
        while d.state.focus != pane { try await d.keys("T") }
    }

    @Test func movingDownTheNamespacesKeepsTheSelectionOnScreenAndSaysWhereItIs() async throws {
        var d = try await Self.driver(80, 24)
        try await Self.focus(&d, .namespaces)
        let total = d.state.panes.namespaces.total
        #expect(total == 1_007, "the walkthrough's 7 and 1,000 more")
        // The probe's destination namespace is selected at the start; Home goes to the first.
        #expect(d.state.currentNamespace == "tcp-demo")
        try await d.key(.home)
        for step in 1...40 {
            try await d.keys("↓")
            let (rows, bottom) = Self.box(d, "Namespaces")
            let selected = try #require(d.state.currentNamespace)
            #expect(
                rows.contains { $0.hasPrefix("▸ \(selected)") }, "step \(step): \(selected) is not on screen:\n\(d.text)")
            #expect(bottom.contains("\(d.state.selectedNamespace + 1)/\(total)"), "step \(step): \(bottom)")
            // The workloads pane follows the selection.
            #expect(d.state.panes.workloadsNamespace == selected)
            if selected.hasPrefix("ns-") {
                #expect(Self.box(d, "Workloads:").rows.contains { $0.contains("service/app-0") }, "\(d.text)")
            }
        }
        try await d.key(.end)
        #expect(Self.box(d, "Namespaces").bottom.contains("\(total)/\(total)"), "\(d.text)")
        #expect(Self.box(d, "Namespaces").rows.contains { $0.hasPrefix("▸ \(d.state.currentNamespace!)") }, "\(d.text)")
        try await d.key(.home)
        #expect(d.state.selectedNamespace == 0 && Self.box(d, "Namespaces").rows.first?.hasPrefix("▸ osm-system") == true)
        // Up from the top stays there; the view does not jump when the selection moves inside it.
        try await d.keys("↑↓↓")
        #expect(Self.box(d, "Namespaces").rows.first?.hasPrefix("  osm-system") == true, "\(d.text)")
    }

    @Test func pagingThePoliciesKeepsTheSelectedPolicyOnScreen() async throws {
        var d = try await Self.driver(80, 24)
        try await Self.focus(&d, .policies)
        let total = d.state.panes.policies.total
        #expect(total == 20_000)
        for _ in 0..<5 { try await d.keys("D") }
        let (rows, bottom) = Self.box(d, "Policies")
        #expect(rows.first?.contains("permissive mode: on") == true, "the MeshConfig flags stay on top:\n\(d.text)")
        let selected = try #require(rows.first { $0.hasPrefix("▸") }, "no selected row on screen:\n\(d.text)")
        #expect(d.state.selectedPolicy > 20)
        #expect(bottom.contains("\(d.state.selectedPolicy + 1)/\(total)"), "\(bottom)")
        let item = try #require(d.state.selectedPolicyItem)
        #expect(selected.contains(item.key.namespace), "\(selected) names its namespace (\(item.key))")
        try await d.keys("G")
        #expect(Self.box(d, "Policies").bottom.contains("\(total)/\(total)"))
        #expect(Self.box(d, "Policies").rows.last?.hasPrefix("▸tt ns-") == true, "\(d.text)")
    }

    @Test func theWorkloadsPaneScrollsThroughAThousandPods() async throws {
        var d = try await offPool {
            Result { try ScreenDriver(width: 100, height: 30, cluster: ScaleCluster.make(namespaces: 3, firstReplicas: 1_000)) }
        }.get()
        try await Self.focus(&d, .namespaces)
        try await d.keys("/ns-0E")
        #expect(d.state.currentNamespace == "ns-0")
        try await Self.focus(&d, .workloads)
        for _ in 0..<30 { try await d.keys("↓") }
        try await d.keys("D")
        let (rows, bottom) = Self.box(d, "Workloads: ns-0")
        let selected = d.state.panes.workloads.selectedRow!
        #expect(selected.kind == .pod)
        // The selected row is drawn in reverse video, and it is on screen.
        let y = try #require(d.lines.firstIndex { $0.contains("pod/\(selected.name) ") }, "\(d.text)")
        let x = try #require(d.lines[y].range(of: "pod/")).lowerBound.utf16Offset(in: d.lines[y])
        #expect(d.canvas[x, y].style.reverse, "the selection is highlighted")
        #expect(rows.count > 3)
        #expect(bottom.contains("\(d.state.panes.workloads.selected + 1)/1019"), "\(bottom)")
    }

    @Test func theWheelOverATopPaneMovesItsSelection() async throws {
        var d = try await Self.driver(80, 24)
        try await Self.focus(&d, .namespaces)
        try await d.key(.home)
        try await d.key(.mouse(MouseEvent(.wheelDown, x: 5, y: 4)))
        try await d.key(.mouse(MouseEvent(.wheelDown, x: 5, y: 4)))
        #expect(d.state.selectedNamespace == 6 && d.state.logScroll == 0, "\(d.state.selectedNamespace)")
        #expect(Self.box(d, "Namespaces").rows.contains { $0.hasPrefix("▸ \(d.state.currentNamespace!)") }, "\(d.text)")
        try await d.key(.mouse(MouseEvent(.wheelUp, x: 5, y: 4)))
        #expect(d.state.selectedNamespace == 3)
    }

    @Test func slashFiltersTheFocusedPaneAndEscRestoresIt() async throws {
        var d = try await Self.driver(120, 40)
        try await Self.focus(&d, .namespaces)
        try await d.keys("/ns-12")
        // Filtered as typed: ns-12 and ns-120 … ns-129.
        #expect(d.text.contains("/ns-12 11/1007"), "\(d.text)")
        let rows = Self.box(d, "/ns-12 11/1007").rows.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(rows.count == 11 && rows.allSatisfy { $0.contains("ns-12") }, "\(rows)")
        #expect(d.state.currentNamespace == "ns-12" && d.text.contains("Workloads: ns-12"))
        #expect(d.lines.last?.contains("type to filter the pane") == true, "\(d.lines.last ?? "")")
        // Enter keeps it; ↓ moves among the matches.
        try await d.keys("E↓")
        #expect(d.state.currentNamespace == "ns-120" && d.text.contains("/ns-12 11/1007"))
        // Esc clears it: every namespace again, the selection still on the one found.
        try await d.keys("X")
        #expect(d.text.contains("─ Namespaces ─") || d.text.contains("━ Namespaces ━"), "\(d.text)")
        #expect(!d.text.contains("/ns-12"))
        #expect(d.state.panes.namespaces.count == 1_007 && d.state.currentNamespace == "ns-120")
        #expect(Self.box(d, "Namespaces").rows.contains { $0.hasPrefix("▸ ns-120") }, "\(d.text)")
        // The policies pane filters on namespace/name: one namespace's ten TrafficTargets.
        try await Self.focus(&d, .policies)
        try await d.keys("/target ns-77/")
        #expect(d.text.contains("Policies /target ns-77/ (10 of 20000)"), "\(d.text)")
        let policies = Self.box(d, "/target ns-77/").rows.filter { $0.contains("/allow-") }
        #expect(policies.count == 10 && policies.allSatisfy { $0.contains("ns-77/allow-") }, "\(policies)")
        // The filter on a pane leaves the log's alone, and Esc in the filter line clears it.
        try await d.keys("X")
        #expect(d.state.panes.policies.count == 20_000 && !d.state.log.isFiltered)
    }

    @Test func aFilterThatKeepsNothingSaysSo() async throws {
        var d = try ScreenDriver(width: 120, height: 40)
        try await Self.focus(&d, .policies)
        try await d.keys("a/nothing-like-it")
        #expect(d.text.contains("nothing matches /nothing-like-it"), "\(d.text)")
        #expect(d.text.contains("permissive mode: on"), "the MeshConfig flags stay")
        try await d.keys("X")
        #expect(d.text.contains("TCPRoute tcp-demo/tcp-echo-route"), "\(d.text)")
    }

    /// The policies pane is rebuilt only when its rows change, and a TrafficTarget the mesh
    /// starts to ignore is such a change though no policy was touched.
    @Test func aPolicyTheMeshStartsToIgnoreSaysSo() async throws {
        var d = try ScreenDriver(width: 160, height: 40)
        try await d.keys("a")
        #expect(!d.text.contains("IGNORED"))
        try await d.keys("p")
        #expect(!d.text.contains("IGNORED"), "permissive mode changes no policy line")
        try await d.keys(":ns remove tcp-demoE")
        let rows = PaneLayoutTests.box(d, "Policies")
        #expect(rows.contains { $0.contains("IGNORED:") }, "\(d.text)")
    }

    /// A change of a few policies edits their rows in place: after each change the rows are
    /// the ones a dashboard started on that cluster shows, and the selection stays put.
    @Test func policyRowsEditedInPlaceEqualRowsBuiltAfresh() async throws {
        var d = try ScreenDriver(width: 120, height: 40, cluster: ScaleCluster.make(namespaces: 30))
        try await Self.focus(&d, .policies)
        try await d.keys("DD")
        let selected = d.state.selectedPolicy
        func rows(_ state: AppState) -> [String] { state.panes.policies.rows.map { $0.text + ($0.ignored ?? "") } }
        for line in [
            "a", ":delete traffictarget allow-3 -n ns-5E", ":delete tcproute route-4 -n ns-5E", "p",
            ":delete traffictarget tcp-access -n tcp-demoE", ":ns remove ns-7E", "a",
        ] {
            try await d.keys(line)
            let fresh = AppState(cluster: d.state.cluster)
            #expect(rows(d.state) == rows(fresh), "after \(line)")
            #expect(
                d.state.panes.policyWidest == fresh.panes.policyWidest && d.state.panes.policyLines == fresh.panes.policyLines)
        }
        #expect(d.state.selectedPolicy == selected)
        // The TrafficTarget whose route went says so.
        try await d.keys("/ns-5/allow-4E")
        #expect(PaneLayoutTests.box(d, "Policies").contains { $0.contains("IGNORED: ") }, "\(d.text)")
    }

    /// Each policy says its namespace; where the pane is narrow the line is cut with `…`, in
    /// columns (Chinese words are two wide), never past the border.
    @Test(arguments: [WalkthroughLanguage.en, .zh])
    func policiesShowTheirNamespaceAndFitTheirPane(language: WalkthroughLanguage) async throws {
        var wide = try ScreenDriver(width: 200, height: 60, language: language)
        try await wide.keys("a")
        let words = UIText.for(language)
        let policies = PaneLayoutTests.box(wide, words.policies)
        #expect(policies.contains { $0.contains("TCPRoute tcp-demo/tcp-echo-route \(words.ports) 9000") }, "\(wide.text)")
        #expect(policies.contains { $0.contains("TrafficTarget tcp-demo/tcp-access curl/curl → tcp-demo/tcp-echo") })
        var narrow = try ScreenDriver(width: 80, height: 24, language: language)
        try await narrow.keys("a")
        let rows = PaneLayoutTests.box(narrow, words.policies)
        // Too narrow for the kind spelt out: kubectl's short name keeps the policy's name.
        let route = try #require(rows.first { $0.contains("tcp-demo/tcp-echo-r") }, "\(narrow.text)")
        #expect(route.hasPrefix(" tr tcp-demo/tcp-echo-r") && route.hasSuffix("…"), "\(route)")
        #expect(rows.contains { $0.hasPrefix(" tt tcp-demo/tcp-access") }, "\(rows)")
        let inner = rows.map { TextWidth.of($0) }.max() ?? 0
        #expect(rows.allSatisfy { TextWidth.of($0) == inner }, "every row fills the pane exactly: \(rows)")
    }

    /// The whole 80x24 screen with 10,000 pods loaded, after a probe, a namespace found with `/`
    /// (kept with Enter), a move in the workloads, and the policies filtered to that namespace.
    @Test(arguments: [WalkthroughLanguage.en, .zh])
    func readableGoldenFrameAt80x24WithTenThousandPods(language: WalkthroughLanguage) async throws {
        var d = try await Self.driver(80, 24, language: language)
        try await d.keys("ET/ns-42ET↓↓T/ns-42/E↓")
        let name = "\(language.rawValue)-80x24-10000-pods.txt"
        try GoldenFrameTests.compare(d.text + "\n", name)
    }
}
