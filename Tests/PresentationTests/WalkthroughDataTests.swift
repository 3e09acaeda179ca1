import Foundation
import MeshDeckTestSupport
import MeshModel
import Testing

@testable import Presentation
@testable import TerminalText

/// The walkthrough files: both languages load, say the same thing where language does not
/// matter, and do not repeat the published guide's slips.
@Suite struct WalkthroughDataTests {
    static let stepIDs = [
        "create-tcp-demo", "add-tcp-demo", "deploy-tcp-echo", "check-tcp-echo",
        "create-curl", "add-curl", "deploy-curl", "check-curl",
        "permissive-on", "probe-permissive", "permissive-off", "probe-denied",
        "apply-smi-policy", "probe-smi",
    ]

    @Test(arguments: WalkthroughLanguage.allCases)
    func shippedFileLoadsWithTheGuidesSteps(_ language: WalkthroughLanguage) throws {
        let walkthrough = try WalkthroughLoader.builtin(language)
        #expect(walkthrough.language == language.rawValue)
        #expect(walkthrough.steps.map(\.id) == Self.stepIDs)
    }

    @Test func untranslatedFieldsAreTheSameInEveryLanguage() throws {
        let en = try WalkthroughLoader.builtin(.en)
        for language in WalkthroughLanguage.allCases where language != .en {
            let other = try WalkthroughLoader.builtin(language)
            try #require(other.steps.count == en.steps.count)
            for (a, b) in zip(en.steps, other.steps) {
                #expect(a.id == b.id)
                #expect(a.command == b.command, "\(language) \(b.id): command")
                #expect(a.heredoc == b.heredoc, "\(language) \(b.id): heredoc")
                #expect(a.action == b.action, "\(language) \(b.id): action")
                #expect(a.expect == b.expect, "\(language) \(b.id): expect")
                #expect((a.note == nil) == (b.note == nil), "\(language) \(b.id): a note in one language only")
                #expect(a.title != b.title, "\(language) \(b.id): title left untranslated")
            }
        }
    }

    @Test func chineseIsWrittenForChineseReaders() throws {
        let zh = try WalkthroughLoader.builtin(.zh)
        let han = try Regex("\\p{Han}")
        // YAML's folded lines put a space wherever a line was broken: between two Chinese
        // characters that is a typo a reader sees.
        let spaceBetweenHan = try Regex("[\\p{Han}，。：；、] +[\\p{Han}，。：；、]")
        for step in zh.steps {
            for text in [step.title, step.does] + (step.note.map { [$0] } ?? []) {
                #expect(text.contains(han), "\(step.id): not Chinese: \(text)")
                #expect(!text.contains(spaceBetweenHan), "\(step.id): stray space in \(text)")
            }
        }
        #expect(zh.intro.contains(han))
    }

    @Test func theGuidesSlipsAreNotRepeated() throws {
        for language in WalkthroughLanguage.allCases {
            let walkthrough = try WalkthroughLoader.builtin(language)
            let probes = walkthrough.steps.filter { if case .probe = $0.action { true } else { false } }
            #expect(
                probes.map(\.expect) == [
                    .output(["echo response: hello"]), .output(["command terminated with exit code 1"]),
                    .output(["echo response: hello"]),
                ])
            #expect(!walkthrough.steps.flatMap(\.expect.lines).contains { $0.contains("echo response: echo") })
            // The policy is shown as it is applied: the embedded, correctly indented YAML.
            let policy = try #require(walkthrough.steps.first { $0.id == "apply-smi-policy" })
            #expect(policy.commandLines.first == "kubectl apply -f - <<EOF")
            #expect(policy.commandLines.last == "EOF")
            #expect(policy.commandLines.dropFirst().dropLast().joined(separator: "\n") == WalkthroughManifests.smiPolicy)
            #expect(policy.commandLines.contains("  name: tcp-echo-route"))
            #expect(policy.note != nil)
        }
    }

    /// What the notes claim about the published heredoc: it is the same text with the
    /// indentation lost, and MeshDeck's validator refuses it.
    @Test func thePublishedHeredocIsTheShownPolicyWithItsIndentationLost() {
        let published = Fixtures.text("osm-docs-policy-heredoc.yaml")
        func content(_ yaml: String) -> [String] {
            yaml.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.hasPrefix("#") && !$0.isEmpty
            }
        }
        #expect(content(published) == content(WalkthroughManifests.smiPolicy))
        #expect(published != WalkthroughManifests.smiPolicy)
        #expect(!ManifestDecoder().decode(published, file: "policy.yaml").errors.isEmpty)
        #expect(ManifestDecoder().decode(WalkthroughManifests.smiPolicy, file: "policy.yaml").errors.isEmpty)
    }

    @Test func languageComesFromTheLocaleLikeMessagesDo() {
        #expect(WalkthroughLanguage.fromEnvironment([:]) == .en)
        #expect(WalkthroughLanguage.fromEnvironment(["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(WalkthroughLanguage.fromEnvironment(["LANG": "zh_TW"]) == .zh)
        #expect(WalkthroughLanguage.fromEnvironment(["LANG": "zh"]) == .zh)
        #expect(WalkthroughLanguage.fromEnvironment(["LANG": "en_US.UTF-8"]) == .en)
        #expect(WalkthroughLanguage.fromEnvironment(["LANG": "fr_FR.UTF-8"]) == .en)
        // LC_ALL wins, then LC_MESSAGES, then LANG; an empty variable counts as unset.
        #expect(WalkthroughLanguage.fromEnvironment(["LC_ALL": "C", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(WalkthroughLanguage.fromEnvironment(["LC_ALL": "zh_CN.UTF-8", "LANG": "C"]) == .zh)
        #expect(WalkthroughLanguage.fromEnvironment(["LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US"]) == .zh)
        #expect(WalkthroughLanguage.fromEnvironment(["LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_HK"]) == .zh)
        #expect(WalkthroughLanguage.fromEnvironment(["LC_MESSAGES": "C", "LANG": "zh_CN.UTF-8"]) == .en)
    }
}

/// A walkthrough file with mistakes: every one is reported with file, line, column and field.
@Suite struct WalkthroughFileErrorTests {
    func errors(_ yaml: String) -> [String] {
        do {
            _ = try WalkthroughLoader.load(yaml, file: "mine.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func everyMistakeNamesFileLineAndField() {
        let found = errors(
            """
            language: en
            title: Mine
            steps:
            - id: one
              title: One
              command: kubectl create namespace tcp-demo
              does: creates it
              action: {type: creat-namespace, namespace: tcp-demo}
              expect: {output: namespace/tcp-demo created}
            - id: two
              command: osm namespace add curl
              does: adds it
              action: {type: add-to-mesh, namespace: tcp-demo}
              expect: {output: done}
              colour: blue
            - id: two
              title: Three
              command: kubectl patch meshconfig osm-mesh-config -n osm-system -p '{"spec":{"traffic":{"enablePermissiveTrafficPolicyMode":true}}}'
              does: flips it
              action: {type: set-permissive, enabled: maybe}
              expect: {output: x, table: y}
            """)
        #expect(found.contains { $0.hasPrefix("mine.yaml:8:18: error: steps[0].action.type: unknown action 'creat-namespace'") })
        #expect(found.contains { $0.hasPrefix("mine.yaml:10:3: error: steps[1].title: required field is missing") })
        #expect(
            found.contains {
                $0.hasPrefix(
                    "mine.yaml:11:12: error: steps[1].command: the command does not match the action: it does not mention 'osm namespace add tcp-demo'"
                )
            })
        #expect(found.contains { $0.hasPrefix("mine.yaml:15:3: error: steps[1].colour: unknown field 'colour'") })
        #expect(found.contains { $0.hasPrefix("mine.yaml:16:7: error: steps[2].id: 'two' is already the id of steps[1]") })
        #expect(
            found.contains {
                $0.hasPrefix("mine.yaml:20:43: error: steps[2].action.enabled: expected true or false, got the string 'maybe'")
            })
        #expect(found.contains { $0.hasPrefix("mine.yaml:21:11: error: steps[2].expect: give exactly one of 'output'") })
        #expect(found.count == 7, "\(found.joined(separator: "\n"))")
        // The caret display points at the offending text.
        let first = found.first { $0.contains("unknown action") } ?? ""
        #expect(first.contains("\n      action: {type: creat-namespace, namespace: tcp-demo}\n                     ^"))
    }

    /// The reads are MeshModel's, with the walkthrough's rules: prose may be a number, and a
    /// step or value written as nothing is reported where it is, not read as empty.
    @Test func numbersAreTextAndNothingIsAMistake() {
        let found = errors(
            """
            language: en
            title: 2024
            steps:
            -
            - id: two
              title: Two
              command: kubectl patch
              does: 42
              action: {type: set-permissive, enabled: }
              expect: {output: done}
            """)
        #expect(
            found.contains {
                $0.hasPrefix("mine.yaml:4:2: error: steps[0]: expected a mapping (key: value lines), got nothing (null)")
            })
        #expect(
            found.contains {
                $0.hasPrefix("mine.yaml:9:43: error: steps[1].action.enabled: expected true or false, got nothing (null)")
            })
        #expect(found.count == 2, "\(found.joined(separator: "\n"))")
    }

    /// An empty expectation would make a step that cannot fail; it used to drop the step
    /// without a word.
    @Test func anEmptyExpectationIsAMistakeNotADroppedStep() {
        let found = errors(
            """
            language: en
            title: Mine
            steps:
            - id: one
              title: One
              command: kubectl get pods -n curl
              does: lists
              action: {type: get, resources: pods, namespace: curl}
              expect: {output: ""}
            - id: two
              title: Two
              command: kubectl get pods -n curl
              does: lists
              action: {type: get, resources: pods, namespace: curl}
              expect:
                table: "  "
            """)
        #expect(
            found.contains {
                $0.hasPrefix("mine.yaml:9:20: error: steps[0].expect.output: expected the lines the command prints, got nothing")
            })
        #expect(
            found.contains {
                $0.hasPrefix("mine.yaml:16:12: error: steps[1].expect.table: expected the table's rows, got nothing")
            })
        #expect(found.count == 2, "\(found.joined(separator: "\n"))")
    }

    /// The action is peeked at for its type and read once: a mistake inside it is one report.
    @Test func aMistakeInsideAnActionIsReportedOnce() {
        let found = errors(
            """
            language: en
            title: Mine
            steps:
            - id: one
              title: One
              command: kubectl get pods -n curl
              does: lists
              action: {type: get, resources: pods, namespace: curl, [x]: y, namespaces: z}
              expect: {output: done}
            """)
        #expect(found.filter { $0.contains("a key must be plain text") }.count == 1, "\(found.joined(separator: "\n"))")
        #expect(found.contains { $0.hasPrefix("mine.yaml:8:65: error: steps[0].action.namespaces: unknown field 'namespaces'") })
        #expect(found.count == 2, "\(found.joined(separator: "\n"))")
    }

    @Test func heredocAndManifestMistakes() {
        let found = errors(
            """
            language: en
            title: Mine
            steps:
            - id: policy
              title: Policy
              command: kubectl apply -f -
              does: applies it
              action: {type: apply, manifest: smi-policy}
              expect: {output: done}
            - id: nothing
              title: Nothing
              command: kubectl apply -f nothing.yaml
              does: applies nothing
              action: {type: apply, manifest: nothing}
              expect: {output: done}
            """)
        #expect(
            found.contains {
                $0.hasPrefix(
                    "mine.yaml:6:12: error: steps[0].command: the action's manifest is typed as a heredoc: end the command with '<<EOF'"
                )
            })
        #expect(
            found.contains {
                $0.hasPrefix("mine.yaml:14:35: error: steps[1].action.manifest: no embedded manifest named 'nothing'")
            })
    }

    @Test func yamlSyntaxErrorsNameTheLine() {
        let found = errors("language: en\ntitle: Mine\nsteps:\n- id: one\n  title: One\n    does: x\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("mine.yaml:6:") == true, "\(found)")
        #expect(found.first?.contains("invalid YAML") == true)
    }

    @Test func aFileThatCannotBeReadSaysSo() {
        #expect(throws: WalkthroughLoadError.self) { try WalkthroughLoader.load(path: "/nonexistent/walk.yaml") }
        #expect(errors("").first == "mine.yaml:1:1: error: the file is empty")
    }
}

/// Comments in the transcript wrap at word boundaries, and anywhere in Chinese but before a
/// closing punctuation mark.
@Suite struct TranscriptWrapTests {
    @Test func latinWrapsBetweenWords() {
        #expect(WalkthroughTranscript.wrap("the quick brown fox", columns: 10) == ["the quick", "brown fox"])
        #expect(WalkthroughTranscript.wrap("averyveryverylongword x", columns: 10) == ["averyveryverylongword", "x"])
    }

    @Test func chineseWrapsBetweenCharactersCountingTwoColumnsEach() {
        let lines = WalkthroughTranscript.wrap("在 curl pod 中真实地执行探测", columns: 12)
        #expect(lines == ["在 curl pod", "中真实地执行", "探测"])
        #expect(lines.allSatisfy { TextWidth.of($0) <= 12 })
        #expect(WalkthroughTranscript.wrap("一二三四五，六", columns: 10) == ["一二三四五，", "六"])
    }
}
