/// How much manifest input one apply may make MeshDeck hold. Both bounds are checked before the
/// input that would cross them is parsed, so a runaway file is refused with a message instead of
/// taking minutes and gigabytes (a 100 MB file of 1.6 million documents took 6 minutes and
/// 1.26 GB in a debug build before these bounds).
///
/// The defaults leave room for real clusters: `kubectl get -A -o yaml` of a 10,000-pod cluster
/// is about 12 MB and 50,000 objects. YAML held as nodes takes about 23 times its size (a 21 MB
/// kubectl-style List peaked at 496 MB), so the byte bound is also the memory bound.
package struct ManifestLimits: Sendable, Equatable {
    /// The largest file (or standard input) read, in bytes. `MESHDECK_MAX_MANIFEST_BYTES`.
    var maxBytesPerFile: Int
    /// The most documents decoded in one apply, over all its files; each item of a `kind: List`
    /// counts as one. `MESHDECK_MAX_MANIFEST_DOCUMENTS`.
    var maxDocuments: Int

    static let bytesVariable = "MESHDECK_MAX_MANIFEST_BYTES"
    static let documentsVariable = "MESHDECK_MAX_MANIFEST_DOCUMENTS"

    /// 64 MiB per file, 100,000 documents per apply.
    static let `default` = ManifestLimits(maxBytesPerFile: 64 << 20, maxDocuments: 100_000)

    init(maxBytesPerFile: Int, maxDocuments: Int) {
        self.maxBytesPerFile = maxBytesPerFile
        self.maxDocuments = maxDocuments
    }

    /// The limits the environment asks for, or why a value there is not one.
    package init(environment: [String: String]) throws(ManifestLimitsError) {
        self = .default
        if let text = environment[Self.bytesVariable] {
            guard let bytes = ByteCount.parse(text), bytes > 0 else {
                throw ManifestLimitsError(
                    variable: Self.bytesVariable, value: text, expected: "a size in bytes such as 134217728, 128M or 1G")
            }
            maxBytesPerFile = bytes
        }
        if let text = environment[Self.documentsVariable] {
            guard let count = Int(text.filter { $0 != "_" && $0 != "," }), count > 0 else {
                throw ManifestLimitsError(
                    variable: Self.documentsVariable, value: text, expected: "a whole number such as 200000")
            }
            maxDocuments = count
        }
    }

    /// The process's limits; a malformed variable counts as unset here (the commands refuse it
    /// up front, through `init(environment:)`, before anything reads a manifest).
    static func current(_ environment: [String: String]) -> ManifestLimits {
        (try? ManifestLimits(environment: environment)) ?? .default
    }

    /// What to do about a file too large, for its diagnostic.
    var bytesHint: String {
        "raise the limit with \(Self.bytesVariable)=SIZE (now \(ByteCount.describe(maxBytesPerFile)); "
            + "K, M and G suffixes work), or split the input into several files"
    }

    /// What to do about too many documents, for its diagnostic.
    var documentsHint: String {
        "raise the limit with \(Self.documentsVariable)=N (now \(maxDocuments.formatted)), or apply the manifests in parts"
    }
}

/// A limit variable whose value is not a limit: the command stops with exit 2 before reading.
package struct ManifestLimitsError: Error, Sendable, Equatable, CustomStringConvertible {
    var variable: String
    var value: String
    var expected: String
    package var description: String { "\(variable)='\(value.terminalSafe)' is not \(expected)" }
}

extension Int {
    /// 100000 as "100,000": limits read better with separators.
    var formatted: String {
        let digits = Array(String(self))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}
