import Foundation
import TuiweiCore
#if canImport(Glibc)
import Glibc
#endif

/// One input the user named, found on disk (or standard input), not yet read.
public struct CorpusSource: Sendable, Hashable {
    /// Document identifier: the file name without extension, made unique within the run.
    public let id: String
    /// The path as the user would recognise it (`-` for standard input).
    public let path: String
    /// Set when the path could not be used at all (missing, unreadable directory, link loop).
    public let problem: String?
    /// Things the reader should know that do not stop the document being read (the file was
    /// named twice, say); they become warnings of the document.
    public let notes: [String]
    /// The bytes, when they were read while the corpus was found: standard input, which can be
    /// read only once, is held so that every pass of a run reads the same document.
    public let held: [UInt8]?

    public init(id: String, path: String, problem: String? = nil, notes: [String] = [], held: [UInt8]? = nil) {
        self.id = id
        self.path = path
        self.problem = problem
        self.notes = notes
        self.held = held
    }
}

/// Finds the documents under the paths a user gives: files as named, directories recursively
/// (`.txt` files only), `-` for standard input. Order is deterministic: arguments in order,
/// directory entries sorted by name. Nothing is dropped: a path that cannot be used becomes a
/// source with a `problem`, so it is reported with its status like every other document.
public enum CorpusSources {
    public static func find(_ paths: [String]) -> [CorpusSource] {
        var out: [Found] = []
        // Files and folders by their real path (links resolved), so a file reached twice, by two
        // names or through a link, is read once, and a link back into a folder being walked is
        // noticed at once rather than at the system's link limit.
        var fileIndex: [String: Int] = [:]
        var stdin: Int?
        let fm = FileManager.default

        func stem(_ path: String) -> String {
            ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        }

        func addFile(_ path: String) {
            let real = realPath(path) ?? path
            if let first = fileIndex[real] {
                out[first].notes.append("the same file was also named as \(path); it is analysed once")
                return
            }
            fileIndex[real] = out.count
            out.append(Found(id: stem(path), path: path, problem: fm.isReadableFile(atPath: path) ? nil : "cannot read: permission denied"))
        }

        func walk(_ dir: String, inside ancestors: Set<String>) {
            let real = realPath(dir) ?? dir
            guard !ancestors.contains(real) else {
                out.append(Found(id: stem(dir), path: dir, problem: "symbolic link to a folder that contains it (link loop); not followed, so each file is read once"))
                return
            }
            let entries: [String]
            do { entries = try fm.contentsOfDirectory(atPath: dir).sorted() } catch {
                out.append(Found(id: stem(dir), path: dir, problem: "cannot list directory: check its permissions"))
                return
            }
            let inner = ancestors.union([real])
            for name in entries where !name.hasPrefix(".") {
                let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
                var isDir: ObjCBool = false
                if !fm.fileExists(atPath: path, isDirectory: &isDir) {
                    // A dangling symbolic link or an entry that vanished.
                    if name.lowercased().hasSuffix(".txt") {
                        out.append(Found(id: stem(path), path: path, problem: "cannot open: broken symbolic link or removed while reading"))
                    }
                    continue
                }
                if isDir.boolValue { walk(path, inside: inner) } else if name.lowercased().hasSuffix(".txt") { addFile(path) }
            }
        }

        for p in paths {
            if p == "-" {
                if let first = stdin {
                    out[first].notes.append("standard input was named more than once; it is read once")
                } else {
                    stdin = out.count
                    out.append(Found(id: "stdin", path: "-", held: Array(FileHandle.standardInput.readDataToEndOfFile())))
                }
                continue
            }
            var isDir: ObjCBool = false
            if !fm.fileExists(atPath: p, isDirectory: &isDir) {
                out.append(Found(id: stem(p), path: p, problem: "no such file or directory"))
            } else if isDir.boolValue {
                walk(p, inside: [])
            } else {
                addFile(p)
            }
        }
        // Unique ids: a second file with the same name gets its parent folder as a qualifier.
        var seen: [String: Int] = [:]
        return out.map { item in
            var id = item.id.isEmpty ? "document" : item.id
            if let n = seen[id] {
                seen[id] = n + 1
                id = "\(id)~\(n + 1)"
            } else {
                seen[id] = 1
            }
            return CorpusSource(id: id, path: item.path, problem: item.problem, notes: item.notes, held: item.held)
        }
    }

    /// A source as it is found, before its id is made unique.
    private struct Found {
        var id: String
        var path: String
        var problem: String?
        var notes: [String] = []
        var held: [UInt8]?
    }

    /// `path` with every link and `.`/`..` resolved, or nil when it cannot be.
    static func realPath(_ path: String) -> String? {
        guard let r = realpath(path, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    /// Reads the bytes of a source; throws a message fit for the document's status.
    public static func bytes(of source: CorpusSource) throws -> [UInt8] {
        if let problem = source.problem { throw Diagnostic(.error, file: source.path, problem) }
        if let held = source.held { return held }
        if source.path == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        guard let bytes = readFile(source.path) else {
            throw Diagnostic(.error, file: source.path, "cannot read the file: check that it exists and is readable")
        }
        return bytes
    }

    /// The size of a regular file in bytes; nil for anything else.
    public static func fileSize(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & mode_t(S_IFMT) == mode_t(S_IFREG) else { return nil }
        return Int(info.st_size)
    }

    /// The file's bytes, read straight into the array that holds them: a large file is held
    /// once, not as a `Data` and then a copy.
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & mode_t(S_IFMT) != mode_t(S_IFDIR) else { return nil }
        let size = max(Int(info.st_size), 0)
        var failed = false
        var out = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let n = read(fd, buffer.baseAddress! + count, size - count)
                if n < 0, errno == EINTR { continue }
                if n < 0 { failed = true; return }
                if n == 0 { return }
                count += n
            }
        }
        guard !failed else { return nil }
        // A file that grew after its size was taken, or that gives none (a pipe), is read to its end.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            out.append(contentsOf: chunk[..<n])
        }
        return out
    }
}
