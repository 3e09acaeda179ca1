import Foundation
import MeshDeckTestSupport
import Testing

/// The osm-docs getting-started demo (our own equivalents in Tests/Fixtures/osm-docs) loads, and
/// `matrix` gives the allow/deny table the guide describes: osm-docs release-v1.2
/// content/en/docs/getting_started/traffic_policies.md, lines 52-61 (permissive: bookbuyer and
/// bookthief both reach bookstore), 89 (SMI mode, no policy: no counter increments) and 99-106
/// (traffic-access-v1: bookbuyer reaches bookstore, bookthief does not), and the
/// traffic-access-v1-allow-bookthief step after it.
@Suite struct DocsDemoMatrixTests {
    let apps = Fixtures.path("osm-docs/bookstore-apps.yaml")
    let access = Fixtures.path("osm-docs/bookstore-access.yaml")
    let allowThief = Fixtures.path("osm-docs/bookstore-access-allow-bookthief.yaml")

    /// `from -> to` → allowed, from `matrix -o json`.
    func matrix(_ arguments: [String]) async throws -> [String: Bool] {
        let run = await CLIRun(["--empty", "-f", apps] + arguments + ["matrix", "-o", "json"])
        #expect(run.code == 0, "\(run.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        var cells: [String: Bool] = [:]
        for row in rows {
            cells["\(row["from"]!) -> \(row["to"]!):\(row["port"]!)"] = (row["verdict"] as? String) == "allowed"
        }
        return cells
    }

    static let buyer = "bookbuyer/bookbuyer -> bookstore.bookstore:14001"
    static let thief = "bookthief/bookthief -> bookstore.bookstore:14001"
    static let restock = "bookstore/bookstore -> bookwarehouse.bookwarehouse:14001"
    static let mysql = "bookwarehouse/bookwarehouse -> mysql.bookwarehouse:3306"
    static let thiefToWarehouse = "bookthief/bookthief -> bookwarehouse.bookwarehouse:14001"

    func expect(_ cells: [String: Bool], _ expected: [String: Bool], _ step: String) {
        let wrong = expected.filter { cells[$0.key] != $0.value }.map {
            "\($0.key): expected \($0.value ? "allowed" : "denied"), got \(cells[$0.key].map { $0 ? "allowed" : "denied" } ?? "nothing")"
        }
        #expect(wrong.isEmpty, "\(step):\n\(wrong.sorted().joined(separator: "\n"))")
    }

    @Test func permissiveModeEveryoneBuysAndSteals() async throws {
        let cells = try await matrix(["--permissive", "on"])
        expect(cells, [Self.buyer: true, Self.thief: true, Self.restock: true, Self.mysql: true], "permissive")
    }

    @Test func smiModeWithoutPolicyNoCounterIncrements() async throws {
        let cells = try await matrix(["--permissive", "off"])
        expect(cells, [Self.buyer: false, Self.thief: false, Self.restock: false, Self.mysql: false], "SMI, no policy")
    }

    @Test func trafficAccessV1LetsTheBuyerInAndKeepsTheThiefOut() async throws {
        let cells = try await matrix(["--permissive", "off", "-f", access])
        expect(
            cells,
            [Self.buyer: true, Self.thief: false, Self.restock: true, Self.mysql: true, Self.thiefToWarehouse: false],
            "traffic-access-v1")
    }

    @Test func allowBookthiefLetsTheThiefIn() async throws {
        let cells = try await matrix(["--permissive", "off", "-f", access, "-f", allowThief])
        expect(cells, [Self.buyer: true, Self.thief: true], "traffic-access-v1-allow-bookthief")
    }

    /// The mysql StatefulSet's pod is named as Kubernetes names it.
    @Test func mysqlRunsAsAStatefulSetPod() async {
        let run = await CLIRun(["--empty", "-f", apps, "get", "pods", "-A", "-o", "name"])
        #expect(run.stdout.contains("pod/mysql-0"), "\(run.stdout)")
    }
}

/// Issue 11: a `kind: List` dump holding every kind MeshDeck reads loads as one apply, and `get`
/// lists each of them.
@Suite struct EveryKindListTests {
    @Test func aListHoldingEveryKindLoadsAndGetListsEachKind() async {
        let list = Fixtures.path("osm-v1.2/every-kind-list.yaml")
        let kinds = [
            "namespace", "serviceaccount", "service", "deployment.apps", "statefulset.apps", "daemonset.apps",
            "replicaset.apps", "job.batch", "pod", "meshconfig.config.openservicemesh.io",
            "meshrootcertificate.config.openservicemesh.io", "tcproute.specs.smi-spec.io",
            "httproutegroup.specs.smi-spec.io", "traffictarget.access.smi-spec.io", "trafficsplit.split.smi-spec.io",
            "egress.policy.openservicemesh.io", "ingressbackend.policy.openservicemesh.io",
            "retry.policy.openservicemesh.io", "upstreamtrafficsetting.policy.openservicemesh.io",
        ]
        let run = await CLIRun([
            "--empty", "-f", list, "get",
            "ns,sa,svc,deploy,sts,ds,rs,job,po,meshconfig,mrc,tcproute,httproutegroup,traffictarget,trafficsplit,egress,"
                + "ingressbackend,retry,upstreamtrafficsetting", "-A", "-o", "name",
        ])
        #expect(run.code == 0, "\(run.stderr)")
        let listed = Set(run.stdout.split(separator: "\n").map { String($0.split(separator: "/")[0]) })
        for kind in kinds { #expect(listed.contains(kind), "get lists no \(kind)") }
    }
}
