import DataPlaneInterface
import Foundation
import MeshDeckTestSupport
import MeshModel
import PolicyEngine
import Testing

@testable import Presentation

/// Every code an explanation can hold has a sentence in both catalogues (the catalogues'
/// switches have no default, so a missing one does not compile; the switches below, one per
/// code, make a new case ask for an example here too), and no Chinese sentence is left in
/// English.
@Suite struct ExplanationWordsTests {
    // Values that read as no English word, so whatever Latin is left in a Chinese sentence
    // besides them and the terms kept in Latin is an untranslated word.
    static let ns = "nsq"
    static let key = ObjectKey(namespace: "nsq", name: "nq")
    static let other = ObjectKey(namespace: "nsz", name: "nz")
    static let valueWords: Set<String> = [
        "nsq", "nq", "nsz", "nz", "hq", "pq", "vq", "aq", "UDP", "UDPRoute", "ftq", "iq", "xq", "yq",
    ]

    /// Terms a Chinese sentence keeps in Latin script: kind names, pod and sidecar (as the
    /// walkthrough writes them), protocols, commands, YAML keys and values, what a pod prints.
    static let latinTerms: Set<String> = [
        "Service", "Deployment", "ServiceAccount", "TrafficTarget", "TCPRoute", "HTTPRouteGroup", "MeshConfig", "CRD",
        "pod", "sidecar", "mTLS", "SMI", "OSM", "Kubernetes", "DNS", "MeshDeck", "TLS", "https", "TCP", "HTTP", "nc", "ClusterIP",
        "targetPort",
        "appProtocol",
        "tcp", "server", "first", "http", "grpc", "SERVICE", "NAMESPACE", "svc", "cluster", "local", "echo", "demo",
        "osm", "namespace", "add", "spec", "traffic", "enableEgress", "enablePermissiveTrafficPolicyMode", "matches",
        "ports", "true", "false", "Bad", "Request", "openservicemesh", "io", "monitored", "by", "injection", "enabled",
        "disabled", "system", "mesh", "config", "DENIED",
        // What issue 11 added: the kinds, fields and labels it names, a kube-proxy, a --port flag.
        "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "TrafficSplit", "Egress", "Retry", "UpstreamTrafficSetting",
        "IngressBackend", "MeshRootCertificate", "MeshDeck", "CA", "RBAC", "featureFlags", "enableEgressPolicy", "kube",
        "proxy", "port", "webhook", "ignore", "name", "control", "plane", "hostNetwork",
    ]

    static func examples(_ kind: ExplanationReason.Kind) -> [ExplanationReason] {
        switch kind {
        case .unknownSource: [.unknownSource]
        case .unknownHost: [.unknownHost(host: "hq.nsq")]
        case .noSuchPort: [.noSuchPort(service: key, port: 9001, exposed: ["9000/TCP", "9002/TCP"])]
        case .notTCP: [.notTCP(service: key, port: 9000, transport: "UDP")]
        case .namedPortMissing: [.namedPortMissing(pod: "pq", portName: "vq")]
        case .noEndpoints: [.noEndpoints(service: key, selector: "aq=nq"), .noEndpoints(service: key, selector: "")]
        case .plaintextToMeshed:
            [.plaintextToMeshed(source: key, destinationPod: "pq"), .plaintextToMeshed(source: key, destinationPod: nil)]
        case .egressDisabled: [.egressDisabled]
        case .egressAllowed: [.egressAllowed]
        case .noMesh: [.noMesh]
        case .permissive: [.permissive]
        case .smiAllowed: [.smiAllowed(target: key, serviceAccount: other, port: 9000)]
        case .smiNoTrafficTarget:
            [
                .smiNoTrafficTarget(serviceAccount: key, destination: other),
                .smiNoTrafficTarget(serviceAccount: key, destination: nil),
            ]
        case .smiPortNotAllowed:
            [
                .smiPortNotAllowed(target: key, serviceAccount: other, allowed: [9000, 9001], port: 9002),
                .smiPortNotAllowed(target: key, serviceAccount: other, allowed: nil, port: 9002),
            ]
        case .egressPolicy:
            [
                .egressPolicy(egress: key, serviceAccount: other, port: 9000, protocol: "tcp", ranges: []),
                .egressPolicy(egress: key, serviceAccount: other, port: 9000, protocol: "tcp", ranges: ["10.0.0.0/8", "iq"]),
            ]
        case .sidecarBypassed:
            [
                .sidecarBypassed(source: key, outbound: matchExamples[0], destinationPod: "pq", inbound: nil),
                .sidecarBypassed(source: key, outbound: nil, destinationPod: "pq", inbound: matchExamples[1]),
                .sidecarBypassed(source: key, outbound: matchExamples[2], destinationPod: nil, inbound: matchExamples[1]),
            ]
        case .bypassedToMeshed:
            [
                .bypassedToMeshed(source: key, outbound: matchExamples[0], destinationPod: "pq"),
                .bypassedToMeshed(source: key, outbound: nil, destinationPod: nil),
            ]
        case .inboundBypassedMTLS:
            [
                .inboundBypassedMTLS(port: 9000, destinationPod: "pq", inbound: matchExamples[1]),
                .inboundBypassedMTLS(port: 9000, destinationPod: nil, inbound: nil),
            ]
        case .unsupportedProtocol:
            [true, false].map { .unsupportedProtocol(service: key, port: 9000, appProtocol: "ftq", egress: $0) }
        case .nothingListens:
            [
                .nothingListens(pod: "pq", listening: [9000, 9001], targetPort: 9002),
                .nothingListens(pod: nil, listening: [], targetPort: 9002),
            ]
        case .ingressBackend:
            ["http", "https"].map {
                .ingressBackend(ingress: key, backend: "nq", port: 9000, protocol: $0, sourceIP: "10.244.0.1")
            }
        case .ingressNeedsTLS: [.ingressNeedsTLS(ingress: key, backend: "nq", port: 9000)]
        }
    }

    /// One exclusion of each kind and origin.
    static let matchExamples: [ExclusionMatch] = [
        .port(9000, origin: .podAnnotation("aq")), .port(9000, origin: .meshConfig(key: key, field: "vq")),
        .address("10.0.0.1", range: "10.0.0.0/8", origin: .meshConfig(key: key, field: "vq")),
    ]

    static func examples(_ kind: ExplanationFact.Kind) -> [ExplanationFact] {
        let rules = [TrafficTargetRule(kind: "TCPRoute", name: "nq")]
        switch kind {
        case .mutualTLS: return [.mutualTLS(client: key, server: other)]
        case .certificateValidity:
            return [90_000, 61, 5, 0].map { .certificateValidity(identity: other, secondsLeft: $0) }
        case .source:
            return SidecarDecision.Cause.allCases.flatMap { cause in
                [true, false].flatMap { injected in
                    [["pq"], ["pq", "iq"]].map { pods in
                        ExplanationFact.source(
                            kind: .deployment, workload: key, pods: pods, serviceAccount: other,
                            sidecar: SidecarDecision(injected: injected, cause: cause, namespace: ns))
                    }
                }
            }
                + [ResourceKind.statefulSet, .pod].map {
                    .source(
                        kind: $0, workload: key, pods: ["pq"], serviceAccount: other,
                        sidecar: SidecarDecision(injected: true, cause: .namespaceEnabled, namespace: ns))
                }
        case .resolved:
            return [
                .resolved(host: "hq", service: key, clusterIP: "10.96.0.1"), .resolved(host: "hq", service: key, clusterIP: nil),
            ]
        case .noSuchNamespace: return [.noSuchNamespace(namespace: ns)]
        case .noSuchService:
            return [
                .noSuchService(namespace: ns, name: "nq", existing: ["xq", "yq"]),
                .noSuchService(namespace: ns, name: "nq", existing: []),
            ]
        case .unqualifiedHost: return [.unqualifiedHost(host: "hq")]
        case .internet: return [.internet(host: "hq.nq", address: "203.0.113.9"), .internet(host: "1.1.1.1", address: "1.1.1.1")]
        case .port:
            return becauseExamples.flatMap { because in
                [nil, "vq"].map { name in
                    ExplanationFact.port(
                        number: 9000, transport: "TCP", name: name, targetPort: "9000", protocol: .tcp, because: because)
                }
            }
        case .endpoint:
            return [true, false].flatMap { meshed in
                [9000, nil].map {
                    ExplanationFact.endpoint(pod: "pq", serviceAccount: key, meshed: meshed, listeningOn: $0, echoServers: [9000])
                }
            }
                + [[], [9001, 9002]].map {
                    .endpoint(pod: "pq", serviceAccount: key, meshed: true, listeningOn: 9000, echoServers: $0)
                }
        case .noEndpointPods: return [.noEndpointPods(selector: "aq=nq"), .noEndpointPods(selector: "")]
        case .moreEndpoints: return [.moreEndpoints(count: 3)]
        case .meshConfig: return [.meshConfig(key: key, permissive: false, egress: true)]
        case .noMeshConfig: return [.noMeshConfig]
        case .trafficTarget:
            return [true, false].flatMap { includes in
                [[9000], nil].map { ports in
                    ExplanationFact.trafficTarget(
                        key: key, destination: other, sources: ["nsq/nq", "nsz/nz"], source: key, includesSource: includes,
                        rules: rules, ports: ports)
                }
            }
        case .ignoredTrafficTarget:
            return ignoredExamples.map { .ignoredTrafficTarget(key: key, sources: ["nsq/nq"], because: $0) }
        case .noTrafficTarget: return [.noTrafficTarget(destination: other)]
        case .egressPassthrough: return [.egressPassthrough]
        case .noRouteEgressOff: return [.noRouteEgressOff]
        case .httpPort: return becauseExamples.map { .httpPort(port: 9000, because: $0) }
        case .routeButNoRBAC: return [.routeButNoRBAC]
        case .podRefused:
            return [ResourceKind.deployment, .pod].map {
                .podRefused(kind: $0, workload: key, refusal: "xq: yq")
            }
        case .noEgressPolicy: return [.noEgressPolicy(serviceAccount: other)]
        case .egressPolicyFlagOff: return [.egressPolicyFlagOff]
        case .egressPolicyMismatch:
            return [true, false].flatMap { ignored in
                [[], ["10.0.0.0/8", "iq"]].map {
                    .egressPolicyMismatch(
                        egress: key, serviceAccount: other, ports: ["9000/tcp", "9001/http"], addresses: $0, ignored: ignored)
                }
            }
        case .trafficSplit:
            return [
                .trafficSplit(
                    key: key, apex: other,
                    backends: [TrafficSplitBackend(service: "xq", weight: 50), TrafficSplitBackend(service: "yq", weight: 0)])
            ]
        case .ignoredTrafficSplit:
            return splitIgnoredExamples.map { .ignoredTrafficSplit(key: key, because: $0) }
        case .splitBackendsMissing: return [.splitBackendsMissing(key: key, missing: ["xq", "yq"])]
        case .splitBackend: return [.splitBackend(backend: other, pod: "pq")]
        case .splitSourceUnmeshed: return [.splitSourceUnmeshed(source: key)]
        case .splitNoBackend: return [.splitNoBackend]
        case .splitNoRoute: return [.splitNoRoute(serviceAccount: other)]
        case .ingressChain:
            return [true, false].flatMap { matches in
                [[], ["Service nsq/nq"]].map {
                    .ingressChain(
                        key: key, backend: "nq", port: 9000, protocol: "http", sources: $0, sourceIP: "10.244.0.1",
                        matches: matches)
                }
            }
        case .shownKind:
            return [ResourceKind.retry, .upstreamTrafficSetting, .ingressBackend, .meshRootCertificate].map {
                .shownKind(kind: $0, key: key, service: other)
            }
        }
    }

    static func examples(_ kind: ExplanationFix.Kind) -> [ExplanationFix] {
        switch kind {
        case .useServiceName: [.useServiceName]
        case .probeExposedPort: [.probeExposedPort(exposed: ["9000/TCP", "9002/TCP"])]
        case .nameContainerPort: [.nameContainerPort(portName: "vq")]
        case .deployMatchingPods: [.deployMatchingPods]
        case .addNamespaceToMesh: [.addNamespaceToMesh(namespace: ns)]
        case .enableEgress:
            [true, false].map { .enableEgress(serviceAccount: key, policyFlagOff: $0) }
        case .enableEgressToInternet:
            [true, false].map { .enableEgressToInternet(serviceAccount: key, policyFlagOff: $0) }
        case .applyTrafficTarget:
            [
                .applyTrafficTarget(destination: other, source: key, port: 9000),
                .applyTrafficTarget(destination: nil, source: key, port: 9000),
            ]
        case .addPortToRoute: [.addPortToRoute(port: 9000)]
        case .setAppProtocolTCP: [.setAppProtocolTCP(service: key, port: 9000)]
        case .removeOutboundExclusion: [.removeOutboundExclusion(targetPort: 9000)]
        case .removeInboundExclusion: [.removeInboundExclusion(source: key)]
        case .setKnownAppProtocol: [.setKnownAppProtocol(service: key, port: 9000)]
        case .matchTargetPort: [.matchTargetPort(listening: [9000, 9001], targetPort: 9002)]
        }
    }

    static func examples(_ kind: VerdictSummary.Kind) -> [VerdictSummary] {
        switch kind {
        case .unknownSource: [.unknownSource]
        case .unknownHost: [.unknownHost]
        case .noSuchPort: [.noSuchPort]
        case .notTCP: [.notTCP]
        case .noEndpoints: [.noEndpoints]
        case .plaintextToMeshed: [.plaintextToMeshed]
        case .egressDisabled: [.egressDisabled]
        case .egressAllowed: [.egressAllowed]
        case .noMesh: [.noMesh]
        case .permissive: [.permissive(httpPort: false), .permissive(httpPort: true)]
        case .smiAllowed: [.smiAllowed(target: key, httpPort: false), .smiAllowed(target: key, httpPort: true)]
        case .smiNoTrafficTarget: [.smiNoTrafficTarget]
        case .smiPortNotAllowed: [.smiPortNotAllowed(target: key)]
        case .egressPolicy: [.egressPolicy]
        case .sidecarBypassed: [.sidecarBypassed]
        case .bypassedToMeshed: [.bypassedToMeshed]
        case .inboundBypassedMTLS: [.inboundBypassedMTLS]
        case .nothingListens: [.nothingListens]
        case .unsupportedProtocol: [.unsupportedProtocol]
        case .ingressAllowed: [.ingressAllowed]
        case .ingressNeedsTLS: [.ingressNeedsTLS]
        }
    }

    static var ignoredExamples: [TrafficTargetIgnored] {
        TrafficTargetIgnored.Kind.allCases.map {
            switch $0 {
            case .namespaceNotInMesh: .namespaceNotInMesh(namespace: ns)
            case .noRules: .noRules
            case .badRuleKind: .badRuleKind(kind: "UDPRoute")
            case .routeMissing: .routeMissing(route: key)
            }
        }
    }

    static var splitIgnoredExamples: [TrafficSplitIgnored] {
        TrafficSplitIgnored.Kind.allCases.map {
            switch $0 {
            case .namespaceNotInMesh: .namespaceNotInMesh(namespace: ns)
            case .apexMissing: .apexMissing(service: key)
            case .alreadySplit: .alreadySplit(by: other, service: key)
            }
        }
    }

    static var becauseExamples: [PortProtocol.Because] {
        PortProtocol.Because.Kind.allCases.map {
            switch $0 {
            case .appProtocol: .appProtocol("tcp")
            case .unknownAppProtocol: .unknownAppProtocol("ftq")
            case .namePrefix: .namePrefix(name: "tcp-vq", prefix: "tcp-")
            case .nameWithoutPrefix: .nameWithoutPrefix(name: "vq")
            case .unnamed: .unnamed
            }
        }
    }

    /// Every sentence, named by its code, in one catalogue's words.
    static func sentences(_ words: some ExplanationWords) -> [(code: String, text: String)] {
        var out: [(String, String)] = []
        for kind in ExplanationReason.Kind.allCases {
            out += examples(kind).map { ("reason.\(kind)", words.reason($0)) }
        }
        for kind in ExplanationFact.Kind.allCases { out += examples(kind).map { ("fact.\(kind)", words.fact($0)) } }
        for kind in ExplanationFix.Kind.allCases { out += examples(kind).map { ("fix.\(kind)", words.fix($0)) } }
        for kind in VerdictSummary.Kind.allCases { out += examples(kind).map { ("summary.\(kind)", words.summary($0)) } }
        out += ignoredExamples.map { ("ignored.\($0.kind)", words.ignored($0)) }
        out += splitIgnoredExamples.map { ("splitIgnored.\($0.kind)", words.splitIgnored($0)) }
        out += becauseExamples.map { ("protocol.\($0.kind)", words.protocolBecause($0)) }
        out += DecisionPoint.allCases.map { ("point.\($0)", words.point($0)) }
        out += DecisionPoint.allCases.map { ("verdict.\($0)", words.verdict("DENIED", at: $0)) }
        out += ExplanationLabel.allCases.map { ("label.\($0)", words.label($0, aligned: false)) }
        return out
    }

    /// A sentence that is all values in every language (`appProtocol: tcp`).
    static let sameInEveryLanguage: Set<String> = ["protocol.appProtocol"]

    @Test func everyCodeHasASentenceInBothLanguages() {
        let english = Self.sentences(EnglishWords())
        let chinese = Self.sentences(ChineseWords())
        #expect(english.count == chinese.count)
        // Every kind of every code is met.
        let codes = Set(chinese.map(\.code))
        let kinds =
            ExplanationReason.Kind.allCases.map { "reason.\($0)" } + ExplanationFact.Kind.allCases.map { "fact.\($0)" }
            + ExplanationFix.Kind.allCases.map { "fix.\($0)" } + VerdictSummary.Kind.allCases.map { "summary.\($0)" }
            + TrafficTargetIgnored.Kind.allCases.map { "ignored.\($0)" }
            + TrafficSplitIgnored.Kind.allCases.map { "splitIgnored.\($0)" }
            + PortProtocol.Because.Kind.allCases.map { "protocol.\($0)" }
        for kind in kinds { #expect(codes.contains(kind), "no example of \(kind)") }
        for (e, c) in zip(english, chinese) {
            #expect(!e.text.isEmpty && !c.text.isEmpty, "\(e.code)")
            if !Self.sameInEveryLanguage.contains(c.code) {
                #expect(e.text != c.text, "\(c.code) is the English: \(c.text)")
            }
        }
    }

    @Test func noChineseSentenceIsLeftInEnglish() {
        for (code, text) in Self.sentences(ChineseWords()) {
            let latin = text.split { !($0.isASCII && $0.isLetter) }.map(String.init)
            let left = latin.filter { !Self.latinTerms.contains($0) && !Self.valueWords.contains($0) }
            #expect(left.isEmpty, "\(code): English left \(left) in \(text)")
            if !Self.sameInEveryLanguage.contains(code) && code != "fact.meshConfig" {
                #expect(text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(code) has no Chinese: \(text)")
            }
        }
    }

    /// One word per term, the dashboard's: egress is 出站流量 (never 出口), sidecar and
    /// ServiceAccount stay as the walkthrough writes them, and outbound is never 出站 sidecar.
    @Test func chineseTermsAreOneWordEach() {
        let chinese = Self.sentences(ChineseWords())
        for (code, text) in chinese {
            for wrong in ["出口", "边车", "服务账户", "服务账号", "出站 sidecar", "入站 sidecar", "Pod "] {
                #expect(!text.contains(wrong), "\(code) says \(wrong): \(text)")
            }
        }
        let egress = chinese.filter {
            [
                "reason.egressDisabled", "reason.egressAllowed", "fact.noMeshConfig", "fact.egressPassthrough",
                "fact.noRouteEgressOff",
                "fix.enableEgress", "fix.enableEgressToInternet", "summary.egressDisabled", "summary.egressAllowed",
            ].contains($0.code)
        }
        #expect(egress.count == 11)
        for (code, text) in egress { #expect(text.contains(ChineseWords.egress), "\(code): \(text)") }
    }

    /// The Chinese of every sample, compared whole with `Tests/Fixtures/explain-chinese.txt`
    /// (`MESHDECK_RECORD_GOLDEN=1` rewrites it).
    @Test func chineseWordsAreAsPinned() throws {
        for difference in try ExplanationGolden.differences(
            ExplanationGolden.render(in: ChineseWords()), file: "explain-chinese.txt")
        {
            Issue.record("\(difference)")
        }
    }
}

/// The data plane reports a probe's reason in English (`probe -o json` keeps it so); the
/// front ends say a verdict's summary again in the language asked for, naming the
/// TrafficTarget of the probe's time, and leave the data plane's own sentences as they are.
@Suite struct ProbeWordsTests {
    static func probe(
        _ cluster: Cluster, from: String = "curl/curl", to: String = "tcp-echo.tcp-demo:9000"
    ) async throws
        -> ProbeResult
    {
        try await InMemoryDataPlane(cluster).probe(from: from, to: to, message: "hello", timeout: 1)
    }

    @Test func summariesAreSaidAgainInChinese() async throws {
        var cluster = Scenario.walkthrough()
        cluster.setPermissive(false)
        let denied = try await Self.probe(cluster)
        #expect(ProbeWords.stopped(denied, in: ChineseWords()) == "服务端 sidecar：没有 TrafficTarget 允许这个连接")
        #expect(ProbeWords.stopped(denied, in: EnglishWords()) == "server sidecar: no TrafficTarget allows it")
        _ = try cluster.apply(TestManifests.decode(Scenario.bundle(named: "smi-policy")!.yaml))
        let allowed = try await Self.probe(cluster)
        #expect(allowed.reason == "TrafficTarget tcp-demo/tcp-access")
        #expect(ProbeWords.reason(allowed, in: ChineseWords()) == "TrafficTarget tcp-demo/tcp-access 允许")
        let unknown = try await Self.probe(cluster, to: "nope.tcp-demo:9000")
        #expect(ProbeWords.reason(unknown, in: ChineseWords()) == "名称无法解析")
    }

    @Test func theDataPlanesOwnSentencesStayEnglish() async throws {
        var result = try await Self.probe(Scenario.walkthrough())
        // As the data plane reports its own sentences: English, with no policy codes.
        result.outcome = .error
        result.reasonWords = nil
        result.reason = "the connection was closed without a reply"
        #expect(ProbeWords.reason(result, in: ChineseWords()) == result.reason)
        // English that is not this verdict's summary is not guessed at.
        result.reason = "permissive mode (HTTP port: raw TCP gets 400)"
        #expect(ProbeWords.reason(result, in: ChineseWords()) == result.reason, "not this verdict's summary")
    }
}
