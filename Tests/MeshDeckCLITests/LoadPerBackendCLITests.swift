import Foundation
import MeshDeckTestSupport
import Testing

/// Issue 11, TrafficSplit: `load` reports where the probes went, per backend, in its table and
/// in `-o json` (pkg/catalog/outbound_traffic_policies.go gives the client weighted clusters;
/// osm-docs' traffic-split guide sends 90/10 and counts the replies per version).
@Suite struct LoadPerBackendCLITests {
    let split = Fixtures.path("osm-v1.2/bookstore-split.yaml")
    let args = ["--from", "bookbuyer/bookbuyer", "--to", "bookstore.bookstore:14001", "--count", "1000", "--concurrency", "16"]

    @Test func aThousandProbesAtNinetyTenLandWithinAFewPercentPerBackend() async throws {
        let run = await CLIRun(
            ["-f", split, "--empty", "--permissive", "on", "load"] + args + ["-o", "json", "--timeout", "30"])
        #expect(run.code == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["trafficSplit"] as? String == "bookstore/bookstore-split")
        let backends = try #require(json["backends"] as? [[String: Any]])
        let probes = Dictionary(uniqueKeysWithValues: backends.map { ($0["service"] as! String, $0["probes"] as! Int) })
        let v1 = try #require(probes["bookstore/bookstore-v1"])
        let v2 = try #require(probes["bookstore/bookstore-v2"])
        #expect(v1 + v2 == 1000)
        #expect(abs(v1 - 900) <= 30 && abs(v2 - 100) <= 30, "v1 \(v1), v2 \(v2)")
    }

    @Test func theTableShowsEachBackendsWeightAndShare() async {
        let run = await CLIRun(["-f", split, "--empty", "--permissive", "on", "load"] + args + ["--timeout", "30"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("TrafficSplit bookstore/bookstore-split: allowed probes per backend"), "\(run.stdout)")
        let rows = run.stdout.split(separator: "\n").filter { $0.contains("bookstore/bookstore-v") }
        #expect(rows.count == 2, "\(run.stdout)")
        #expect(rows.first?.contains("90%") == true && rows.last?.contains("10%") == true, "\(rows)")
    }

    /// osm-docs' canary sample writes the apex as a host name (`service: httpbin.httpbin`), which
    /// OSM reads as Service httpbin (pkg/k8s/util.go:42 splitHostName); canary_rollout.md then sees
    /// half the requests on each version.
    @Test func theDocsCanarySplitsFiftyFifty() async throws {
        let run = await CLIRun([
            "-f", Fixtures.path("osm-docs/canary.yaml"), "load", "--from", "curl/curl", "--to", "httpbin.httpbin:14001",
            "--count", "1000", "--concurrency", "16", "--timeout", "30", "-o", "json",
        ])
        #expect(run.code == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["trafficSplit"] as? String == "httpbin/http-split", "\(run.stdout)")
        let backends = try #require(json["backends"] as? [[String: Any]])
        let probes = backends.compactMap { $0["probes"] as? Int }
        #expect(probes.count == 2 && probes.allSatisfy { abs($0 - 500) <= 30 }, "\(backends)")
    }

    @Test func aRouteWithoutASplitPrintsNoBackendTable() async {
        let run = await CLIRun(["load", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000", "--count", "5"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("per backend"))
    }
}
