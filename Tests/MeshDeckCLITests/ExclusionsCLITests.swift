import Foundation
import MeshDeckCLI
import MeshDeckTestSupport
import Testing

/// Issue 11, point 4: traffic a sidecar does not intercept (OSM v1.2.4
/// pkg/injector/iptables.go: RETURN rules ahead of the redirect; pkg/injector/exclusions.go
/// merges the MeshConfig's lists with the pod's annotations), after
/// tests/e2e/e2e_port_exclusion_test.go and e2e_ip_exclusion_test.go.
@Suite struct ExclusionsCLITests {
    static func meshConfig(_ traffic: String) -> String {
        """
        apiVersion: config.openservicemesh.io/v1alpha2
        kind: MeshConfig
        metadata: {name: osm-mesh-config, namespace: osm-system}
        spec:
          traffic:
            enablePermissiveTrafficPolicyMode: true
            enableEgress: false
        \(traffic.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        """
    }

    func explain(_ yaml: String, to: String = "tcp-echo.tcp-demo:9000") async -> CLIRun {
        await CLIRun(["-f", "-", "explain", "--from", "curl/curl", "--to", to], stdin: yaml)
    }

    /// An excluded outbound port leaves in plaintext, and a meshed server's sidecar refuses it.
    @Test func anOutboundPortExclusionSendsPlaintextThatAMeshedServerRefuses() async {
        let run = await explain(Self.meshConfig("outboundPortExclusionList: [9000]"))
        #expect(run.code == 1)
        #expect(run.stdout.contains("where:  server sidecar"))
        #expect(
            run.stdout.contains(
                "reason: curl/curl's sidecar is bypassed (port 9000 is in MeshConfig osm-system/osm-mesh-config spec.traffic.outboundPortExclusionList)"
            ), "\(run.stdout)")
    }

    /// The pod's annotation counts as the MeshConfig's list does, and names itself.
    @Test func thePodsOwnAnnotationExcludesToo() async {
        let curl = WalkthroughManifestsText.curlWithAnnotation("openservicemesh.io/outbound-port-exclusion-list: \"9000\"")
        let run = await explain(curl)
        #expect(run.code == 1)
        #expect(
            run.stdout.contains("(port 9000 is in pod annotation openservicemesh.io/outbound-port-exclusion-list)"),
            "\(run.stdout)")
    }

    /// Only the server's port excluded: the client sidecar's mTLS reaches the app itself.
    @Test func anInboundExclusionAloneBreaksTheMeshPath() async {
        let run = await explain(Self.meshConfig("inboundPortExclusionList: [9000]"))
        #expect(run.code == 1)
        #expect(run.stdout.contains("where:  client sidecar"))
        #expect(
            run.stdout.contains(
                "bypasses its sidecar (port 9000 is in MeshConfig osm-system/osm-mesh-config spec.traffic.inboundPortExclusionList)"
            ))
    }

    /// Both sides excluded (an IP range on the way out, the port on the way in): plain TCP.
    @Test func bothSidesExcludedIsPlainTCP() async {
        let run = await explain(Self.meshConfig("outboundIPRangeExclusionList: [10.0.0.0/8]\ninboundPortExclusionList: [9000]"))
        #expect(run.code == 0, "\(run.stdout)")
        #expect(run.stdout.contains("where:  network"))
        #expect(
            run.stdout.contains(
                "is in 10.0.0.0/8, from MeshConfig osm-system/osm-mesh-config spec.traffic.outboundIPRangeExclusionList"))
    }

    /// Excluded traffic to a server outside the mesh never meets the client sidecar, so egress
    /// being off does not stop it.
    @Test func anExcludedPortReachesOutsideTheMeshWithEgressOff() async {
        let run = await explain(
            Self.meshConfig("outboundPortExclusionList: [9000]") + "\n---\n" + TestManifests.outside, to: "echo.outside:9000")
        #expect(run.code == 0, "\(run.stdout)")
        #expect(run.stdout.contains("excluded from interception: it leaves curl/curl without its sidecar"))
    }

    /// pkg/injector/exclusions.go getPortExclusionListForPod: "Invalid port value" fails the pod.
    @Test func aBadExclusionAnnotationFailsThePod() async {
        let curl = WalkthroughManifestsText.curlWithAnnotation("openservicemesh.io/outbound-port-exclusion-list: \"90x\"")
        let run = await explain(curl)
        #expect(run.code == 2)
        #expect(
            run.stderr.contains(
                "Invalid port value '90x' specified for annotation 'openservicemesh.io/outbound-port-exclusion-list'"),
            "\(run.stderr)")
    }

    /// A MeshConfig range that is not a CIDR is refused at its line.
    @Test func aBadRangeInTheMeshConfigIsRefused() async {
        let run = await CLIRun(["validate", "-f", "-"], stdin: Self.meshConfig("outboundIPRangeExclusionList: [10.0.0.0]"))
        #expect(run.code == 2)
        #expect(
            run.stderr.contains("spec.traffic.outboundIPRangeExclusionList[0]: '10.0.0.0' is not an IPv4 CIDR range"),
            "\(run.stderr)")
    }
}

/// The walkthrough's curl Deployment with one more pod-template annotation.
enum WalkthroughManifestsText {
    static func curlWithAnnotation(_ annotation: String) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: curl, namespace: curl}
        spec:
          selector: {matchLabels: {app: curl}}
          template:
            metadata:
              labels: {app: curl}
              annotations: {\(annotation)}
            spec:
              serviceAccountName: curl
              containers: [{name: curl, image: curlimages/curl, command: [sleep, 365d]}]
        """
    }
}
