import Foundation

/// When a service certificate is issued again, as OSM v1.2.4's certificate manager decides
/// (pkg/certificate/manager.go, shouldRotate; pkg/certificate/certificate.go,
/// RenewBeforeCertExpires and noiseSeconds): 30 seconds before it expires plus 0–4 seconds of
/// noise, so certificates issued together are not renewed together; and at once when the root
/// that signed it is no longer the mesh's (a root rotation).
package struct RenewalPolicy: Sendable {
    package var renewBefore: Double = 30
    /// The noise is a whole number of seconds below this.
    package var noiseSeconds: Int = 5

    package init() {}

    /// Should `certificate` be issued again at `now`? `noise` is the draw from 0..<noiseSeconds
    /// (a parameter so a test can pick it).
    package func shouldRenew(_ certificate: ServiceCertificate, currentRoot: RootCertificate, now: Date, noise: Int) -> Bool {
        if certificate.rootSerial != currentRoot.serial { return true }
        let renewAt = certificate.notValidAfter.addingTimeInterval(-(renewBefore + Double(noise)))
        return now >= renewAt
    }
}
