import Testing

@testable import MeshCertificates

@Suite struct IdentityAndDurationTests {
    /// pkg/identity/types.go: `<sa>.<ns>` plus the trust domain.
    @Test func theCommonNameIsServiceAccountNamespaceTrustDomain() {
        let identity = ServiceIdentity(serviceAccount: "bookbuyer", namespace: "bookbuyer")
        #expect(identity.commonName() == "bookbuyer.bookbuyer.cluster.local")
        #expect(ServiceIdentity(commonName: "bookbuyer.bookbuyer.cluster.local") == identity)
    }

    /// A ServiceAccount name may hold dots (a DNS subdomain); a namespace may not (a label).
    @Test func aDottedServiceAccountNameReadsBackWhole() {
        let identity = ServiceIdentity(serviceAccount: "api.v2", namespace: "shop")
        #expect(ServiceIdentity(commonName: identity.commonName()) == identity)
        #expect(ServiceIdentity(commonName: "curl.curl.example.org") == nil)
        #expect(ServiceIdentity(commonName: "curl.cluster.local") == nil)
    }

    /// Go's time.ParseDuration, as OSM reads serviceCertValidityDuration.
    @Test(arguments: [
        ("24h", 86_400.0), ("1h30m", 5_400), ("1.5h", 5_400), ("90s", 90), ("300ms", 0.3), ("2h45m10s", 9_910),
        ("0", 0), (".5h", 1_800), ("1us", 1e-6), ("1µs", 1e-6),
    ])
    func goDurationsParseAsGoParsesThem(text: String, seconds: Double) {
        #expect(abs((GoDuration.seconds(text) ?? -1) - seconds) < 1e-9)
    }

    @Test(arguments: ["", "h", "24", "1d", "1h 30m", "1..5h", "-", "24H"])
    func textGoRefusesIsNotADuration(text: String) {
        #expect(GoDuration.seconds(text) == nil)
    }

    /// pkg/configurator/methods.go: a value ParseDuration refuses means 24h (with an error log
    /// in OSM, a warning here).
    @Test func aBadValidityFallsBackToTwentyFourHoursWithAWarning() {
        #expect(CertificateValidity(serviceCertValidityDuration: nil) == CertificateValidity(seconds: 86_400))
        #expect(CertificateValidity(serviceCertValidityDuration: "1h").seconds == 3_600)
        let bad = CertificateValidity(serviceCertValidityDuration: "one day")
        #expect(bad.seconds == 86_400)
        #expect(bad.warning?.contains("'one day' is not a positive duration") == true)
        #expect(CertificateValidity(serviceCertValidityDuration: "-1h").seconds == 86_400)
    }
}
