import Foundation

/// The reads behind `-f`: a path's kind, a directory's names, a file's or standard input's
/// bytes. Every failure carries its cause (errno), because FileManager's answers lose it: its
/// `fileExists` says "no" for a symlink loop and `contentsOfDirectory` an empty list for a
/// directory it may not list.
enum ManifestInput {
    /// Whether `path` is a directory (following symlinks), or why it cannot be looked at.
    static func isDirectory(_ path: String) -> Result<Bool, InputFailure> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(.path(path, errno: errno)) }
        return .success((info.st_mode & S_IFMT) == S_IFDIR)
    }

    /// The names in a directory (no `.` and `..`), or why it cannot be listed.
    static func names(in directory: String) -> Result<[String], InputFailure> {
        guard let stream = opendir(directory) else { return .failure(.path(directory, errno: errno, listing: true)) }
        defer { closedir(stream) }
        var names: [String] = []
        errno = 0
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
            errno = 0
        }
        // readdir returns nil at the end and on an error; only errno tells them apart.
        if errno != 0 { return .failure(.path(directory, errno: errno, listing: true)) }
        return .success(names)
    }

    /// A file's bytes. A directory's entries must be regular files: a FIFO there would block
    /// the read until some writer came. A path named on its own may be a pipe (`-f <(...)`).
    static func file(_ path: String, limits: ManifestLimits, mustBeRegular: Bool = false) -> Result<Data, InputFailure> {
        // Opening a FIFO waits for its writer, and a signal handled meanwhile (the Swift
        // runtime's for SIGQUIT, say) interrupts the wait: that is no reason to give up.
        var fd: Int32
        repeat { fd = open(path, O_RDONLY | O_CLOEXEC | (mustBeRegular ? O_NONBLOCK : 0)) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { return .failure(.path(path, errno: errno)) }
        defer { close(fd) }
        if mustBeRegular {
            var info = stat()
            if fstat(fd, &info) == 0 {
                let type = info.st_mode & S_IFMT
                if type == S_IFDIR { return .failure(.read(errno: EISDIR)) }
                if type != S_IFREG {
                    return .failure(
                        InputFailure(
                            message: "is not a regular file (a FIFO, socket or device); a directory's manifests must be files",
                            hint: "pass it with its own -f to read it"))
                }
            }
        }
        return bytes(BoundedRead.read(fd, limit: limits.maxBytesPerFile), limits: limits)
    }

    /// Standard input's bytes, or why there are none to read.
    static func standardInput(limits: ManifestLimits) -> Result<Data, InputFailure> {
        if let problem = standardInputProblem() { return .failure(problem) }
        return bytes(BoundedRead.read(STDIN_FILENO, limit: limits.maxBytesPerFile), limits: limits, standardInput: true)
    }

    private static func bytes(
        _ outcome: BoundedRead.Outcome, limits: ManifestLimits, standardInput: Bool = false
    ) -> Result<Data, InputFailure> {
        switch outcome {
        case .data(let data): return .success(data)
        case .tooLarge(let size): return .failure(.tooLarge(size: size, limits: limits))
        case .failed(let code): return .failure(.read(errno: code, standardInput: standardInput))
        }
    }

    /// A standard input that cannot be read, told before reading it: closed (`<&-`), opened for
    /// writing only (`0>/dev/null`), or closed at start and its number since reused by the
    /// process's own descriptors (Dispatch's eventfd or epoll), which must not be read.
    private static func standardInputProblem() -> InputFailure? {
        let hint = "give the manifests on standard input (meshdeck validate -f - < policy.yaml), or name a file with -f FILE"
        let flags = fcntl(STDIN_FILENO, F_GETFL)
        if flags < 0 { return InputFailure(message: "could not read standard input: it is closed", hint: hint) }
        if flags & O_ACCMODE == O_WRONLY {
            return InputFailure(message: "could not read standard input: it is open for writing only", hint: hint)
        }
        var target = [CChar](repeating: 0, count: 256)
        let length = readlink("/proc/self/fd/0", &target, target.count - 1)
        if length > 0 {
            let name = String(decoding: target.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if name.hasPrefix("anon_inode:") {
                return InputFailure(
                    message: "could not read standard input: it was closed when meshdeck started "
                        + "(descriptor 0 is now meshdeck's own \(name))", hint: hint)
            }
        }
        return nil
    }
}
