import Foundation

/// A diagnostic for stalls of Swift's cooperative pool in full test runs: with
/// `MESHDECK_STALL_DUMP=DIR` set, the first wait that exceeds its patience writes every thread's
/// stack (gdb attached to this process) to `DIR/stall-<pid>.txt`. Unset, it does nothing.
package enum StallDump {
    private static let done = NSLock()
    nonisolated(unsafe) private static var written = false

    package static func once(_ reason: String) {
        guard let dir = ProcessInfo.processInfo.environment["MESHDECK_STALL_DUMP"] else { return }
        let first = done.withLock {
            defer { written = true }
            return !written
        }
        guard first else { return }
        let path = "\(dir)/stall-\(getpid()).txt"
        FileManager.default.createFile(atPath: path, contents: Data("stall: \(reason)\n".utf8))
        let gdb = Process()
        gdb.executableURL = URL(fileURLWithPath: "/usr/bin/gdb")
        gdb.arguments = ["-p", "\(getpid())", "-batch", "-ex", "thread apply all bt 30"]
        if let out = FileHandle(forWritingAtPath: path) {
            out.seekToEndOfFile()
            gdb.standardOutput = out
            gdb.standardError = out
        }
        try? gdb.run()
        gdb.waitUntilExit()
    }
}
