import MeshDeckTestSupport
import Testing

@testable import MeshModel

/// The manifests as text: the order kubectl reads them in, and strings that must stay strings.
@Suite struct ManifestExportTests {
    @Test func filesAreNumberedInApplyOrderAndEmptyOnesAreNotWritten() throws {
        var cluster = Scenario.walkthrough()
        try cluster.apply(TestManifests.decode(Scenario.bundle(named: "smi-policy")!.yaml))
        let export = ManifestExport(cluster)
        #expect(
            export.files.map(\.name) == [
                "00-namespaces.yaml", "10-serviceaccounts.yaml", "20-services.yaml",
                "30-deployments.yaml", "40-meshconfig.yaml", "50-smi-routes.yaml",
                "60-smi-traffictargets.yaml",
            ])
        #expect(export.files.map(\.name) == export.files.map(\.name).sorted())
        #expect(export.files.allSatisfy { $0.text.hasPrefix("# \(ManifestExport.marker)") })
        #expect(ManifestExport(Scenario.walkthrough()).files.count == 5)
        #expect(ManifestExport(Cluster.empty()).files.isEmpty)
        #expect(export.leftOut.isEmpty)
    }

    @Test func theWalkthroughNamespacesAndServiceReadAsTheGuideWritesThem() {
        let files = ManifestExport(Scenario.walkthrough()).files
        #expect(
            files[0].text.contains(
                """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: tcp-demo
                  labels:
                    openservicemesh.io/monitored-by: osm
                  annotations:
                    openservicemesh.io/sidecar-injection: enabled

                """))
        // No ClusterIP: the API server allocates one.
        #expect(
            files[2].text.hasSuffix(
                """
                spec:
                  ports:
                  - name: tcp
                    port: 9000
                    protocol: TCP
                    appProtocol: tcp
                  selector:
                    app: tcp-echo

                """))
        #expect(files[3].text.contains("        args:\n        - --port\n        - '9000'\n"))
    }

    @Test func stringsAYAMLReaderWouldMisreadAreQuoted() {
        for word in ["y", "N", "yes", "on", "Off", "true", "null", "~", "", "1", "0x1F", "1e3", "2026-11-24", "="] {
            #expect(YAMLNodes.serialize(YAMLNodes.text(word)) == "'\(word)'\n", "\(word)")
        }
        for word in ["osm", "365d", "--port", "v1.2.4", "openservicemesh/tcp-echo-server:latest"] {
            #expect(YAMLNodes.serialize(YAMLNodes.text(word)) == "\(word)\n", "\(word)")
        }
    }
}
