import ArgumentParser
import Foundation
import MeshCertificates
import MeshModel
import Presentation

/// `meshdeck certs`: the service certificates the mesh's CA issues for the loaded cluster, as
/// OSM's SDS would hand them to each sidecar.
struct Certs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The mesh's certificates: one per ServiceAccount with meshed pods, signed by the mesh's root.",
        usage: """
            meshdeck certs [NS/WORKLOAD] [-o json|yaml] [--pem | --root-pem] [options]
            """,
        discussion: """
            Each meshed pod's sidecar proves its identity with a certificate for its ServiceAccount, common name <serviceaccount>.<namespace>.cluster.local, signed by the mesh's root (osm-ca.openservicemesh.io), valid for MeshConfig spec.certificate.serviceCertValidityDuration (24h by default), as Open Service Mesh v1.2 issues them. The CA lives in memory for one run, so serials, keys and fingerprints differ on every run.

            Examples:
              meshdeck certs
              meshdeck certs curl/curl
              meshdeck certs curl/curl --pem | openssl x509 -noout -text
              meshdeck certs --root-pem > root.pem
            """)

    @Argument(
        help: ArgumentHelp(
            "A workload (Deployment) or pod, as NS/NAME: show its ServiceAccount's certificate.", valueName: "NS/WORKLOAD"))
    var workload: String?

    @OptionGroup var output: OutputOptions<JSONOrYAML>

    @Flag(help: "Print the certificate (or every certificate) as PEM, for openssl.")
    var pem = false

    @Flag(name: .customLong("root-pem"), help: "Print the mesh's root certificate as PEM (openssl verify -CAfile).")
    var rootPEM = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        try output.check(command: "certs")
        if pem && rootPEM { throw ValidationError("use either --pem or --root-pem, not both") }
        if (pem || rootPEM) && output.format != nil { throw ValidationError("--pem prints PEM; leave out -o") }
    }

    func run() throws {
        let console = Console.current
        let loaded = try ClusterLoader.load(common)
        let validity = CertificateValidity(
            serviceCertValidityDuration: loaded.cluster.meshConfig?.serviceCertValidityDuration)
        if let warning = validity.warning { console.err("warning: \(warning.terminalSafe)") }
        let ca = try MeshCertificateAuthority(validity: validity)
        if rootPEM {
            console.out(Self.withoutFinalNewline(ca.currentRoot.pem))
            return
        }
        let holders = try selectedHolders(loaded.cluster, console: console)
        let issued = try holders.map { holder in (holder, try ca.certificate(for: holder.identity)) }
        if pem {
            console.out(Self.withoutFinalNewline(issued.map { $0.1.pem }.joined()))
            return
        }
        let described = issued.map { CertificateJSON(summary: CertificateSummary($0.1), pods: $0.0.pods, pem: $0.1.pem) }
        if let format = output.format {
            console.out(StructuredOutput.render(described, as: format, literalBlocks: ["pem"]))
            return
        }
        if workload != nil, let one = described.first {
            console.out(Self.describe(one, validity: validity, console: console))
            return
        }
        guard !described.isEmpty else {
            console.err("no meshed pods, so no service certificates (a sidecar asks for one when its pod starts)")
            return
        }
        var table = Table(headers: ["IDENTITY", "PODS", "NOT AFTER", "SERIAL"])
        for c in described {
            table.rows.append([
                c.commonName.terminalSafe, "\(c.pods.count)", Self.time(c.notAfter), String(c.serial.prefix(12)) + "…",
            ])
        }
        console.out(table.render())
        console.out("\nsigned by the mesh's root, \(RootCertificate.commonName), in memory for this run")
        console.out("'meshdeck certs NS/WORKLOAD' shows one; --pem prints them for openssl")
    }

    /// One ServiceAccount that has meshed pods.
    struct Holder {
        var identity: ServiceIdentity
        var pods: [String]
    }

    /// Every ServiceAccount with meshed pods, or the one `workload` names.
    func selectedHolders(_ cluster: Cluster, console: Console) throws -> [Holder] {
        var pods = cluster.pods()
        if let workload {
            let parts = workload.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                console.err("error: '\(workload.terminalSafe)' is not NS/WORKLOAD (for example curl/curl)")
                throw ExitCode(2)
            }
            let namespace = String(parts[0]), name = String(parts[1])
            pods = pods.filter { $0.namespace == namespace && ($0.deployment == name || $0.name == name) }
            guard let first = pods.first else {
                console.err("error: no workload or pod \(workload.terminalSafe) in the cluster")
                throw ExitCode(2)
            }
            guard first.hasSidecar else {
                console.err(
                    "error: \(workload.terminalSafe) has no sidecar, so no mesh certificate: \(first.sidecarReason.terminalSafe)"
                )
                throw ExitCode(2)
            }
        }
        var byIdentity: [ServiceIdentity: [String]] = [:]
        for pod in pods where pod.hasSidecar {
            byIdentity[ServiceIdentity(serviceAccount: pod.serviceAccount, namespace: pod.namespace), default: []].append(
                pod.name)
        }
        return byIdentity.keys.sorted().map { Holder(identity: $0, pods: byIdentity[$0]!.sorted()) }
    }

    static func describe(_ c: CertificateJSON, validity: CertificateValidity, console: Console) -> String {
        let hours = validity.seconds / 3600
        let lasting = hours == hours.rounded() ? "\(Int(hours))h" : "\(Int(validity.seconds))s"
        let rows: [(String, String)] = [
            ("Identity", "\(c.commonName) (ServiceAccount \(c.serviceAccount))"),
            ("Pods", c.pods.joined(separator: ", ")),
            ("Subject", c.subject),
            ("SANs", c.subjectAlternativeNames.joined(separator: ", ")),
            ("Issuer", c.issuer),
            ("Serial", c.serial),
            ("Not before", time(c.notBefore)),
            ("Not after", "\(time(c.notAfter))  (\(lasting): MeshConfig spec.certificate.serviceCertValidityDuration)"),
            ("Renewed", "30 s (plus 0-4 s) before it expires, as OSM does"),
            ("Fingerprint", "SHA256 \(c.fingerprint)"),
            ("Key", "ECDSA P-256 (OSM's Tresor uses RSA 2048)"),
        ]
        return rows.map { "\(($0.0 + ":").padding(toLength: 13, withPad: " ", startingAt: 0))\($0.1)".terminalSafe }
            .joined(separator: "\n")
    }

    static func time(_ date: Date) -> String { date.formatted(.iso8601) }

    static func withoutFinalNewline(_ text: String) -> String { text.hasSuffix("\n") ? String(text.dropLast()) : text }
}

/// The fields of `certs -o json|yaml`: one object per certificate.
struct CertificateJSON: Encodable {
    var commonName: String
    var serviceAccount: String
    var pods: [String]
    var subject: String
    var subjectAlternativeNames: [String]
    var issuer: String
    var serial: String
    var notBefore: Date
    var notAfter: Date
    var fingerprint: String
    var pem: String

    init(summary: CertificateSummary, pods: [String], pem: String) {
        commonName = summary.subjectAlternativeNames.first.map { String($0.dropFirst("DNS:".count)) } ?? summary.identity
        serviceAccount = summary.identity
        self.pods = pods
        subject = summary.subject
        subjectAlternativeNames = summary.subjectAlternativeNames
        issuer = summary.issuer
        serial = summary.serial
        notBefore = summary.notBefore
        notAfter = summary.notAfter
        fingerprint = summary.fingerprint
        self.pem = pem
    }
}
