import DataPlaneInterface
import Foundation
import MeshModel
import Testing

@testable import Dashboard
@testable import Presentation
@testable import TerminalText
@testable import TerminalUI

/// `--lang zh`: every message the reducer writes (the message line, its own `#` comments in the
/// log, the recording's markers) is Chinese, apart from what is typed or named: commands, their
/// arguments, resource names and kinds, key names and the tools' own words. The terms are the
/// same everywhere.
@Suite struct ChineseMessagesTests {
    /// Words a Chinese message may carry: what a user types or reads on a real cluster.
    static func allowedWords(_ state: AppState) -> Set<String> {
        var words: Set<String> = [
            "kubectl", "osm", "nc", "echo", "hello", "hi", "ms", "p50", "p90", "p99", "YAML", "EOF", "SMI", "MeshDeck", "Pod",
            "Sidecar", "install",
        ]
        for usage in LineCommandParser.usages {
            words.insert(usage.word)
            for token in usage.usage.split(whereSeparator: { " []|:".contains($0) }) { words.insert(String(token)) }
        }
        for kind in ResourceKind.allCases {
            words.insert(kind.rawValue)
            words.insert(kind.rawValue.lowercased())
            words.insert(kind.kubectlName)
            words.formUnion(kind.aliases)
        }
        for binding in KeyBindings.all {
            for token in (binding.helpName ?? binding.name).split(whereSeparator: { " ,/".contains($0) }) {
                words.insert(String(token))
            }
        }
        words.formUnion(state.themes.map(\.name))
        words.formUnion(["default", "light", "high-contrast", "deuteranopia", "monochrome"])
        for ns in state.cluster.namespaces.keys { words.insert(ns) }
        for key in state.cluster.deployments.keys { words.insert(key.name) }
        for key in state.cluster.services.keys { words.insert(key.name) }
        return words
    }

    /// The English words of `message` that are not allowed.
    static func english(_ message: String, allowed: Set<String>) -> [String] {
        var found: [String] = []
        var word = ""
        func flush() {
            defer { word = "" }
            guard word.contains(where: \.isLetter) else { return }
            // Paths, addresses, names with a dash or a dot, quoted input: typed, not written.
            if word.contains(where: { "/.:-_=<>'\"0123456789@~".contains($0) }) { return }
            if word.allSatisfy({ $0.isUppercase }) { return }
            if !allowed.contains(word) { found.append(word) }
        }
        for c in message {
            if c.isASCII, c.isLetter || c.isNumber || "/.:-_=<>'\"@~".contains(c) { word.append(c) } else { flush() }
        }
        flush()
        return found
    }

    struct Collected {
        var messages: [String] = []
        var marks: [String] = []
        var comments: [String] = []
    }

    static func drive() async throws -> (Collected, AppState) {
        var d = try ScreenDriver(width: 100, height: 30, language: .zh)
        var seen = Collected()
        var lastMessage: String?
        func note(_ effects: [Effect], _ state: AppState) {
            for case .mark(let label) in effects { seen.marks.append(label) }
            if let m = state.message, m != lastMessage { seen.messages.append(m) }
            lastMessage = state.message
        }
        func key(_ k: Key) { note(Reducer.reduce(&d.state, .key(k)), d.state) }
        func type(_ line: String) {
            key(.character(":"))
            for c in line { key(.character(c)) }
            key(.enter)
        }
        func action(_ a: Action) { note(Reducer.reduce(&d.state, a), d.state) }
        for c in "pgpae" { key(.character(c)) }
        d.state.focus = .policies
        for k in [Key.character("d"), .character("n"), .character("d"), .character("y")] { key(k) }
        key(.character("L"))
        key(.character("L"))
        var report = LoadReport(requested: 1000)
        report.allowed = 1000
        report.seconds = 0.5
        report.latencies.record(0.0004, count: 1000)
        action(.loadFinished(report, cancelled: false))
        key(.character("L"))
        report.allowed = 10
        action(.loadFinished(report, cancelled: true))
        for line in [
            "permissive off", "egress off", "ns add default", "ns remove default", "scale tcp-demo/tcp-echo 2",
            "delete tcproute nope", "apply /nonexistent/policy.yaml", "probe curl/curl tcp-echo.tcp-demo:9000 hi", "theme light",
            "permisive off", "scale x", "delete foo bar", "probe a b", "probe a/b c", "scale a/b x", "load x 1", "load 1 x",
            "apply -n", "delete meshconfig x", "permissive 'off", "zzz", "load 10 2",
        ] {
            type(line)
        }
        key(.escape)
        key(.character(":"))
        for c in "delete zzz" { key(.character(c)) }
        key(.tab)
        key(.escape)
        key(.character("/"))
        for c in "patched" { key(.character(c)) }
        key(.enter)
        key(.escape)
        let good = ManifestDecoder(defaultNamespace: "tcp-demo").decode(
            Scenario.bundle(named: "smi-policy")!.yaml, file: "p.yaml")
        action(.manifestsRead(path: "p.yaml", output: good))
        let bad = ManifestDecoder().decode("kind: TCPRout\nmetadata: {name: x}\n---\nkind: Nope\n", file: "bad.yaml")
        action(.manifestsRead(path: "bad.yaml", output: bad))
        action(.manifestsRead(path: "empty.yaml", output: ManifestDecoder().decode("", file: "empty.yaml")))
        action(.themeRead(.failure(ThemeError(file: "t.yaml", line: 1, key: "k9s", message: "not a colour"))))
        action(.engineUpdated(error: "connection refused"))
        for c in "wnwybnnbbx" { key(.character(c)) }
        key(.character("e"))
        for entry in (0..<d.state.log.count).map({ d.state.log[$0] }) {
            if case .command(let text) = entry.kind, text.hasPrefix("# ") { seen.comments.append(text) }
        }
        return (seen, d.state)
    }

    @Test func noMessageTheReducerWritesIsEnglish() async throws {
        let (seen, state) = try await Self.drive()
        let allowed = Self.allowedWords(state)
        #expect(seen.messages.count > 30, "\(seen.messages)")
        for message in seen.messages + seen.marks + seen.comments {
            // The walkthrough checker's mismatch, kubectl's own errors and a theme file's diagnostic are not the dashboard's words.
            if message.contains("Error from server") || message.contains("bad.yaml:") || message.contains("t.yaml:")
                || message.contains("connection refused")
            {
                continue
            }
            let words = Self.english(message, allowed: allowed)
            #expect(words.isEmpty, "English in «\(message)»: \(words)")
        }
        #expect(seen.marks.contains("宽松模式关闭"))
        #expect(seen.comments.contains { $0.hasPrefix("# 压测：1000 次 echo hello | nc") })
    }

    /// The same things have the same names: egress is 出站流量, b is 后退.
    @Test func termsAreTheSameEverywhere() throws {
        let zh = UIText.zh
        var texts = [
            zh.egress(true), zh.egressLine(true), zh.egressKey, zh.helpEgress, zh.egressMessage(true), zh.markEgress(true),
        ]
        for text in texts { #expect(text.contains("出站流量"), "\(text)") }
        texts = [zh.back, zh.helpGuideSteps, zh.guideOpened]
        for text in texts { #expect(text.contains("后退"), "\(text)") }
        texts = [zh.permissive, zh.helpPermissive, zh.permissiveOn, zh.permissiveOff, zh.markPermissive(false)]
        for text in texts { #expect(text.contains("宽松模式"), "\(text)") }
        var state = AppState(cluster: Scenario.walkthrough())
        state.language = .zh
        let header = Screen.render(state, width: 80, height: 24, context: RenderContext(ascii: false)).text
        #expect(!header.replacingOccurrences(of: "出站流量", with: "").contains("出站"), "\(header)")
    }
}
