import Foundation

/// What `serve` watches: the `-f` files and directories, polled (every ~300 ms) by their
/// modification times and sizes, which inotify would also give, without a descriptor per file
/// or a thread. A directory counts its entries, so a file added or removed is a change too.
struct FileWatch {
    private let paths: [String]
    private var last: [String]

    init(_ paths: [String]) {
        self.paths = paths.filter { $0 != "-" }
        last = []
        last = fingerprint()
    }

    /// True once per change since the last call.
    mutating func changed() -> Bool {
        let now = fingerprint()
        defer { last = now }
        return now != last
    }

    private func fingerprint() -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for path in paths {
            out.append(Self.stamp(path))
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                for entry in ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted() {
                    out.append(Self.stamp((path as NSString).appendingPathComponent(entry)))
                }
            }
        }
        return out
    }

    private static func stamp(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "\(path) missing" }
        return "\(path) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_size) \(info.st_ino)"
    }
}
