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
