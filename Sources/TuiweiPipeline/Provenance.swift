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

    /// Where `file` is recorded: `lexicons` and its path inside the shipped folder, or the
    /// lexicon folder (a copy given with `--lexicons`) or the folder holding it, as named.
    static func place(_ file: String, shipped: String?, copy: String?) -> (folder: String, path: String) {
        for (label, root) in [("lexicons", shipped), (copy ?? "", copy)] {
            guard let root else { continue }
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if file.hasPrefix(prefix) { return (label, String(file.dropFirst(prefix.count))) }
        }
        return ((file as NSString).deletingLastPathComponent, (file as NSString).lastPathComponent)
    }

    /// The provenance of a run with `layout`'s data files (its deflection lexicons unless
    /// `defaultLexicons` is false) and the extra lexicon files and folders `lexicons`: each file
    /// read and hashed once, on every core.
    /// - Throws: a `Diagnostic` naming a file that cannot be read.
    public static func ofRun(layout chosen: LexiconLayout? = nil, lexicons extra: [String] = [],
                             defaultLexicons: Bool = true) throws(Diagnostic) -> RunProvenance {
        let layout: LexiconLayout
        if let chosen { layout = chosen } else { layout = try LexiconLayout.shipped() }
        let shipped = ProjectLayout.lexiconsDirectory()
        var wanted: [(folder: String, path: String)] = []
        func add(_ file: String) { wanted.append(place(file, shipped: shipped, copy: layout.copy)) }
        if defaultLexicons { Lexicon.files(in: [layout.deflection]).forEach(add) }
        for path in extra {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                wanted += Lexicon.files(in: [path]).map { (path, relative($0, to: path)) }
            } else {
                wanted.append(((path as NSString).deletingLastPathComponent, (path as NSString).lastPathComponent))
            }
        }
        add(layout.scriptTable)
        TranscriptConventions.schema.keys.sorted().forEach { add(layout.transcript + "/" + $0) }
        [Segmenter.dictionaryFileName, Segmenter.modelFileName].forEach { add(layout.dictionary + "/" + $0) }
        scoringFiles(layout).forEach(add)
        add(layout.weights)
        let list = wanted
        let cache = Segmenter.defaultCacheDirectory()
        let roots: [String: String] = ["lexicons": shipped ?? "lexicons", layout.copy ?? "": layout.copy ?? ""]
        let hashed = concurrentMap(list.count) { i -> Result<File, Diagnostic> in
            let (folder, path) = list[i]
            return Result { () throws(Diagnostic) in
                let f = try File(hashing: path, in: roots[folder] ?? folder, cacheDirectory: cache)
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

    /// The scoring files other than the weights in `layout`.
    static func scoringFiles(_ layout: LexiconLayout) -> [String] {
        scoringFileNames.map { layout.scoring + "/" + ($0 as NSString).lastPathComponent }
    }

    /// The hashes of `layout`'s scoring files (weights included) as they are now, for a command
    /// that scores with them again (`merge`).
    public static func currentScoringFiles(_ chosen: LexiconLayout? = nil) throws(Diagnostic) -> [File] {
        let layout: LexiconLayout
        if let chosen { layout = chosen } else { layout = try LexiconLayout.shipped() }
        let shipped = ProjectLayout.lexiconsDirectory()
        var out: [File] = []
        for file in scoringFiles(layout) + [layout.weights] {
            let (folder, path) = place(file, shipped: shipped, copy: layout.copy)
            let f = try File(hashing: (file as NSString).lastPathComponent, in: (file as NSString).deletingLastPathComponent)
            out.append(File(folder: folder, path: path, sha256: f.sha256))
        }
        return out
    }

    /// The scoring files of this provenance, weights last, as `currentScoringFiles` lists them.
    public var scoringFiles: [File] {
        files.filter { Self.scoringFileNames.contains($0.path) } + [weights]
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

extension RunProvenance {
    /// The same run with `weights` in place of its weights file: the file they were read from,
    /// hashed, or their source named with no hash when they were made in code (a fit's).
    func with(weights: ScoringWeights) -> RunProvenance {
        let source = weights.source
        let (folder, path) = Self.place(source, shipped: ProjectLayout.lexiconsDirectory(), copy: nil)
        let hashed = try? File(hashing: (source as NSString).lastPathComponent, in: (source as NSString).deletingLastPathComponent)
        return RunProvenance(version: version, files: files,
                             weights: File(folder: hashed == nil ? "" : folder, path: hashed == nil ? source : path, sha256: hashed?.sha256 ?? ""))
    }
}
