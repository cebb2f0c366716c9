import Foundation
import TuiweiCore

/// One input the user named, found on disk (or standard input), not yet read.
public struct CorpusSource: Sendable, Hashable {
    /// Document identifier: the file name without extension, made unique within the run.
    public let id: String
    /// The path as the user would recognise it (`-` for standard input).
    public let path: String
    /// Set when the path could not be used at all (missing, unreadable directory, link loop).
    public let problem: String?

    public init(id: String, path: String, problem: String? = nil) {
        self.id = id
        self.path = path
        self.problem = problem
    }
}

/// Finds the documents under the paths a user gives: files as named, directories recursively
/// (`.txt` files only), `-` for standard input. Order is deterministic: arguments in order,
/// directory entries sorted by name. Nothing is dropped: a path that cannot be used becomes a
/// source with a `problem`, so it is reported with its status like every other document.
public enum CorpusSources {
    public static func find(_ paths: [String]) -> [CorpusSource] {
        var out: [(id: String, path: String, problem: String?)] = []
        var visitedDirs = Set<String>()
        let fm = FileManager.default

        func stem(_ path: String) -> String {
            ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        }

        func walk(_ dir: String) {
            let real = (dir as NSString).resolvingSymlinksInPath
            guard visitedDirs.insert(real).inserted else {
                out.append((stem(dir), dir, "directory already visited through a symbolic link (link loop); skipped"))
                return
            }
            let entries: [String]
            do { entries = try fm.contentsOfDirectory(atPath: dir).sorted() } catch {
                out.append((stem(dir), dir, "cannot list directory: check its permissions"))
                return
            }
            for name in entries where !name.hasPrefix(".") {
                let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
                var isDir: ObjCBool = false
                if !fm.fileExists(atPath: path, isDirectory: &isDir) {
                    // A dangling symbolic link or an entry that vanished.
                    if name.lowercased().hasSuffix(".txt") {
                        out.append((stem(path), path, "cannot open: broken symbolic link or removed while reading"))
                    }
                    continue
                }
                if isDir.boolValue { walk(path) } else if name.lowercased().hasSuffix(".txt") {
                    out.append((stem(path), path, fm.isReadableFile(atPath: path) ? nil : "cannot read: permission denied"))
                }
            }
        }

        for p in paths {
            if p == "-" { out.append(("stdin", "-", nil)); continue }
            var isDir: ObjCBool = false
            if !fm.fileExists(atPath: p, isDirectory: &isDir) {
                out.append((stem(p), p, "no such file or directory"))
            } else if isDir.boolValue {
                walk(p)
            } else {
                out.append((stem(p), p, fm.isReadableFile(atPath: p) ? nil : "cannot read: permission denied"))
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
            return CorpusSource(id: id, path: item.path, problem: item.problem)
        }
    }

    /// Reads the bytes of a source; throws a message fit for the document's status.
    public static func bytes(of source: CorpusSource) throws -> [UInt8] {
        if let problem = source.problem { throw Diagnostic(.error, file: source.path, problem) }
        if source.path == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        guard let data = FileManager.default.contents(atPath: source.path) else {
            throw Diagnostic(.error, file: source.path, "cannot read the file: check that it exists and is readable")
        }
        return Array(data)
    }
}
