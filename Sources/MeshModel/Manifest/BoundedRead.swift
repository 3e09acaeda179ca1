import Foundation

/// Reads a descriptor to its end, but never more than a limit: a regular file larger than the
/// limit is refused from its size before a byte is read, and a pipe or terminal is read until
/// one byte past the limit, so memory stays bounded whatever is on the other end.
///
/// POSIX reads, not FileHandle: `FileHandle.readDataToEndOfFile` traps (a `try!` inside
/// Foundation) when the descriptor is closed, write-only or a directory.
enum BoundedRead {
    enum Outcome: Equatable {
        case data(Data)
        /// Larger than the limit; the size when the descriptor is a regular file.
        case tooLarge(size: Int?)
        /// `read(2)` or `fstat(2)` failed with this errno.
        case failed(Int32)
    }

    static func read(_ fd: Int32, limit: Int) -> Outcome {
        var info = stat()
        var data = Data()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
            let size = Int(info.st_size)
            if size > limit { return .tooLarge(size: size) }
            data.reserveCapacity(size)
        }
        let chunk = 1 << 16
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let wanted = min(chunk, limit + 1 - data.count)
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                // A descriptor left non-blocking by whoever opened it: wait for input instead of failing.
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    _ = poll(&ready, 1, -1)
                    continue
                }
                return .failed(errno)
            }
            if count == 0 { return .data(data) }
            data.append(buffer, count: count)
            if data.count > limit { return .tooLarge(size: nil) }
        }
    }
}
