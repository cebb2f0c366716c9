import Foundation
import TuiweiCore
import TuiweiLexicon
import TuiweiScoring
import TuiweiSegmentation
import TuiweiTranscript

extension RunProvenance {
    /// The project's scoring files other than the weights, relative to `lexicons/`.
    static let scoringFileNames = ["scoring/stopwords.txt", "scoring/cues.tsv", "scoring/orientation.tsv", "scoring/bodies.tsv"]
    static let weightsFile = "scoring/weights.tsv"

    /// The provenance of a run with the shipped data files (the deflection lexicons unless
    /// `defaultLexicons` is false) and the extra lexicon files and folders `lexicons`: each file
    /// read and hashed once, on every core.
    /// - Throws: a `Diagnostic` naming a file that cannot be read.
    public static func ofRun(lexicons extra: [String] = [], defaultLexicons: Bool = true) throws(Diagnostic) -> RunProvenance {
        guard let root = ProjectLayout.lexiconsDirectory() else {
            throw Diagnostic(.error, file: "lexicons", "cannot find the project's lexicons/ folder; run from the project folder or set TUIWEI_HOME")
        }
        var wanted: [(folder: String, path: String)] = []
        if defaultLexicons {
            let dir = root + "/deflection"
            wanted += Lexicon.files(in: [dir]).map { ("lexicons", "deflection/" + relative($0, to: dir)) }
        }
        for path in extra {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                wanted += Lexicon.files(in: [path]).map { (path, relative($0, to: path)) }
            } else {
                wanted.append(((path as NSString).deletingLastPathComponent, (path as NSString).lastPathComponent))
            }
        }
        wanted.append(("lexicons", "script/traditional-simplified.tsv"))
        wanted += TranscriptConventions.schema.keys.sorted().map { ("lexicons", "transcript/" + $0) }
        wanted += [Segmenter.dictionaryFileName, Segmenter.modelFileName].map { ("lexicons", "dictionary/" + $0) }
        wanted += scoringFileNames.map { ("lexicons", $0) }
        wanted.append(("lexicons", weightsFile))
        let list = wanted
        let cache = Segmenter.defaultCacheDirectory()
        let hashed = concurrentMap(list.count) { i -> Result<File, Diagnostic> in
            let (folder, path) = list[i]
            return Result { () throws(Diagnostic) in
                let f = try File(hashing: path, in: folder == "lexicons" ? root : folder, cacheDirectory: cache)
                return File(folder: folder, path: path, sha256: f.sha256)
            }
        }
        var files: [File] = []
        for r in hashed {
            switch r {
            case .success(let f): files.append(f)
            case .failure(let d): throw d
            }
        }
        let weights = files.removeLast()
        return RunProvenance(files: files, weights: weights)
    }

    /// The hashes of the project's scoring files (weights included) as they are now, for a
    /// command that scores with them again (`merge`).
    public static func currentScoringFiles() throws(Diagnostic) -> [File] {
        guard let root = ProjectLayout.lexiconsDirectory() else {
            throw Diagnostic(.error, file: "lexicons/scoring", "cannot find the project's lexicons/ folder; run from the project folder or set TUIWEI_HOME")
        }
        var out: [File] = []
        for path in scoringFileNames + [weightsFile] {
            let f = try File(hashing: path, in: root)
            out.append(File(folder: "lexicons", path: path, sha256: f.sha256))
        }
        return out
    }

    /// The scoring files of this provenance, weights last, as `currentScoringFiles` lists them.
    public var scoringFiles: [File] {
        files.filter { $0.folder == "lexicons" && Self.scoringFileNames.contains($0.path) } + [weights]
    }

    /// `path` inside `folder`, with the folder's part removed.
    static func relative(_ path: String, to folder: String) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The provenance as a JSON object, for output assembled with `JSONSerialization`.
    public var jsonObject: Any {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain value types always encode and decode back.
        let data = try! encoder.encode(self)
        return try! JSONSerialization.jsonObject(with: data)
    }
}
