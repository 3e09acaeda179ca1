import Yams

extension Resolver {
    /// Yams' default (YAML 1.1) tag resolution, the same answers faster. Yams tries its seven
    /// rules' regular expressions in turn on every plain scalar, and on Linux each try costs a
    /// bridge to NSString: that was half of decoding a 5,100-document dump (perf). Nearly every
    /// scalar in a manifest (`name`, `tcp-echo`, `apps/v1`) begins with a letter and is no YAML
    /// 1.1 word, and no other rule can match such text (ints, floats and timestamps begin with a
    /// digit, a sign or a dot; null, merge and value are `~`, empty, `<<`, `=`), so one rule
    /// up front settles them as strings in one try. `ManifestResolverTests` checks the answers
    /// against `Resolver.default`.
    static let manifest = makeManifest()

    /// A resolver of its own, for a thread that decodes beside others
    /// (ManifestDecoder+Parallel.swift): the rules' regular expressions are Foundation objects,
    /// and threads sharing one serialised on it.
    static func makeManifest() -> Resolver {
        let words = [
            "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON",
            "off", "Off", "OFF", "null", "Null", "NULL",
        ]
        // Force-try: a constant pattern, checked by every test that decodes a manifest.
        let plainWord = try! Resolver.Rule(.str, "^(?!(?:\(words.joined(separator: "|")))$)[A-Za-z]")
        return [.bool, .int, .float, .merge, .null, .timestamp, .value].reduce(Resolver.basic.appending(plainWord)) {
            $0.appending($1)
        }
    }
}
