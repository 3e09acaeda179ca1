import ConnectionEngine
import Foundation
import MeshCertificates

extension DataplaneBench {
    /// Writes a PEM file (certificate, then key) per attack identity into a fresh directory.
    static func writeCertificates(of engine: MeshEngine) throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("meshdeck-bench-certs-\(ProcessInfo.processInfo.processIdentifier)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let identities =
            [ServiceIdentity(serviceAccount: "curl", namespace: "curl"), .init(serviceAccount: "flood", namespace: "attacker")]
            + (0..<64).map { ServiceIdentity(serviceAccount: "a\($0)", namespace: "attacker") }
        for identity in identities {
            try writePEM(
                engine.certificates.certificate(for: identity),
                to: "\(directory)/\(identity.namespace)_\(identity.serviceAccount).pem")
        }
        return directory
    }

    /// One PEM file, the certificate then its key, as HAProxy's `crt` and the attack scripts read it.
    static func writePEM(_ issued: ServiceCertificate, to path: String) throws {
        try (issued.pem + "\n" + issued.privateKeyPEM + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
