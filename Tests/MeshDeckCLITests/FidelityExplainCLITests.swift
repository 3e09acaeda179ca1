import Foundation
import MeshDeckCLI
import MeshDeckTestSupport
import Testing

/// What an operator reads from `explain` and `get` about issue 11's rules, on real-shaped
/// manifests (Tests/Fixtures/osm-v1.2/).
@Suite struct FidelityExplainCLITests {
    let egress = Fixtures.path("osm-v1.2/egress-policy.yaml")

    /// pkg/catalog/egress.go GetEgressTrafficPolicy: a tcp port matched by port and IP range.
    @Test func anEgressPolicyLetsCurlOutWithEgressOff() async {
        let run = await CLIRun([
            "-f", egress, "--egress", "off", "--permissive", "off", "explain", "--from", "curl/curl", "--to", "echo.outside:9000",
        ])
        #expect(run.code == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(
            run.stdout.contains(
                "reason: the destination is outside the mesh and egress is off, but Egress curl/curl-to-echo lets ServiceAccount curl/curl reach port 9000 (tcp to 10.96.77.0/24)"
            ), "\(run.stdout)")
        let get = await CLIRun(["-f", egress, "get", "egresses", "-A"])
        #expect(get.stdout.contains("curl        curl-to-echo   curl/curl   10.96.77.0/24   9000/tcp"), "\(get.stdout)")
    }

    @Test func withoutAMatchingPortExplainSaysWhichPolicyDidNotMatch() async {
        let run = await CLIRun(
            [
                "-f", egress, "--egress", "off", "explain", "--from", "curl/curl", "--to", "echo.outside:9000",
            ] + ["--permissive", "off"], stdin: nil)
        #expect(run.code == 0)
        let other = await CLIRun(
            ["-f", "-", "--egress", "off", "explain", "--from", "curl/curl", "--to", "echo.outside:9000"],
            stdin: Fixtures.text("osm-v1.2/egress-policy.yaml").replacingOccurrences(of: "number: 9000", with: "number: 8080"))
        #expect(other.code == 1)
        #expect(
            other.stdout.contains(
                "Egress curl/curl-to-echo names curl/curl: ports 8080/tcp, 10.96.77.0/24; none matches this address and port"),
            "\(other.stdout)")
        #expect(other.stdout.contains("apply an Egress policy with source ServiceAccount curl/curl"))
    }

    /// Issue 11, point 6: pkg/envoy/lds/inmesh.go builds no filter chain for an appProtocol
    /// it does not know; explain says so and names the fix.
    @Test func anUnknownAppProtocolFailsAndExplainNamesTheFix() async {
        let service =
            "apiVersion: v1\nkind: Service\nmetadata: {name: tcp-echo, namespace: tcp-demo}\nspec:\n  ports: [{name: tcp, port: 9000, appProtocol: mysql}]\n  selector: {app: tcp-echo}\n"
        let run = await CLIRun(
            ["-f", "-", "--egress", "off", "explain", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000"], stdin: service)
        #expect(run.code == 1)
        #expect(
            run.stdout.contains(
                "has appProtocol 'mysql', which OSM does not know, so neither sidecar builds a filter chain for it"),
            "\(run.stdout)")
        #expect(
            run.stdout.contains(
                "fix:    set appProtocol to tcp (or tcp-server-first, http, grpc) on port 9000 of Service tcp-demo/tcp-echo"))
    }

    /// Issue 11, point 7: pkg/catalog/traffictarget.go reads only TCPRoute rules for L4, so a
    /// TrafficTarget whose only rule names a missing HTTPRouteGroup still allows every port
    /// (pkg/envoy/lds/rbac.go: no TCP routes, any port).
    @Test func aMissingHTTPRouteGroupStillGrantsL4Access() async {
        let target = """
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: http-only, namespace: tcp-demo}
            spec:
              destination: {kind: ServiceAccount, name: tcp-echo, namespace: tcp-demo}
              sources: [{kind: ServiceAccount, name: curl, namespace: curl}]
              rules: [{kind: HTTPRouteGroup, name: nowhere, matches: [all]}]
            """
        let run = await CLIRun(
            ["-f", "-", "--permissive", "off", "explain", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000"], stdin: target)
        #expect(run.code == 0, "\(run.stdout)")
        #expect(run.stdout.contains("reason: TrafficTarget tcp-demo/http-only allows ServiceAccount curl/curl on port 9000"))
    }

    /// A missing TCPRoute leaves the TrafficTarget out of the server's RBAC, but
    /// ListOutboundServicesForIdentity still gives the client a route: refused by the server.
    @Test func aMissingTCPRouteIsRefusedByTheServerSidecar() async {
        let target = """
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: tcp-missing, namespace: tcp-demo}
            spec:
              destination: {kind: ServiceAccount, name: tcp-echo, namespace: tcp-demo}
              sources: [{kind: ServiceAccount, name: curl, namespace: curl}]
              rules: [{kind: TCPRoute, name: nowhere}]
            """
        let run = await CLIRun(
            [
                "-f", "-", "--permissive", "off", "--egress", "off", "explain", "--from", "curl/curl", "--to",
                "tcp-echo.tcp-demo:9000",
            ],
            stdin: target)
        #expect(run.code == 1)
        #expect(run.stdout.contains("where:  server sidecar"), "\(run.stdout)")
        #expect(run.stdout.contains("TCPRoute tcp-demo/nowhere does not exist"))
    }

    /// pkg/validator/patch.go: the validating webhook watches only namespaces of the mesh, so
    /// a TrafficTarget outside its destination's namespace is refused there and taken (then
    /// ignored) elsewhere.
    @Test func theWebhookRefusesOnlyInsideTheMesh() async {
        func target(_ ns: String) -> String {
            """
            apiVersion: v1
            kind: Namespace
            metadata: {name: plain}
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: t, namespace: \(ns)}
            spec:
              destination: {kind: ServiceAccount, name: tcp-echo, namespace: tcp-demo}
              sources: [{kind: ServiceAccount, name: curl, namespace: curl}]
              rules: [{kind: TCPRoute, name: r}]
            """
        }
        let inMesh = await CLIRun(["validate", "-f", "-"], stdin: target("curl"))
        #expect(inMesh.code == 2)
        #expect(
            inMesh.stderr.contains(
                "<stdin>:9:66: error: spec.destination.namespace: The traffic target namespace (curl) must match spec.Destination.Namespace (tcp-demo)"
            ), "\(inMesh.stderr)")
        let outside = await CLIRun(["-f", "-", "get", "traffictarget", "-A"], stdin: target("plain"))
        #expect(outside.code == 0, "\(outside.stderr)")
        #expect(outside.stdout.contains("Ignored: namespace plain is not in the mesh"), "\(outside.stdout)")
    }

    /// Issue 11, point 8, after cmd/osm-bootstrap/crds/smi_traffic_access.yaml and
    /// smi_tcp_route.yaml (v1.2.4): what the CRDs accept is accepted, what they refuse refused.
    @Test func validationFollowsTheCRDsBothWays() async {
        func target(_ spec: String) -> String {
            "apiVersion: access.smi-spec.io/v1alpha3\nkind: TrafficTarget\nmetadata: {name: t, namespace: tcp-demo}\nspec:\n"
                + spec
        }
        let destination = "  destination: {kind: ServiceAccount, name: tcp-echo, namespace: tcp-demo}\n"
        let rules = "  rules: [{kind: TCPRoute, name: tcp-echo-route}]\n"
        // sources is required but may be empty; a source's namespace is optional.
        let empty = await CLIRun(["validate", "-f", "-"], stdin: target(destination + "  sources: []\n" + rules))
        #expect(empty.code == 0, "\(empty.stderr)")
        let noNamespace = await CLIRun(
            ["validate", "-f", "-"], stdin: target(destination + "  sources: [{kind: ServiceAccount, name: curl}]\n" + rules))
        #expect(noNamespace.code == 0, "\(noNamespace.stderr)")
        // rules is required, and a rule's kind is HTTPRouteGroup, TCPRoute or UDPRoute.
        let noRules = await CLIRun(["validate", "-f", "-"], stdin: target(destination + "  sources: []\n"))
        #expect(noRules.code == 2)
        #expect(noRules.stderr.contains("error: spec.rules: required field is missing"), "\(noRules.stderr)")
        let badKind = await CLIRun(
            ["validate", "-f", "-"], stdin: target(destination + "  sources: []\n  rules: [{kind: GRPCRoute, name: g}]\n"))
        #expect(badKind.code == 2)
        #expect(
            badKind.stderr.contains(
                "spec.rules[0].kind: Unsupported value: \"GRPCRoute\": supported values: \"HTTPRouteGroup\", \"TCPRoute\", \"UDPRoute\""
            ),
            "\(badKind.stderr)")
        // A TCPRoute's matches.ports is required.
        let route = await CLIRun(
            ["validate", "-f", "-"],
            stdin:
                "apiVersion: specs.smi-spec.io/v1alpha4\nkind: TCPRoute\nmetadata: {name: r, namespace: tcp-demo}\nspec:\n  matches: {name: m}\n"
        )
        #expect(route.code == 2)
        #expect(route.stderr.contains("error: spec.matches.ports: required field is missing"), "\(route.stderr)")
    }
}
