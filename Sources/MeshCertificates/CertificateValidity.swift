/// How long a service certificate is valid, from MeshConfig's
/// `spec.certificate.serviceCertValidityDuration`.
///
/// OSM v1.2.4 parses it with Go's ParseDuration and, when that fails, logs an error and uses
/// 24h (pkg/configurator/methods.go, GetServiceCertValidityPeriod and
/// defaultServiceCertValidityDuration); the CRD's default is also "24h". MeshDeck does the same
/// and says so in a warning instead of a controller log line.
package struct CertificateValidity: Sendable, Equatable {
    /// OSM's default: 24 hours.
    package static let defaultSeconds: Double = 24 * 3600

    package var seconds: Double
    /// Why the configured value was not used, when it was not.
    package var warning: String?

    package init(seconds: Double, warning: String? = nil) {
        self.seconds = seconds
        self.warning = warning
    }

    /// The validity `text` asks for (nil: unset, OSM's default).
    package init(serviceCertValidityDuration text: String?) {
        guard let text else {
            self.init(seconds: Self.defaultSeconds)
            return
        }
        guard let seconds = GoDuration.seconds(text), seconds > 0 else {
            self.init(
                seconds: Self.defaultSeconds,
                warning: "MeshConfig spec.certificate.serviceCertValidityDuration '\(text)' is not a positive duration "
                    + "such as 24h or 90m; using 24h, as OSM does")
            return
        }
        self.init(seconds: seconds)
    }
}
