import Foundation
import TuiweiCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and writes with plain system calls, straight into Swift arrays.
enum FileBytes {
    /// Size and modification time of `path`, or nil when it cannot be examined.
    static func status(_ path: String) -> (size: Int, mtimeSeconds: Int, mtimeNanoseconds: Int)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        #if canImport(Darwin)
        return (Int(st.st_size), Int(st.st_mtimespec.tv_sec), Int(st.st_mtimespec.tv_nsec))
        #else
        return (Int(st.st_size), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec))
        #endif
    }

    /// The bytes of `path`; a `Diagnostic` naming the file when it cannot be read.
    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw Diagnostic(.error, file: path, "cannot open: \(String(cString: strerror(errno))); check the path")
        }
        defer { close(fd) }
        var st = stat()
        let expected = fstat(fd, &st) == 0 ? Int(st.st_size) : 0
        // Read straight into the array, with one spare byte (a NUL for C parsers) so that a file
        // the size the system reported never needs a second buffer.
        var out = [UInt8](unsafeUninitializedCapacity: expected + 1) { buf, n in
            n = 0
            while n < expected {
                let r = Glibc.read(fd, buf.baseAddress! + n, expected - n)
                if r < 0 && errno == EINTR { continue }
                if r <= 0 { break }
                n += r
            }
        }
        // Files that grow while read, or report no size (pipes, /proc), are read to the end.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Diagnostic(.error, file: path, "cannot read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// Reads exactly `buffer.count` bytes from `fd`; false on a short read.
    static func readExactly(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        var done = 0
        while done < buffer.count {
            let n = Glibc.read(fd, buffer.baseAddress! + done, buffer.count - done)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    /// Writes all of `buffer` to `fd`; false on failure.
    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < buffer.count {
            let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }
}
