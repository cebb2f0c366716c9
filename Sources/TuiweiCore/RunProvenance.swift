import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a run was made with — the Tuiwei release and every data file with a hash of its
/// contents — recorded in its shards and reports, so that a result can be traced to its settings
/// and shards made with different settings are never merged.
public struct RunProvenance: Sendable, Hashable, Codable {
    /// One data file: where it was found and what it held.
    public struct File: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The lexicon folder `path` is relative to: `lexicons` for the project's own, else the
        /// folder (or, for a single file, the folder holding it) as the user named it.
        public let folder: String
        /// Relative to `folder`, with `/` between its parts.
        public let path: String
        /// SHA-256 of the file's bytes, in hexadecimal.
        public let sha256: String

        public init(folder: String, path: String, sha256: String) {
            self.folder = folder
            self.path = path
            self.sha256 = sha256
        }

        /// Reads and hashes `folder/path`. The hash of a large file (the segmentation dictionary)
        /// is kept in `cacheDirectory` under the file's size, modification time and inode, the
        /// way the compiled dictionary is, so a run does not hash megabytes that did not change.
        /// - Throws: a `Diagnostic` naming the file when it cannot be read.
        public init(hashing path: String, in folder: String, cacheDirectory: String? = nil) throws(Diagnostic) {
            let full = (folder as NSString).appendingPathComponent(path)
            let fm = FileManager.default
            let attributes = try? fm.attributesOfItem(atPath: full)
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
            var cache: (file: String, key: String)?
            if let cacheDirectory, size >= Self.cachedSize, let attributes {
                let absolute = ((full.hasPrefix("/") ? full : fm.currentDirectoryPath + "/" + full) as NSString).standardizingPath
                let mtime = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
                let key = "tuiwei-sha256 1\t\(absolute)\t\(size)\t\(mtime.bitPattern)\t\(inode)\t"
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                for c in absolute.utf8 { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
                let file = (cacheDirectory as NSString).appendingPathComponent("sha256-\(String(h, radix: 16)).txt")
                if let line = try? String(contentsOfFile: file, encoding: .utf8), line.hasPrefix(key) {
                    let digest = String(line.dropFirst(key.count))
                    if digest.utf8.count == 64, digest.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) {
                        self.init(folder: folder, path: path, sha256: digest)
                        return
                    }
                }
                cache = (file, key)
            }
            guard let data = fm.contents(atPath: full) else {
                throw Diagnostic(.error, file: full, "cannot read this data file to record it with the run; check that it exists and can be read")
            }
            let digest = SHA256.hex(data)
            if let cache {
                // Written beside and renamed, so a reader never sees half a line; a failure only
                // costs the next run the hashing.
                try? fm.createDirectory(atPath: (cache.file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                let tmp = cache.file + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
                if (try? (cache.key + digest).write(toFile: tmp, atomically: false, encoding: .utf8)) != nil {
                    if rename(tmp, cache.file) != 0 { try? fm.removeItem(atPath: tmp) }
                }
            }
            self.init(folder: folder, path: path, sha256: digest)
        }

        /// Files this large have their hash kept between runs.
        static let cachedSize = 64 * 1024

        /// `folder/path`, as it was found.
        public var location: String { folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path) }

        /// The file and the first 12 hexadecimal digits of its hash.
        public var description: String { "\(location) (sha256 \(sha256.prefix(12)))" }
    }

    public let version: String
    /// Every lexicon and data file the run read, in reading order, the weights file apart.
    public let files: [File]
    /// The scoring weights (`weights.tsv`).
    public let weights: File

    public init(version: String = TuiweiVersion.string, files: [File], weights: File) {
        self.version = version
        self.files = files
        self.weights = weights
    }

    /// The same files and weights under another release, for a test or a comparison.
    public func with(version: String) -> RunProvenance { RunProvenance(version: version, files: files, weights: weights) }

    /// Every way `other` was made differently from this one, each naming the setting or file;
    /// empty when both were made alike. Files are compared by their path within their lexicon
    /// folder and their contents, not by where the folder was, so that machines of a cluster
    /// with the project in different places agree.
    public func differences(from other: RunProvenance) -> [String] {
        var out: [String] = []
        if version != other.version { out.append("Tuiwei version \(version) against \(other.version)") }
        if weights.sha256 != other.weights.sha256 {
            out.append("weights file \(weights.location) (sha256 \(weights.sha256.prefix(12))) against \(other.weights.location) (sha256 \(other.weights.sha256.prefix(12)))")
        }
        // By path, each path's hashes sorted, so that a list compared with itself never differs.
        func byPath(_ list: [File]) -> [String: (file: File, hashes: [String])] {
            var out: [String: (file: File, hashes: [String])] = [:]
            for f in list { out[f.path, default: (f, [])].hashes.append(f.sha256) }
            return out.mapValues { ($0.file, $0.hashes.sorted()) }
        }
        let mine = byPath(files), theirs = byPath(other.files)
        var reported: Set<String> = []
        for f in files + other.files where reported.insert(f.path).inserted {
            guard let m = mine[f.path], let t = theirs[f.path] else {
                out.append("lexicon file \(f.location) used in one and not the other")
                continue
            }
            if m.hashes != t.hashes {
                out.append("lexicon file \(f.path) differs (sha256 \(m.hashes.joined(separator: ", ").prefix(12)) against \(t.hashes.joined(separator: ", ").prefix(12)))")
            }
        }
        return out
    }

    /// Whether every hash is 64 hexadecimal digits and no path is listed twice, as in every
    /// provenance a run records.
    public var isWellFormed: Bool {
        func hex(_ h: String) -> Bool { h.utf8.count == 64 && h.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) } }
        return (files + [weights]).allSatisfy { hex($0.sha256) && !$0.path.isEmpty } && Set(files.map(\.path)).count == files.count
    }

    /// One line for the foot of a report: the release, the weights and a hash over every file.
    public var summary: String {
        "Tuiwei \(version); weights \(weights.path) sha256 \(weights.sha256.prefix(12)); \(files.count) lexicon and data files, sha256 of their list \(filesDigest.prefix(12))"
    }

    /// One hash for the whole set of files: of every path with its hash, in order.
    public var filesDigest: String {
        SHA256.hex(files.map { "\($0.path)\t\($0.sha256)\n" }.joined())
    }
}
