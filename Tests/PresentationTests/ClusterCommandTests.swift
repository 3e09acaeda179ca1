import Foundation
import MeshModel
import Testing

@testable import Presentation

/// The kubectl/osm voice: each command's line and what the real tool prints, success and refusal,
/// and that a refusal changes nothing.
@Suite struct ClusterCommandTests {
    var cluster = Scenario.walkthrough()

    @Test mutating func aPatchThatChangesNothingSaysSoAsKubectlDoes() {
        let command = ClusterCommand.patchMeshConfig(.permissive, true)
        #expect(
            command.commandLine
                == #"kubectl patch meshconfig osm-mesh-config -n osm-system -p '{"spec":{"traffic":{"enablePermissiveTrafficPolicyMode":true}}}' --type=merge"#
        )
        let unchanged = command.perform(on: &cluster)
        #expect(unchanged.output == ["meshconfig.config.openservicemesh.io/osm-mesh-config patched (no change)"])
        #expect(!unchanged.changed && !unchanged.failed)
        let changed = ClusterCommand.patchMeshConfig(.permissive, false).perform(on: &cluster)
        #expect(changed.output == ["meshconfig.config.openservicemesh.io/osm-mesh-config patched"])
        #expect(changed.changed && !cluster.isPermissive)
    }

    @Test mutating func osmNamespaceAddAndRemoveSpeakAsTheOsmCLI() {
        #expect(
            ClusterCommand.addToMesh("default").perform(on: &cluster).output == [
                "Namespace [default] successfully added to mesh [osm]"
            ])
        #expect(
            ClusterCommand.removeFromMesh("default").perform(on: &cluster).output == [
                "Namespace [default] successfully removed from mesh [osm]"
            ])
        // cmd/cli/namespace_remove.go: a namespace outside the mesh is not an error.
        let again = ClusterCommand.removeFromMesh("default").perform(on: &cluster)
        #expect(again.output == ["Namespace [default] already does not belong to any mesh"])
        #expect(!again.failed && !again.changed)
        let missing = ClusterCommand.addToMesh("nowhere").perform(on: &cluster)
        #expect(
            missing.failed && missing.output == [#"Error: Could not label namespace [nowhere]: namespaces "nowhere" not found"#])
    }

    @Test mutating func refusalsNameTheMissingObjectAsTheAPIServerDoes() {
        let before = cluster
        let scale = ClusterCommand.scale(ObjectKey(namespace: "tcp-demo", name: "nope"), replicas: 2)
        #expect(scale.commandLine == "kubectl scale deployment nope -n tcp-demo --replicas=2")
        #expect(scale.perform(on: &cluster).output == [#"Error from server (NotFound): deployments.apps "nope" not found"#])
        let delete = ClusterCommand.delete(.trafficTarget, ObjectKey(namespace: "tcp-demo", name: "nope"))
        #expect(
            delete.perform(on: &cluster).output == [
                #"Error from server (NotFound): traffictargets.access.smi-spec.io "nope" not found"#
            ])
        #expect(cluster == before)
    }

    @Test mutating func aBrokenApplyChangesNothingAndCountsItsProblems() {
        let before = cluster
        let decoded = ManifestDecoder(defaultNamespace: nil).decode("kind: TCPRoute\nmetadata: {}\n", file: "bad.yaml")
        let result = ClusterCommand.apply(source: "bad.yaml", decoded).perform(on: &cluster)
        #expect(result.failed && cluster == before)
        #expect(result.output.last?.hasSuffix("nothing was applied") == true)
        #expect(result.problems.first?.hasPrefix("bad.yaml:") == true)
    }
}
