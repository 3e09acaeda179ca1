import Foundation

/// Why an input could not be read, said as the cause (a symlink loop, a closed standard input,
/// no permission), not as a guess ("does not exist", "no manifests"). Becomes a diagnostic
/// that names the input, at line 0 (the file as a whole).
struct InputFailure: Error, Equatable {
    var message: String
    var hint: String?

    /// `stat`, `open` or `opendir` failed on `path` with `code`.
    static func path(_ path: String, errno code: Int32, listing: Bool = false) -> InputFailure {
        let quoted = "\"\(path)\""
        switch code {
        case ENOENT:
            return InputFailure(message: "the path \(quoted) does not exist")
        case ELOOP:
            return InputFailure(
                message: "the path \(quoted) is a symbolic link loop (too many levels of symbolic links)",
                hint: "see where the links point with 'ls -l'; one of them leads back to itself")
        case ENOTDIR:
            let file = firstNonDirectory(in: path).map { "\"\($0)\" is a file, not a directory" }
            return InputFailure(
                message: "the path \(quoted) does not exist: \(file ?? "a component of it is not a directory")")
        case EACCES, EPERM:
            return InputFailure(
                message: listing ? "cannot list this directory: permission denied" : "cannot be read: permission denied",
                hint: "meshdeck needs read permission on it and search (x) permission on every directory above it")
        case ENAMETOOLONG:
            return InputFailure(message: "the path is too long for this system (ENAMETOOLONG)")
        default:
            return InputFailure(message: "\(listing ? "cannot list this directory" : "cannot be read"): \(describe(code))")
        }
    }

    /// `read(2)` failed on an input that opened: a file, or standard input when `standardInput`.
    static func read(errno code: Int32, standardInput: Bool = false) -> InputFailure {
        if standardInput {
            return InputFailure(
                message: "could not read standard input: \(code == EISDIR ? "it is a directory" : describe(code))")
        }
        return code == EISDIR
            ? InputFailure(
                message: "is a directory inside a directory; directories are not read recursively",
                hint: "pass it with its own -f")
            : InputFailure(message: "cannot be read: \(describe(code))")
    }

    /// The input is larger than the limit; `size` when it is known (a regular file).
    static func tooLarge(size: Int?, limits: ManifestLimits) -> InputFailure {
        let limit = ByteCount.describe(limits.maxBytesPerFile)
        let what = size.map { "is \(ByteCount.describe($0)), larger than" } ?? "is larger than"
        return InputFailure(
            message: "\(what) the \(limit) limit for one manifest input; nothing was read", hint: limits.bytesHint)
    }

    /// strerror's words, lower-cased to sit inside a sentence.
    static func describe(_ code: Int32) -> String {
        let words = String(cString: strerror(code))
        return words.prefix(1).lowercased() + words.dropFirst()
    }

    /// The first prefix of `path` that exists and is not a directory (for ENOTDIR).
    private static func firstNonDirectory(in path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        var prefix = ""
        for (index, part) in parts.dropLast().enumerated() {
            prefix += (index == 0 ? "" : "/") + part
            if prefix.isEmpty { continue }
            var info = stat()
            if stat(prefix, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR { return prefix }
        }
        return nil
    }
}
