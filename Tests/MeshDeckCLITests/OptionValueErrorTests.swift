import MeshDeckCLI
import Testing

/// A bad option value is refused naming the option, the value and what was expected, exit 2,
/// before anything starts; `-1` is read as a value, not as an option.
@Suite struct OptionValueErrorTests {
    static let walk = ["--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000"]

    @Test(arguments: [
        (["probe"] + walk + ["--timeout", "-1"], "error: --timeout: '-1' is not a positive number of seconds"),
        (["probe"] + walk + ["--timeout", "soon"], "error: --timeout: 'soon' is not a positive number of seconds"),
        (["probe"] + walk + ["--timeout", "301"], "error: --timeout: '301' is more than 300 seconds"),
        (["load"] + walk + ["--timeout", "0"], "error: --timeout: '0' is not a positive number of seconds"),
        (["load"] + walk + ["--count", "-5"], "error: --count: '-5' is not a whole number from 1 to 10000000"),
        (["load"] + walk + ["--count", "1e3"], "error: --count: '1e3' is not a whole number from 1 to 10000000"),
        (["load"] + walk + ["--concurrency", "0"], "error: --concurrency: '0' is not a whole number from 1 to 4096"),
        (["explain"] + walk + ["--permissive", "maybe"], "error: --permissive: 'maybe' is not on or off"),
        (["get", "--egress", "yes"], "error: --egress: 'yes' is not on or off"),
        (["matrix", "--bundle", "nope"], "error: --bundle: unknown bundle 'nope'; bundles: smi-policy"),
        (["walkthrough", "--lang", "fr"], "error: --lang: unknown language 'fr'; languages: en, zh"),
    ])
    func badValueIsNamed(arguments: [String], expected: String) async {
        let run = await CLIRun(arguments)
        #expect(run.code == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == expected + "\nSee 'meshdeck \(arguments[0]) --help' for usage.")
    }

    @Test func aMissingValueIsStillReportedAsMissing() async {
        let run = await CLIRun(["probe"] + Self.walk + ["--timeout"])
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("error: missing value for '--timeout <S>'"))
    }

    @Test func aMessageMayBeginWithADash() async {
        let run = await CLIRun(["probe"] + Self.walk + ["--message", "-v"])
        #expect(run.code == 0)
        #expect(run.stdout == "echo response: -v")
    }

    @Test func goodValuesStillWork() async {
        let run = await CLIRun(["load"] + Self.walk + ["--count", "20", "--concurrency", "4", "--timeout", "1.5", "--json"])
        #expect(run.code == 0)
        #expect(run.stdout.contains("\"requested\":20"))
        #expect(await CLIRun(["explain"] + Self.walk + ["--permissive", "off"]).code == 1)
    }
}
