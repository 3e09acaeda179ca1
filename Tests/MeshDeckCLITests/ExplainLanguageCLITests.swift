import Foundation
import MeshDeckCLI
import MeshDeckTestSupport
import Testing

/// `--lang zh`: `explain`'s and `probe`'s reasons, facts and fixes in Chinese, for a trainer who
/// would otherwise translate them aloud; names, commands, YAML keys and what `nc` prints stay as
/// a cluster shows them, and JSON/YAML stay language-neutral codes with English values.
@Suite struct ExplainLanguageCLITests {
    let walk = ["--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000"]

    @Test func explainSaysTheDeniedWalkthroughProbeInChinese() async {
        let run = await CLIRun(["explain"] + walk + ["--permissive", "off", "--lang", "zh"], unicode: true)
        #expect(run.code == 1)
        #expect(run.stderr.isEmpty)
        #expect(
            run.stdout == """
                ✘ DENIED  curl/curl → tcp-echo.tcp-demo:9000
                  位置：服务端 sidecar
                  原因：SMI 模式（宽松模式已关闭），且没有任何 TrafficTarget 允许 ServiceAccount curl/curl 访问 ServiceAccount tcp-demo/tcp-echo
                  依据：
                    - 源：Deployment curl/curl，pod curl-5ghzkjvn8j-xrxlg，ServiceAccount curl/curl，已注入 sidecar（命名空间 curl 在网格中，且启用了 sidecar 注入）
                    - 目标：tcp-echo.tcp-demo 解析为 Service tcp-demo/tcp-echo（ClusterIP 10.101.166.71）
                    - 端口：9000/TCP 'tcp' → targetPort 9000，协议 tcp（appProtocol: tcp）
                    - 端点：pod tcp-echo-h9lf6sqbfk-47gpn，ServiceAccount tcp-demo/tcp-echo，已注入 sidecar，监听端口 9000
                    - MeshConfig osm-system/osm-mesh-config：enablePermissiveTrafficPolicyMode: false，enableEgress: true
                    - 没有任何 TrafficTarget 以 ServiceAccount tcp-demo/tcp-echo 为目标
                    - 没有网格路由时，客户端 sidecar 把连接当作出站流量，以明文直接转发；服务端 sidecar 拒绝了它（只接受 mTLS）
                  修复：在命名空间 tcp-demo 中应用一个 TrafficTarget：目标为 ServiceAccount tcp-demo/tcp-echo，来源为 ServiceAccount curl/curl，规则为匹配端口 9000 的 TCPRoute（或开启宽松模式）
                  pod 内 nc 的输出：command terminated with exit code 1
                """)
        let allowed = await CLIRun(
            ["explain"] + walk + ["--permissive", "off", "--bundle", "smi-policy", "--lang", "zh"], unicode: true)
        #expect(allowed.code == 0)
        #expect(allowed.stdout.contains("\n  原因：TrafficTarget tcp-demo/tcp-access 允许 ServiceAccount curl/curl 访问端口 9000\n"))
    }

    @Test func englishIsUnchangedAndTheDefault() async {
        let run = await CLIRun(["explain"] + walk + ["--permissive", "off", "--lang", "en"], unicode: true)
        #expect(run.stdout.contains("\n  where:  server sidecar\n  reason: SMI mode (permissive off)"))
        #expect(run.stdout.contains("\n  fix:    apply a TrafficTarget in namespace tcp-demo"))
        #expect(run.stdout.hasSuffix("\n  nc in the pod prints: command terminated with exit code 1"))
    }

    @Test func jsonAndYAMLAreTheSameInEveryLanguage() async throws {
        for format in ["json", "yaml"] {
            let en = await CLIRun(["explain"] + walk + ["--permissive", "off", "-o", format, "--lang", "en"], unicode: true)
            let zh = await CLIRun(["explain"] + walk + ["--permissive", "off", "-o", format, "--lang", "zh"], unicode: true)
            #expect(zh.code == 1)
            #expect(zh.stdout == en.stdout, "\(format)")
        }
        let json = await CLIRun(["explain"] + walk + ["--permissive", "off", "-o", "json", "--lang", "zh"], unicode: true)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["reasonCode"] as? String == "smiNoTrafficTarget")
        #expect(object?["fixCode"] as? String == "applyTrafficTarget")
        #expect(
            object?["factCodes"] as? [String] == [
                "source", "resolved", "port", "endpoint", "meshConfig", "noTrafficTarget", "egressPassthrough",
            ])
        #expect((object?["reason"] as? String)?.hasPrefix("SMI mode (permissive off)") == true)
    }

    /// `probe` prints the reply or what nc prints as a pod would (never translated), and where
    /// and why in the language asked for.
    @Test func probeSaysWhereAndWhyInChinese() async {
        let run = await CLIRun(
            ["probe"] + walk + ["--permissive", "off", "--egress", "off", "--verbose", "--lang", "zh"], unicode: true)
        #expect(run.code == 1)
        #expect(run.stderr.contains("command terminated with exit code 1"))
        #expect(run.stderr.hasSuffix("DENIED（客户端 sidecar）：没有 TrafficTarget 允许这个连接"))
        let json = await CLIRun(["probe"] + walk + ["--permissive", "off", "-o", "json", "--lang", "zh"], unicode: true)
        #expect(json.stdout.contains("\"reason\" : \"no TrafficTarget allows it\""))
    }

    /// A terminal that cannot show Chinese gets English and one line saying so, not `? ? ?`.
    @Test func withoutUTF8ChineseFallsBackToEnglishWithAWarning() async {
        let run = await CLIRun(["explain"] + walk + ["--permissive", "off", "--lang", "zh"], unicode: false)
        #expect(run.code == 1)
        #expect(run.stdout.contains("\n  reason: SMI mode (permissive off)"))
        #expect(
            run.stderr
                == "meshdeck: warning: Chinese needs a UTF-8 locale (LANG=C.UTF-8, zh_CN.UTF-8); explanations are in English")
    }

    /// What came from the command line or a manifest is shown escaped in Chinese too.
    @Test func namesInChineseSentencesAreEscaped() async {
        let run = await CLIRun(["explain", "--from", "curl/curl", "--to", "evil\u{1B}[2J:9000", "--lang", "zh"], unicode: true)
        #expect(run.code == 1)
        #expect(!run.stdout.contains("\u{1B}"))
        #expect(run.stdout.contains("原因：'evil\\e[2J' 无法解析为任何 Service"))
    }
}
