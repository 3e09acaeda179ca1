import Foundation
import MeshDeckCLI
import MeshDeckTestSupport
import Testing

/// `meshdeck export`: what an operator gets on stdout and in the folder, and what it refuses.
@Suite struct ExportCLITests {
    func tempDir() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID())") }

    func names(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    @Test func withoutAFolderTheManifestsGoToStdoutInApplyOrder() async {
        let run = await CLIRun(["export", "--bundle", "smi-policy"])
        #expect(run.code == 0)
        #expect(
            run.stdout.hasPrefix(
                "# Written by meshdeck export: the MeshDeck scenario, in apply order (kubectl apply -f -).\napiVersion: v1\nkind: Namespace\n"
            ))
        let kinds = run.stdout.split(separator: "\n").filter { $0.hasPrefix("kind: ") }.map { String($0.dropFirst(6)) }
        #expect(
            kinds == [
                "Namespace", "Namespace", "Namespace", "ServiceAccount", "ServiceAccount", "Service",
                "Deployment", "Deployment", "MeshConfig", "TCPRoute", "TrafficTarget",
            ])
        // What kubectl apply -f - would create, read back by MeshDeck itself.
        let back = await CLIRun(["validate", "--empty", "-f", "-"], stdin: run.stdout)
        #expect(back.code == 0)
        #expect(back.stdout.contains("namespace/tcp-demo created\n"))
        #expect(back.stdout.hasSuffix("traffictarget.access.smi-spec.io/tcp-access created"))
    }

    @Test func outputDirWritesNumberedFilesAndAReadmeWithTheSteps() async throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = await CLIRun(["export", "--output-dir", dir.path, "--permissive", "off", "--bundle", "smi-policy"])
        #expect(run.code == 0)
        #expect(
            names(dir) == [
                "00-namespaces.yaml", "10-serviceaccounts.yaml", "20-services.yaml", "30-deployments.yaml",
                "40-meshconfig.yaml", "50-smi-routes.yaml", "60-smi-traffictargets.yaml", "README.md",
            ])
        #expect(
            run.stdout.hasPrefix(
                "wrote \(dir.path)/00-namespaces.yaml (namespace/curl, namespace/osm-system, namespace/tcp-demo)\n"))
        #expect(run.stdout.hasSuffix("next: install the mesh, then: kubectl apply -f \(dir.path)"))
        #expect(run.stderr.isEmpty)
        let readme = try String(contentsOf: dir.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("osm install --mesh-name osm --osm-namespace osm-system"))
        #expect(readme.contains("kubectl apply -f .\nkubectl rollout status -n curl deploy/curl\n"))
        #expect(
            readme.contains(
                """
                kubectl exec -n curl deploy/curl -c curl -- sh -c 'echo hello | nc tcp-echo.tcp-demo 9000'
                # expected: echo response: hello
                # MeshDeck: ALLOWED, TrafficTarget tcp-demo/tcp-access allows ServiceAccount curl/curl on port 9000
                """))
        #expect(readme.contains("fsm namespace add curl tcp-demo"))
        #expect(readme.contains("(permissive mode off, egress on)"))
        // The folder is what MeshDeck loads back, with the same verdict.
        let explain = await CLIRun([
            "-f", dir.path, "--empty", "explain", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000",
        ])
        #expect(explain.code == 0)
    }

    @Test func theReadmeExpectsWhatTheScenarioDoes() async throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(await CLIRun(["export", "--output-dir", dir.path, "--permissive", "off"]).code == 0)
        let readme = try String(contentsOf: dir.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("# expected: command terminated with exit code 1\n# MeshDeck: DENIED, SMI mode (permissive off)"))
    }

    @Test func aFolderWithOtherFilesIsRefusedUnlessForced() async throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "mine".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try "kind: Secret".write(to: dir.appendingPathComponent("app.yaml"), atomically: true, encoding: .utf8)
        let refused = await CLIRun(["export", "--output-dir", dir.path])
        #expect(refused.code == 2)
        #expect(
            refused.stderr.hasPrefix(
                "error: '\(dir.path)' holds files meshdeck export did not write (app.yaml, notes.txt); kubectl apply -f \(dir.path) would apply those too"
            ))
        #expect(refused.stderr.contains("hint: export into a new or empty folder, or pass --force"))
        #expect(names(dir) == ["app.yaml", "notes.txt"])
        let forced = await CLIRun(["export", "--output-dir", dir.path, "--force"])
        #expect(forced.code == 0)
        #expect(names(dir).contains("notes.txt") && names(dir).contains("00-namespaces.yaml"))
        #expect(try String(contentsOf: dir.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
        #expect(
            forced.stderr
                == "warning: \(dir.path)/app.yaml is not from this export; kubectl apply -f \(dir.path) will apply it too")
    }

    @Test func aFileWithAnExportNameButNotFromExportIsNotOverwrittenSilently() async throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "# my services\n".write(to: dir.appendingPathComponent("20-services.yaml"), atomically: true, encoding: .utf8)
        #expect(await CLIRun(["export", "--output-dir", dir.path]).code == 2)
        #expect(try String(contentsOf: dir.appendingPathComponent("20-services.yaml"), encoding: .utf8) == "# my services\n")
        let forced = await CLIRun(["export", "--output-dir", dir.path, "--force"])
        #expect(forced.code == 0)
        #expect(forced.stderr == "warning: overwrote \(dir.path)/20-services.yaml, which meshdeck export did not write")
    }

    @Test func exportingAgainReplacesItsOwnFilesAndDropsStaleOnes() async {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(await CLIRun(["export", "--output-dir", dir.path, "--bundle", "smi-policy"]).code == 0)
        #expect(names(dir).count == 8)
        let again = await CLIRun(["export", "--output-dir", dir.path])
        #expect(again.code == 0)
        #expect(
            again.stdout.hasPrefix(
                "removed \(dir.path)/50-smi-routes.yaml (from an earlier export; not in this scenario)\nremoved \(dir.path)/60-smi-traffictargets.yaml"
            ))
        #expect(!names(dir).contains("50-smi-routes.yaml"))
        #expect(names(dir).count == 6)
    }

    @Test func badOutputsAndEmptyClustersAreRefused() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-dir-\(UUID())")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let notDir = await CLIRun(["export", "--output-dir", file.path])
        #expect(notDir.code == 2)
        #expect(notDir.stderr.hasPrefix("error: '\(file.path)' exists and is not a folder"))
        let empty = await CLIRun(["export", "--empty"])
        #expect(empty.code == 2)
        #expect(empty.stderr == "error: nothing to export: the cluster holds only what every cluster has")
    }

    @Test func aDumpedClusterIsExportedWithoutWhatTheClusterOwns() async {
        let run = await CLIRun(["-f", Fixtures.path("kubectl-get-walkthrough.yaml"), "--empty", "export"])
        #expect(run.code == 0)
        #expect(!run.stdout.contains("uid:") && !run.stdout.contains("clusterIP") && !run.stdout.contains("last-applied"))
        #expect(!run.stdout.contains("kubernetes.io/metadata.name"))
        #expect(
            run.stderr.contains(
                "note: not exported (osm install creates the mesh's control plane): ServiceAccount osm-system/osm, "))
        #expect(
            run.stderr.contains("note: not exported (kube-system belongs to the cluster): ServiceAccount kube-system/coredns, "))
        #expect(run.stderr.contains("note: not exported (the API server's own Service): Service default/kubernetes"))
    }
}
