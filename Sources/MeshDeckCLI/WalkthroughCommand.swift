import ArgumentParser
import ConnectionEngine
import Foundation
import MeshModel
import Presentation

struct WalkthroughCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walkthrough",
        abstract: "Perform OSM's TCP traffic routing guide step by step, for real, and print the transcript.",
        usage: "meshdeck walkthrough [--lang en|zh | --file FILE] [--cast FILE.cast]",
        discussion: """
            Starts from a cluster with only OSM installed (osm-system and its MeshConfig) and performs every step of the guide: creates tcp-demo and curl, adds them to the mesh, applies tcp-echo.yaml and curl.yaml, flips permissive mode, applies the SMI policy, and sends each probe over real TCP through the sidecars on 127.0.0.1. Prints every step as the guide does: its title as a comment, the command after '$ ', and the real output (pod names, cluster IPs, replies).

            Exit 0 when every step gave its expected result; 1 when one did not (stderr names the step, what was expected and what came instead); 2 for bad input.

            Examples:
              meshdeck walkthrough
              meshdeck walkthrough --lang zh
              meshdeck walkthrough --cast demo.cast && asciinema play demo.cast
            """)

    @OptionGroup var language: LanguageOption

    @Option(
        help: ArgumentHelp(
            "Also write the transcript as an asciicast v2 recording (asciinema play FILE), with one marker per step.",
            valueName: "FILE.cast"),
        completion: .file(extensions: ["cast"]))
    var cast: String?

    @Option(
        name: [.customShort("f"), .customLong("file")],
        help: ArgumentHelp(
            "A walkthrough file of your own, in the format of the shipped ones, instead of --lang.", valueName: "FILE"),
        completion: .file(extensions: ["yaml", "yml"]))
    var file: String?

    func validate() throws {
        if language.lang != nil, file != nil { throw ValidationError("use either --lang or --file, not both") }
    }

    func run() async throws {
        let console = Console.current
        let walkthrough: Walkthrough
        do throws(WalkthroughLoadError) {
            if let file {
                walkthrough = try WalkthroughLoader.load(path: file)
            } else {
                walkthrough = try WalkthroughLoader.builtin(language.language())
            }
        } catch {
            console.err(error.description)
            throw ExitCode(2)
        }
        // Open the recording first: a path that cannot be written fails before any work.
        var recording: AsciicastWriter?
        if let cast {
            do throws(AsciicastWriter.FileError) {
                recording = try AsciicastWriter.file(
                    cast,
                    header: AsciicastWriter.Header(
                        // 100 columns: what a player shows well; the long kubectl exec line wraps.
                        width: min(100, WalkthroughCast.width(for: walkthrough)), height: 30,
                        title: "MeshDeck: \(walkthrough.title)"))
            } catch {
                console.err("error: \(error)")
                throw ExitCode(2)
            }
        }
        let runner = try await WalkthroughRunner.start(walkthrough) { try await MeshEngine.start($0) }
        let outcomes: [StepOutcome]
        do {
            outcomes = try await runner.runAll()
        } catch {
            try? await runner.shutdown()
            throw error
        }
        try await runner.shutdown()

        for line in WalkthroughTranscript.lines(walkthrough, outcomes) { console.out(line) }
        if let recording, let cast {
            let seconds = WalkthroughCast.write(walkthrough, outcomes, to: recording)
            do {
                try recording.close()
            } catch {
                console.err("error: cannot write \(cast.terminalSafe): \(error)")
                throw ExitCode(2)
            }
            console.err(
                "wrote \(cast.terminalSafe): \(outcomes.count) steps, \(Int(seconds.rounded())) s (asciinema play \(cast.terminalSafe))"
            )
        }

        let failed = outcomes.filter { !$0.matches }
        guard failed.isEmpty else {
            for outcome in failed {
                console.err(
                    "error: step \(outcome.index + 1) (\(outcome.step.id)) \"\(outcome.step.title.terminalSafe)\": \(outcome.mismatch ?? "")"
                )
            }
            console.err("error: \(failed.count) of \(outcomes.count) steps did not give the expected result")
            throw ExitCode(1)
        }
    }
}
