import Foundation
import Testing
import MeshModel
import ConnectionEngine
@testable import Dashboard

/// The walkthrough, driven with the dashboard's keys against the real data plane.
@Suite struct DashboardWalkthroughTests {
    @Test func enterPEnterAEnterQ() async throws {
        let cluster = Scenario.walkthrough()
        let engine = try await MeshEngine.start(cluster)
        let backend = TestBackend(script: [
            .waitFor("PERMISSIVE"),
            .key(.enter), .waitFor("ALLOWED"), .waitFor("echo response: hello"),
            .key(.character("p")), .waitFor(" SMI "),
            .key(.enter), .waitFor("DENIED"),
            .key(.character("a")), .waitFor("traffictarget.access.smi-spec.io/tcp-access created"),
            .key(.enter), .waitFor("2 allowed"),
            .resize(40, 10), .waitFor("80x24 (now 40x10)"), .resize(120, 40), .waitFor("Probe log"),
            .key(.character("q")),
        ])
        let app = DashboardApp(backend: backend, cluster: cluster, engine: engine)
        let status = await app.runOnDedicatedThread()
        try await engine.shutdown()
        #expect(backend.failure == nil, "\(backend.failure ?? "")")
        #expect(status == 0)
        #expect(app.state.allowed == 2 && app.state.denied == 1)
    }
}
