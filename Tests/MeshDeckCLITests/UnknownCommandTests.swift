import MeshDeckCLI
import Testing

/// A mistyped command is named, with the command that was probably meant, as kubectl does;
/// it no longer falls through to the dashboard (the default command) and its usage.
@Suite struct UnknownCommandTests {
    @Test func aMistypedCommandIsNamedWithWhatWasMeant() async {
        let run = await CLIRun(["explian", "--from", "curl/curl"])
        #expect(run.code == 2)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr == """
                error: unknown command "explian" for "meshdeck"

                Did you mean this?
                \texplain

                Run 'meshdeck --help' for usage.
                """)
    }

    @Test func afterLeadingCommonOptionsToo() async {
        let run = await CLIRun(["-f", "state.yaml", "--empty", "gte", "svc"])
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("error: unknown command \"gte\" for \"meshdeck\"\n\nDid you mean this?\n\tget\n"))
    }

    @Test func noSuggestionWhenNothingIsClose() async {
        let run = await CLIRun(["frobnicate"])
        #expect(run.code == 2)
        #expect(run.stderr == "error: unknown command \"frobnicate\" for \"meshdeck\"\n\nRun 'meshdeck --help' for usage.")
    }

    @Test func helpForACommandThatDoesNotExist() async {
        let run = await CLIRun(["help", "valdiate"])
        #expect(run.code == 2)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr.hasPrefix("error: unknown command \"valdiate\" for \"meshdeck help\"\n\nDid you mean this?\n\tvalidate"))
        let known = await CLIRun(["help", "validate"])
        #expect(known.code == 0)
        #expect(known.stdout.contains("USAGE: meshdeck validate"))
    }

    @Test func whatIsTypedIsEscapedBeforeItIsShown() async {
        let run = await CLIRun(["\u{1B}[2Jexplain"])
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("error: unknown command \"\\e[2Jexplain\" for \"meshdeck\""))
    }
}

/// ArgumentParser's errors read like every other MeshDeck error: `error: …`, then where the
/// command's usage is, instead of a capitalised message and a usage synopsis of 200 columns.
@Suite struct UsageErrorTextTests {
    @Test func anUnknownOptionNamesItAndTheCommandsHelp() async {
        let run = await CLIRun(["get", "--frobnicate"])
        #expect(run.code == 2)
        #expect(run.stderr == "error: unknown option '--frobnicate'\nSee 'meshdeck get --help' for usage.")
        // ArgumentParser's suggestion of a near option is kept.
        #expect(await CLIRun(["get", "--jsn"]).stderr.hasPrefix("error: unknown option '--jsn'. Did you mean '--json'?\n"))
    }

    @Test func aValidationErrorFromACommandGetsTheSameForm() async {
        let run = await CLIRun(["bundle", "nope"])
        #expect(run.code == 2)
        #expect(run.stderr == "error: unknown bundle 'nope'; bundles: smi-policy\nSee 'meshdeck bundle --help' for usage.")
    }

    @Test func withoutACommandTheDashboardsHelpIsMeant() async {
        let run = await CLIRun(["--theme"])
        #expect(run.code == 2)
        #expect(run.stderr == "error: missing value for '--theme <NAME|PATH>'\nSee 'meshdeck dashboard --help' for usage.")
    }
}
