import Testing

@testable import Presentation

/// Expected against actual: the comparison that decides the walkthrough's exit code. Each
/// near miss below must be caught, or a broken step would pass.
@Suite struct WalkthroughExpectationTests {
    let getOutput = [
        "NAME               TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)    AGE",
        "service/tcp-echo   ClusterIP   10.101.166.71   <none>        9000/TCP   0s",
        "",
        "NAME                            READY   STATUS    RESTARTS   AGE",
        "pod/tcp-echo-h9lf6sqbfk-47gpn   2/2     Running   0          0s",
    ]
    let table = WalkthroughExpectation.table([
        ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
        ["service/tcp-echo", "ClusterIP", "10.*", "<none>", "9000/TCP", "*"],
        ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
        ["pod/tcp-echo-*-*", "2/2", "Running", "0", "*"],
    ])

    @Test func outputMustBeEveryLineExactly() {
        let expect = WalkthroughExpectation.output(["echo response: hello"])
        #expect(expect.matches(["echo response: hello"]))
        #expect(
            expect.mismatch(["command terminated with exit code 1"])
                == "expected \"echo response: hello\", got \"command terminated with exit code 1\"")
        #expect(!expect.matches(["echo response: hello "]))
        #expect(!expect.matches(["echo response: hello", ""]))
        #expect(!expect.matches([]))
        #expect(!expect.matches(["echo response: echo"]))
        let two = WalkthroughExpectation.output(["a created", "b created"])
        #expect(!two.matches(["b created", "a created"]))
        #expect(!two.matches(["a created"]))
    }

    @Test func mismatchesAreEscapedForTheTerminal() {
        let expect = WalkthroughExpectation.output(["ok"])
        #expect(expect.mismatch(["\u{1B}[2J"]) == "expected \"ok\", got \"\\e[2J\"")
    }

    @Test func tablesMatchCellByCellWithWildcards() {
        #expect(table.matches(getOutput))
        // A pod without its sidecar: the namespace was not in the mesh.
        #expect(
            table.mismatch(getOutput.map { $0.replacingOccurrences(of: "2/2", with: "1/1") })
                == "row 4: expected \"pod/tcp-echo-*-*   2/2   Running   0   *\", got \"pod/tcp-echo-h9lf6sqbfk-47gpn   1/1     Running   0          0s\""
        )
        // A second replica, a missing service, an extra column, a header that changed.
        #expect(
            table.mismatch(getOutput + ["pod/tcp-echo-h9lf6sqbfk-abcde   2/2     Running   0          0s"])?
                .hasPrefix("expected 4 table rows, got 5") == true)
        #expect(!table.matches(Array(getOutput.dropFirst(2))))
        #expect(!table.matches(getOutput.map { $0.hasPrefix("pod/") ? $0 + "   extra" : $0 }))
        #expect(!table.matches(getOutput.map { $0.replacingOccurrences(of: "PORT(S)", with: "PORTS") }))
        #expect(!table.matches(getOutput.map { $0.replacingOccurrences(of: "10.101.166.71", with: "<none>") }))
        #expect(
            !table.matches(getOutput.map { $0.replacingOccurrences(of: "pod/tcp-echo-h9lf6sqbfk-47gpn", with: "pod/tcp-echo") }))
    }

    @Test func globStarMatchesAnyRunOfCharacters() {
        #expect(Glob.matches("*", ""))
        #expect(Glob.matches("*", "0s"))
        #expect(Glob.matches("10.*", "10.96.0.1"))
        #expect(!Glob.matches("10.*", "110.96.0.1"))
        #expect(Glob.matches("pod/tcp-echo-*-*", "pod/tcp-echo-h9lf6sqbfk-47gpn"))
        #expect(!Glob.matches("pod/tcp-echo-*-*", "pod/tcp-echo-h9lf6sqbfk"))
        #expect(Glob.matches("a*b*c", "aXXbYYbZc"))
        #expect(!Glob.matches("a*b*c", "aXXbYYbZ"))
        #expect(Glob.matches("Running", "Running"))
        #expect(!Glob.matches("Running", "Runnin"))
        #expect(!Glob.matches("Runnin", "Running"))
    }
}
