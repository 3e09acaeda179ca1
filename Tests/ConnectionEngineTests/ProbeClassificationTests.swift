import DataPlaneInterface
import MeshDeckTestSupport
import MeshModel
import PolicyEngine
import Testing

@testable import ConnectionEngine

/// How a probe's exchange is put to the user (outcome, reason, what `nc` printed, where it
/// went), one branch at a time, without sockets: what the sidecars noted and what came back.
@Suite struct ProbeClassificationTests {
    static let policy = PolicyIndex(Scenario.walkthrough())
    static let echoPod = ObjectKey(namespace: "tcp-demo", name: "tcp-echo-1")
    static let otherPod = ObjectKey(namespace: "tcp-demo", name: "tcp-echo-2")
    static let allowed = Verdict(allowed: true, point: .serverSidecar, reason: .permissive)
    static let denied = Verdict(allowed: false, point: .serverSidecar, reason: .smiNoTrafficTarget)
    static let viaSidecar = ProbeClassification.Context(
        dialed: "outbound sidecar of curl/curl-1",
        refusedMessage: "nc: can't connect to remote host (10.0.0.1): Connection refused")
    static let reply = "echo response: hello\n"

    func classify(
        _ record: ConnectionRecord = ConnectionRecord(), reply: String = "", timedOut: Bool = false, failure: String? = nil,
        context: ProbeClassification.Context = viaSidecar
    ) -> ProbeClassification {
        ProbeClassification.classify(
            record, .init(failure: failure, reply: reply, timedOut: timedOut), context: context, timeout: 2,
            policy: Self.policy)
    }

    @Test func allowedWithTheServersReply() {
        var record = ConnectionRecord()
        record.clientVerdict = Self.allowed
        record.serverVerdict = Self.allowed
        record.endpointPod = Self.echoPod
        #expect(
            classify(record, reply: Self.reply)
                == ProbeClassification(
                    outcome: .allowed, verdict: Self.allowed, reason: "permissive mode",
                    reasonWords: .summary(.permissive(httpPort: false)), clientError: nil, endpointPod: Self.echoPod))
    }

    @Test func tunnelLostIsAnErrorNamingThePod() {
        var record = ConnectionRecord()
        record.clientVerdict = Self.allowed
        record.endpointPod = Self.otherPod
        record.tunnelLost = Self.echoPod
        let c = classify(record, reply: "partial")
        #expect(c.outcome == .error)
        #expect(c.reason == "the tunnel to the inbound sidecar of tcp-demo/tcp-echo-1 closed while the connection was in it")
        #expect(c.endpointPod == Self.echoPod)
        #expect(c.clientError == "command terminated with exit code 1")
        #expect(c.verdict == Self.allowed)
    }

    @Test func refusedByAStoppedAppIsAnErrorNamingThePod() {
        var record = ConnectionRecord()
        record.serverVerdict = Self.allowed
        record.refusedBy = Self.echoPod
        let c = classify(record)
        #expect(c.outcome == .error)
        #expect(c.reason == "connection refused by pod tcp-demo/tcp-echo-1 (nothing listening on the target port)")
        #expect(c.endpointPod == Self.echoPod)
        #expect(!c.timedOut)
    }

    @Test func timedOutWithNoReply() {
        var record = ConnectionRecord()
        record.serverVerdict = Self.allowed
        let c = classify(record, timedOut: true)
        #expect(c.outcome == .error && c.timedOut)
        #expect(c.reason == "no reply within 2.0 s")
        #expect(c.clientError == "command terminated with exit code 1")
    }

    /// A reply that came before the timeout counts: the timeout only cut the wait for EOF.
    @Test func timedOutAfterAReplyIsAllowed() {
        var record = ConnectionRecord()
        record.serverVerdict = Self.allowed
        let c = classify(record, reply: Self.reply, timedOut: true)
        #expect(c.outcome == .allowed && !c.timedOut)
    }

    @Test func httpPortAnswersWithTheClientSidecars400() {
        var record = ConnectionRecord()
        record.clientVerdict = Verdict(allowed: true, point: .serverSidecar, reason: .permissive, httpPort: true)
        record.badRequest = true
        let c = classify(record, reply: "HTTP/1.1 400 Bad Request\r\n")
        #expect(c.outcome == .allowed && c.clientError == nil)
        #expect(c.reason == "the port is HTTP to the mesh: the client sidecar answered the raw TCP message with 400 Bad Request")
    }

    /// The server sidecar's verdict settles it over the client's (which passed it on).
    @Test func deniedByTheServerSidecar() {
        var record = ConnectionRecord()
        record.clientVerdict = Self.allowed
        record.serverVerdict = Self.denied
        let c = classify(record)
        #expect(c.outcome == .denied && c.verdict == Self.denied)
        #expect(c.reason == "no TrafficTarget allows it")
        #expect(c.clientError == "command terminated with exit code 1")
    }

    /// Closed before any sidecar decided (an overloaded sidecar closing what it accepted, say):
    /// nothing denied it, so it is an error, never a denial.
    @Test func closedWithoutAnyVerdictIsAnErrorNotADenial() {
        let c = classify()
        #expect(c.outcome == .error && c.verdict == nil)
        #expect(c.reason == "the connection closed before any sidecar decided (the client sidecar may be overloaded)")
        #expect(c.clientError == "command terminated with exit code 1")
    }

    /// Allowed by the policy, but the app answered nothing (a line longer than it takes): an
    /// error, not an allowed probe.
    @Test func anAllowedProbeWithoutTheEchoIsAnError() {
        var record = ConnectionRecord()
        record.clientVerdict = Self.allowed
        record.serverVerdict = Self.allowed
        let c = classify(record)
        #expect(c.outcome == .error && c.verdict == Self.allowed)
        #expect(c.reason.hasPrefix("allowed, but the connection closed without the echo"))
    }

    @Test func aReplyThatIsNotTheEchoIsAnError() {
        var record = ConnectionRecord()
        record.serverVerdict = Self.allowed
        let c = classify(record, reply: "impostor\n")
        #expect(c.outcome == .error)
        #expect(c.reason == "the reply is not the echo of the message (9 bytes)")
        let cut = classify(record, reply: "echo resp", timedOut: true)
        #expect(cut.outcome == .error && cut.reason.hasPrefix("an incomplete reply within 2.0 s"))
    }

    /// An HTTP port's 400 counts only when the client sidecar noted that it sent it.
    @Test func a400WithoutTheSidecarsNoteIsAnError() {
        var record = ConnectionRecord()
        record.serverVerdict = Self.allowed
        #expect(classify(record, reply: ProbeClassification.badRequestPrefix).outcome == .error)
    }

    @Test func aBoundThatRefusedItIsAnErrorNamingTheBound() {
        var record = ConnectionRecord()
        record.clientVerdict = Self.allowed
        record.refusedByLimit = "refused a stream from curl/curl: it already has 4096 open (maxStreamsPerIdentity)"
        let c = classify(record)
        #expect(c.outcome == .error)
        #expect(c.reason == "refused a stream from curl/curl: it already has 4096 open (maxStreamsPerIdentity)")
    }

    @Test func theEchoOfEveryLineOfTheMessage() {
        #expect(ProbeClassification.echoReply(to: "hello") == "echo response: hello\n")
        #expect(ProbeClassification.echoReply(to: "") == "echo response: \n")
        #expect(ProbeClassification.echoReply(to: "a\nb") == "echo response: a\necho response: b\n")
    }

    /// What came back is the fact: a reply despite a denial on record is reported as allowed.
    @Test func aReplyDespiteADenialVerdictIsAllowed() {
        var record = ConnectionRecord()
        record.clientVerdict = Self.denied
        let c = classify(record, reply: Self.reply)
        #expect(c.outcome == .allowed && c.verdict == Self.denied && c.clientError == nil)
        #expect(c.reason == "no TrafficTarget allows it")
    }

    /// A pod without a sidecar: no sidecar notes anything, the policy's route is the verdict,
    /// and the endpoint is kube-proxy's choice.
    @Test func withoutASidecarThePolicysRouteExplainsTheOutcome() {
        let context = ProbeClassification.Context(
            dialed: "inbound sidecar of tcp-demo/tcp-echo-1",
            attributed: Verdict(allowed: false, point: .serverSidecar, reason: .plaintextToMeshed), endpointPod: Self.echoPod,
            refusedMessage: "nc: can't connect")
        let c = classify(context: context)
        #expect(c.outcome == .denied && c.verdict?.reason == .plaintextToMeshed)
        #expect(c.reason == "source has no sidecar; destination accepts only mTLS")
        #expect(c.endpointPod == Self.echoPod)
    }

    @Test func aFailedConnectIsAnErrorWithNcsRefusal() {
        let c = classify(failure: "connection reset (error set): Connection refused (errno: 111)")
        #expect(c.outcome == .error && c.verdict == nil)
        #expect(
            c.reason
                == "connection to outbound sidecar of curl/curl-1 failed: connection reset (error set): Connection refused (errno: 111)"
        )
        #expect(c.clientError == "nc: can't connect to remote host (10.0.0.1): Connection refused")
    }
}
