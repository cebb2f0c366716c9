import Foundation

/// Where each part of the editable data comes from: the shipped `lexicons/` folder, or a
/// researcher's copy of it (`--lexicons DIR`) and a weights file of their own (`--weights FILE`).
///
/// A part the copy holds replaces the shipped part whole; a part it lacks comes from the shipped
/// folder and is named in `notes`, so a run never mixes the two silently.
public struct LexiconLayout: Sendable, Hashable {
    /// The parts of a lexicon folder, named as its subfolders.
    public enum Part: String, Sendable, CaseIterable {
        case deflection, scoring, script, transcript, dictionary
    }

    /// The folder each part is read from.
    public let folders: [Part: String]
    /// The scoring weights: `scoring/weights.tsv` of the scoring part unless a file was given.
    public let weights: String
    /// The copied folder, when one was given.
    public let copy: String?
    /// The parts the copy lacks, taken from the shipped folder.
    public let fallbacks: [Part]

    /// The script folding table's name inside the `script` part.
    public static let scriptTableName = "traditional-simplified.tsv"

    public init(folders: [Part: String], weights: String, copy: String? = nil, fallbacks: [Part] = []) {
        self.folders = folders
        self.weights = weights
        self.copy = copy
        self.fallbacks = fallbacks
    }

    public subscript(_ part: Part) -> String { folders[part] ?? "" }

    /// The deflection and answer lexicons (`deflection/`).
    public var deflection: String { self[.deflection] }
    /// The scoring files other than the weights (`scoring/`).
    public var scoring: String { self[.scoring] }
    /// The transcript stage's words (`transcript/`).
    public var transcript: String { self[.transcript] }
    /// The segmentation dictionary and HMM model (`dictionary/`).
    public var dictionary: String { self[.dictionary] }
    /// The traditional-to-simplified folding table.
    public var scriptTable: String { self[.script] + "/" + Self.scriptTableName }

    /// Whether the deflection part is the project's own, whose files must all be there.
    public var shipsDeflection: Bool { copy == nil || fallbacks.contains(.deflection) }

    /// The project's `lexicons/` folder.
    /// - Throws: a `Diagnostic` when the project cannot be found.
    public static func shipped() throws(Diagnostic) -> LexiconLayout {
        guard let root = ProjectLayout.lexiconsDirectory() else {
            throw Diagnostic(.error, file: "lexicons",
                             "cannot find the project's lexicons/ folder; run inside the project or set TUIWEI_HOME")
        }
        return at(root)
    }

    /// Every part read from `root`, whatever it holds.
    public static func at(_ root: String) -> LexiconLayout {
        let r = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        var folders: [Part: String] = [:]
        for p in Part.allCases { folders[p] = r + "/" + p.rawValue }
        return LexiconLayout(folders: folders, weights: r + "/scoring/weights.tsv")
    }

    /// The layout a run uses.
    /// - Parameters:
    ///   - copy: a copy of `lexicons/`, or nil for the shipped folder.
    ///   - weights: a weights file replacing the scoring part's `weights.tsv`, or nil.
    /// - Throws: a `Diagnostic` when `copy` is not a folder or holds none of the parts, or when
    ///   the weights file or the shipped folder a missing part falls back to cannot be found.
    public static func resolve(copy: String?, weights: String?) throws(Diagnostic) -> LexiconLayout {
        let fm = FileManager.default
        func isFolder(_ p: String) -> Bool {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: p, isDirectory: &isDir) && isDir.boolValue
        }
        if let weights, !fm.fileExists(atPath: weights) {
            throw Diagnostic(.error, file: weights, "no such weights file; check the path (a copy of lexicons/scoring/weights.tsv)")
        }
        guard let copy else {
            let shipped = try shipped()
            return LexiconLayout(folders: shipped.folders, weights: weights ?? shipped.weights)
        }
        guard isFolder(copy) else {
            throw Diagnostic(.error, file: copy, "--lexicons takes a folder (a copy of the project's lexicons/); this is not one")
        }
        let base = copy.hasSuffix("/") && copy.count > 1 ? String(copy.dropLast()) : copy
        let present = Part.allCases.filter { isFolder(base + "/" + $0.rawValue) }
        guard !present.isEmpty else {
            throw Diagnostic(.error, file: copy, "holds none of the parts of a lexicon folder (\(Part.allCases.map { $0.rawValue + "/" }.joined(separator: ", "))); copy the whole lexicons/ folder, or add single lexicon files with --lexicon")
        }
        let missing = Part.allCases.filter { !present.contains($0) }
        var folders: [Part: String] = [:]
        for p in present { folders[p] = base + "/" + p.rawValue }
        if !missing.isEmpty {
            let shipped = try shipped()
            for p in missing { folders[p] = shipped[p] }
        }
        let scoringWeights = present.contains(.scoring) ? base + "/scoring/weights.tsv" : try shipped().weights
        return LexiconLayout(folders: folders, weights: weights ?? scoringWeights, copy: base, fallbacks: missing)
    }

    /// What a run says about where its parts come from: nil when nothing was replaced or every
    /// part came from the copy.
    public var note: String? {
        guard let copy, !fallbacks.isEmpty else { return nil }
        let names = fallbacks.map { $0.rawValue + "/" }.joined(separator: ", ")
        let root = (self[fallbacks[0]] as NSString).deletingLastPathComponent
        return "\(copy) has no \(names); \(fallbacks.count == 1 ? "that part comes" : "those parts come") from \(root)"
    }
}
