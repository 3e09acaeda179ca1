import Foundation
import Testing

@testable import MeshModel

/// Validation against the CRD schemas as data (CRDSchema.swift; scripts/check-crd-schemas.py keeps
/// it in step with OSM v1.2.4's cmd/osm-bootstrap/crds): a MeshConfig the API server refuses, in
/// either served version, is refused with file:line:field and the API server's words.
@Suite struct CRDSchemaTests {
    func decode(_ yaml: String) -> ManifestDecoder.Output { ManifestDecoder().decode(yaml, file: "mc.yaml") }

    static func meshConfig(_ version: String, _ spec: String) -> String {
        "apiVersion: config.openservicemesh.io/\(version)\nkind: MeshConfig\nmetadata: {name: osm-mesh-config, namespace: osm-system}\nspec:\n\(spec)"
    }

    /// config_meshconfig.yaml: `certificate` requires serviceCertValidityDuration and
    /// certKeyBitSize, in v1alpha1 as in v1alpha2.
    @Test(arguments: ["v1alpha1", "v1alpha2"])
    func certificateWithoutCertKeyBitSizeIsRefusedAtItsLine(version: String) {
        let out = decode(Self.meshConfig(version, "  certificate:\n    serviceCertValidityDuration: 24h\n"))
        let error = out.errors.first { $0.fieldPath == "spec.certificate" }
        #expect(error?.message == "certKeyBitSize: Required value", "\(out.errors)")
        #expect(error?.location?.file == "mc.yaml")
        #expect(error?.location?.line == 6)
        #expect(out.resources.isEmpty)
    }

    @Test(arguments: ["v1alpha1", "v1alpha2"])
    func ingressGatewaySecretNeedsNameAndNamespace(version: String) {
        let out = decode(
            Self.meshConfig(
                version,
                "  certificate:\n    serviceCertValidityDuration: 24h\n    certKeyBitSize: 2048\n    ingressGateway:\n      subjectAltNames: [a]\n      validityDuration: 24h\n      secret: {name: s}\n"
            ))
        let error = out.errors.first { $0.fieldPath == "spec.certificate.ingressGateway.secret" }
        #expect(error?.message == "namespace: Required value", "\(out.errors)")
        #expect(error?.location?.line == 11)
    }

    @Test(arguments: ["v1alpha1", "v1alpha2"])
    func logLevelOutsideTheEnumIsRefusedWithTheSupportedValues(version: String) {
        let out = decode(Self.meshConfig(version, "  sidecar: {logLevel: verbose}\n"))
        let error = out.errors.first { $0.fieldPath == "spec.sidecar.logLevel" }
        #expect(error?.message.hasPrefix("Unsupported value: \"verbose\": supported values: \"trace\", \"debug\"") == true)
        #expect(out.resources.isEmpty)
    }

    @Test func aMeshConfigTheCRDAcceptsLoads() {
        let out = decode(
            Self.meshConfig(
                "v1alpha2",
                "  sidecar: {logLevel: off, localProxyMode: PodIP}\n  certificate: {serviceCertValidityDuration: 24h, certKeyBitSize: 2048}\n"
            ))
        #expect(out.errors.isEmpty, "\(out.errors)")
        #expect(out.resources.count == 1)
    }

    /// localProxyMode is a v1alpha2 field: v1alpha1's schema has no enum for it.
    @Test func theFactsAreReadPerVersion() {
        let v2 = decode(Self.meshConfig("v1alpha2", "  sidecar: {localProxyMode: Nowhere}\n"))
        #expect(v2.errors.contains { $0.fieldPath == "spec.sidecar.localProxyMode" })
        #expect(CRDSchema.facts.count == CRDSchema.data.split(separator: "\n").count)
        #expect(CRDSchema.facts.allSatisfy { f in ResourceKind.allCases.contains { $0.rawValue == f.kind } })
    }
}

/// Every kind CRDSchema lists is checked against its CRD (cmd/osm-bootstrap/crds/*.yaml in OSM
/// v1.2.4): a document the API server refuses is refused at its file, line and field in the API
/// server's words; one it accepts loads. Each refused case is one the decoder alone lets
/// through, unless said otherwise (then the decoder's message is the one kept).
@Suite struct CRDSchemaEveryKindTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var kind: String
        var header: String
        /// A spec the CRD accepts.
        var valid: String
        /// A spec the CRD refuses, the field reported and the message.
        var invalid: String
        var field: String
        var message: String
        var line: Int
        var testDescription: String { kind }
    }

    static func document(_ c: Case, _ spec: String) -> String {
        "apiVersion: \(c.header)\nkind: \(c.kind)\nmetadata: {name: x, namespace: ns}\nspec:\n\(spec)"
    }

    static let cases: [Case] = [
        // policy_egress.yaml: a match needs apiGroup, kind and name.
        Case(
            kind: "Egress", header: "policy.openservicemesh.io/v1alpha1",
            valid:
                "  sources: [{kind: ServiceAccount, name: curl, namespace: curl}]\n  hosts: [httpbin.org]\n  ports: [{number: 80, protocol: http}]\n  matches: [{apiGroup: specs.smi-spec.io/v1alpha4, kind: HTTPRouteGroup, name: r}]\n",
            invalid:
                "  sources: [{kind: ServiceAccount, name: curl, namespace: curl}]\n  ports: [{number: 80, protocol: http}]\n  matches:\n  - {kind: HTTPRouteGroup, name: r}\n",
            field: "spec.matches[0]", message: "apiGroup: Required value", line: 8),
        // smi_http_route_group.yaml: spec requires matches; a method is one of the enum.
        Case(
            kind: "HTTPRouteGroup", header: "specs.smi-spec.io/v1alpha4",
            valid: "  matches: [{name: all, methods: [\"*\", GET]}]\n",
            invalid: "  matches:\n  - name: m\n    methods: [GET, FETCH]\n",
            field: "spec.matches[0].methods[1]",
            message:
                "Unsupported value: \"FETCH\": supported values: \"*\", \"GET\", \"HEAD\", \"PUT\", \"POST\", \"DELETE\", \"CONNECT\", \"OPTIONS\", \"TRACE\", \"PATCH\"",
            line: 7),
        // policy_ingress_backend.yaml: a match needs apiGroup, kind and name.
        Case(
            kind: "IngressBackend", header: "policy.openservicemesh.io/v1alpha1",
            valid:
                "  backends: [{name: httpbin, port: {number: 14001, protocol: http}}]\n  sources: [{kind: Service, namespace: ingress-nginx, name: ingress-nginx-controller}]\n",
            invalid:
                "  backends: [{name: httpbin, port: {number: 14001, protocol: http}}]\n  sources: [{kind: Service, namespace: ingress-nginx, name: c}]\n  matches:\n  - {kind: HTTPRouteGroup, name: r}\n",
            field: "spec.matches[0]", message: "apiGroup: Required value", line: 8),
        // config_mesh_root_certificate.yaml: a tresor provider needs ca.secretRef.
        Case(
            kind: "MeshRootCertificate", header: "config.openservicemesh.io/v1alpha2",
            valid: "  provider:\n    tresor: {ca: {secretRef: {name: osm-ca-bundle, namespace: osm-system}}}\n",
            invalid: "  provider:\n    tresor:\n      ca: {}\n",
            field: "spec.provider.tresor.ca", message: "secretRef: Required value", line: 7),
        // policy_retry.yaml: retryPolicy requires numRetries, perTryTimeout,
        // retryBackoffBaseInterval and retryOn.
        Case(
            kind: "Retry", header: "policy.openservicemesh.io/v1alpha1",
            valid:
                "  source: {kind: ServiceAccount, name: curl, namespace: curl}\n  destinations: [{kind: Service, name: httpbin, namespace: httpbin}]\n  retryPolicy: {retryOn: 5xx, perTryTimeout: 1s, numRetries: 5, retryBackoffBaseInterval: 1s}\n",
            invalid:
                "  source: {kind: ServiceAccount, name: curl, namespace: curl}\n  destinations: [{kind: Service, name: httpbin, namespace: httpbin}]\n  retryPolicy:\n    retryOn: 5xx\n    perTryTimeout: 1s\n    numRetries: 5\n",
            field: "spec.retryPolicy", message: "retryBackoffBaseInterval: Required value", line: 8),
        // smi_tcp_route.yaml: matches requires ports. The decoder checks this one already, so
        // its message is the one kept (and the case passes with the kind left out).
        Case(
            kind: "TCPRoute", header: "specs.smi-spec.io/v1alpha4",
            valid: "  matches: {ports: [9000]}\n",
            invalid: "  matches: {}\n",
            field: "spec.matches.ports", message: "required field is missing", line: 5),
        // smi_traffic_split.yaml: a backend needs service and weight; decoder-checked too.
        Case(
            kind: "TrafficSplit", header: "split.smi-spec.io/v1alpha2",
            valid: "  service: web.ns\n  backends: [{service: web-v1, weight: 90}, {service: web-v2, weight: 10}]\n",
            invalid: "  service: web\n  backends:\n  - {service: web-v1}\n",
            field: "spec.backends[0].weight", message: "required field is missing", line: 7),
        // smi_traffic_access.yaml: `sources: []` and a source without namespace are accepted;
        // a rule's kind is one of the enum (decoder-checked, in the same words).
        Case(
            kind: "TrafficTarget", header: "access.smi-spec.io/v1alpha3",
            valid: "  destination: {kind: ServiceAccount, name: web}\n  sources: []\n  rules: [{kind: TCPRoute, name: r}]\n",
            invalid:
                "  destination: {kind: ServiceAccount, name: web, namespace: ns}\n  sources: [{kind: ServiceAccount, name: c}]\n  rules:\n  - {kind: GRPCRoute, name: r}\n",
            field: "spec.rules[0].kind",
            message: "Unsupported value: \"GRPCRoute\": supported values: \"HTTPRouteGroup\", \"TCPRoute\", \"UDPRoute\"",
            line: 8),
        // policy_upstream_traffic_setting.yaml: a local TCP rate limit's unit is second, minute or hour.
        Case(
            kind: "UpstreamTrafficSetting", header: "policy.openservicemesh.io/v1alpha1",
            valid:
                "  host: httpbin.httpbin.svc.cluster.local\n  rateLimit: {local: {tcp: {connections: 1, unit: minute}}}\n",
            invalid:
                "  host: httpbin.httpbin.svc.cluster.local\n  rateLimit:\n    local:\n      tcp: {connections: 1, unit: day}\n",
            field: "spec.rateLimit.local.tcp.unit",
            message: "Unsupported value: \"day\": supported values: \"second\", \"minute\", \"hour\"", line: 8),
        // config_meshconfig.yaml: certificate requires certKeyBitSize.
        Case(
            kind: "MeshConfig", header: "config.openservicemesh.io/v1alpha2",
            valid: "  certificate: {serviceCertValidityDuration: 24h, certKeyBitSize: 2048}\n",
            invalid: "  certificate:\n    serviceCertValidityDuration: 24h\n",
            field: "spec.certificate", message: "certKeyBitSize: Required value", line: 6),
    ]

    @Test(arguments: cases)
    func aDocumentTheCRDRefusesIsRefusedWithTheAPIServersWords(_ c: Case) {
        let out = ManifestDecoder().decode(Self.document(c, c.invalid), file: "k.yaml")
        let errors = out.errors.filter { $0.fieldPath == c.field }
        #expect(errors.map(\.message) == [c.message], "\(out.errors)")
        #expect(errors.first?.location?.file == "k.yaml")
        #expect(errors.first?.location?.line == c.line)
        #expect(out.resources.isEmpty)
    }

    @Test(arguments: cases)
    func aDocumentTheCRDAcceptsLoads(_ c: Case) {
        let out = ManifestDecoder().decode(Self.document(c, c.valid), file: "k.yaml")
        #expect(out.errors.isEmpty, "\(out.errors)")
        #expect(out.resources.count == 1)
    }

    /// One mistake reads once: where the decoder and the schema both know a required key,
    /// only the decoder's message is said.
    @Test func aFieldTheDecoderRefusedIsNotReportedTwice() {
        let out = ManifestDecoder().decode(
            "apiVersion: policy.openservicemesh.io/v1alpha1\nkind: Egress\nmetadata: {name: x, namespace: ns}\nspec:\n  sources: [{kind: ServiceAccount, name: c}]\n  ports: [{number: 80}]\n",
            file: "k.yaml")
        #expect(out.errors.map(\.fieldPath) == ["spec.sources[0].namespace", "spec.ports[0].protocol"], "\(out.errors)")
        #expect(out.errors.allSatisfy { $0.message == "required field is missing" })
    }

    @Test func everyKindInTheDataIsEnforcedAndHasACase() {
        let listed = Set(CRDSchema.facts.map(\.kind))
        #expect(Set(CRDSchema.enforced.map(\.rawValue)) == listed)
        #expect(Set(Self.cases.map(\.kind)) == listed)
    }
}
