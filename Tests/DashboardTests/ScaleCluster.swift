import MeshDeckTestSupport
import MeshModel

@testable import Dashboard

/// A cluster the size operators load (issue 13): the walkthrough plus `GeneratedMesh`.
enum ScaleCluster {
    static let perNamespace = GeneratedMesh.perNamespace

    static func make(namespaces: Int, firstReplicas: Int = 1) throws -> Cluster {
        var cluster = Scenario.walkthrough()
        try cluster.apply(GeneratedMesh.resources(namespaces: namespaces, firstReplicas: firstReplicas))
        return cluster
    }

    /// 10,000 pods (1,000 namespaces), built once for the suite.
    static let tenThousandPods: Cluster = try! make(namespaces: 1_000)
}
