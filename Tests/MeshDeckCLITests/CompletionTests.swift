import Dashboard
import Foundation
import MeshDeckCLI
import MeshDeckTestSupport
import Testing

@testable import Presentation

/// `meshdeck completion bash|zsh|fish`, and the completions the script asks the binary for.
@Suite struct CompletionTests {
    func tempDir() async throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("completion-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs a shell (or any program) on a script, from `directory`.
    func shell(_ program: String, _ arguments: [String], in directory: URL? = nil) async throws -> (Int32, String, String) {
        try await Spawn.run(program, arguments, directory: directory?.path).tuple
    }

    /// What bash offers for `line` (the cursor at its end) with the script loaded, as a user
    /// pressing Tab would see it.
    func bashCompletes(_ line: String, in directory: URL? = nil) async throws -> [String] {
        let dir = try await tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("meshdeck.bash")
        try await Binary.run(["completion", "bash"]).1.write(to: script, atomically: true, encoding: .utf8)
        let driver = """
            source "$1"
            read -ra COMP_WORDS <<< "$2"
            [[ "$2" == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMP_LINE="$2"
            COMP_POINT=${#COMP_LINE}
            _meshdeck "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let (code, out, err) = try await shell(
            "/bin/bash", ["-c", driver, "bash", script.path, Binary.url.path + " " + line], in: directory)
        #expect(code == 0, "\(err)")
        return out.split(separator: "\n").map(String.init)
    }

    @Test func theBashScriptIsValidBash() async throws {
        let dir = try await tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (code, script, _) = try await Binary.run(["completion", "bash"])
        #expect(code == 0)
        let file = dir.appendingPathComponent("meshdeck.bash")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let (syntax, _, err) = try await shell("/bin/bash", ["-n", file.path])
        #expect(syntax == 0, "\(err)")
        #expect(script.contains("complete -o filenames -F _meshdeck meshdeck"))
    }

    @Test func zshAndFishScriptsAreProduced() async throws {
        let (zshCode, zsh, _) = try await Binary.run(["completion", "zsh"])
        #expect(zshCode == 0)
        #expect(zsh.hasPrefix("#compdef meshdeck"))
        let (fishCode, fish, _) = try await Binary.run(["completion", "fish"])
        #expect(fishCode == 0)
        #expect(fish.contains("complete -c 'meshdeck'") || fish.contains("complete -c meshdeck"))
        // Checked further only where the shell is installed; CI does not install them.
        for (shellPath, script) in [("/usr/bin/zsh", zsh), ("/usr/bin/fish", fish)]
        where FileManager.default.isExecutableFile(atPath: shellPath) {
            let dir = try await tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("script")
            try script.write(to: file, atomically: true, encoding: .utf8)
            #expect(try await shell(shellPath, ["-n", file.path]).0 == 0, "\(shellPath)")
        }
    }

    @Test func anUnknownShellIsRefused() async {
        let run = await CLIRun(["completion", "tcsh"])
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("error: 'tcsh' is not bash, zsh or fish"))
    }

    @Test func theCallbackOffersTheWalkthroughsWorkloadsAndPorts() async throws {
        // As the bash script calls it: ---completion COMMAND -- OPTION WORD-INDEX CURSOR WORDS…
        let (code, from, _) = try await Binary.run([
            "---completion", "explain", "--", "--from", "3", "0", "meshdeck", "explain", "--from", "",
        ])
        #expect(code == 0)
        #expect(from.split(separator: "\n") == ["curl/curl", "tcp-demo/tcp-echo"])
        let (_, to, _) = try await Binary.run([
            "---completion", "probe", "--", "--to", "3", "3", "meshdeck", "probe", "--to", "tcp",
        ])
        #expect(to.split(separator: "\n") == ["tcp-echo.tcp-demo:9000"])
    }

    @Test func theCallbackLoadsTheLinesOwnFilesAndEmpty() async throws {
        let dump = Fixtures.path("kubectl-get-walkthrough.yaml")
        let words = ["meshdeck", "load", "-f", "'\(dump)'", "--empty", "--to", ""]
        let (_, to, _) = try await Binary.run(["---completion", "load", "--", "--to", "6", "0"] + words)
        let offered = to.split(separator: "\n").map(String.init)
        #expect(offered.contains("kube-dns.kube-system:53"))
        #expect(offered.filter { $0 == "kube-dns.kube-system:53" }.count == 1)
        #expect(offered.contains("tcp-echo.tcp-demo:9000"))
        let (_, empty, _) = try await Binary.run([
            "---completion", "explain", "--", "--from", "4", "0", "meshdeck", "explain", "--empty", "--from", "",
        ])
        #expect(empty.split(separator: "\n").isEmpty)
        // A line that does not load offers nothing rather than the walkthrough's names.
        let (_, broken, _) = try await Binary.run([
            "---completion", "explain", "--", "--from", "5", "0", "meshdeck", "explain", "-f", "/nonexistent.yaml", "--from", "",
        ])
        #expect(broken.split(separator: "\n").isEmpty)
    }

    @Test func theCallbackNeverReadsStandardInput() async throws {
        let extra = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: extra, namespace: curl}
            spec:
              selector: {matchLabels: {app: extra}}
              template:
                metadata: {labels: {app: extra}}
                spec: {containers: [{name: c, image: busybox}]}
            """
        let words = ["meshdeck", "explain", "-f", "-", "--from", ""]
        let (_, from, _) = try await Binary.run(["---completion", "explain", "--", "--from", "5", "0"] + words, stdin: extra)
        #expect(from.split(separator: "\n") == ["curl/curl", "tcp-demo/tcp-echo"])
    }

    @Test func bashOffersFromToAndNamespacesFromTheCluster() async throws {
        #expect(try await bashCompletes("explain --from ") == ["curl/curl", "tcp-demo/tcp-echo"])
        #expect(try await bashCompletes("probe --from curl/curl --to tcp") == ["tcp-echo.tcp-demo:9000"])
        #expect(try await bashCompletes("get -n tcp") == ["tcp-demo"])
        let dump = Fixtures.path("kubectl-get-walkthrough.yaml")
        #expect(try await bashCompletes("explain -f \(dump) --empty --from kube").contains("kube-system/coredns"))
    }

    @Test func bashOffersTheShippedThemes() async throws {
        #expect(try await bashCompletes("dashboard --theme ") == BuiltinThemes.all.map(\.name))
        #expect(BuiltinThemes.all.map(\.name) == ["default", "light", "high-contrast", "deuteranopia", "monochrome"])
    }

    @Test func bashOffersManifestsAndFoldersForDashF() async throws {
        let dir = try await tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["a.yaml", "b.yml", "c.json", "notes.txt"] {
            try "x".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("manifests"), withIntermediateDirectories: true)
        #expect(try await bashCompletes("get -f ", in: dir).sorted() == ["a.yaml", "b.yml", "c.json", "manifests"])
    }
}
