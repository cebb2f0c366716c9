import Foundation
import TuiweiCore
import TuiweiLexicon
import TuiweiSegmentation

/// The detector and the segmenter that feeds it word boundaries, loaded once for a run.
public struct DeflectionDetection: Sendable {
    public let detector: Detector
    /// Nil when no dictionary was found: anchored patterns then match at any position.
    public let segmenter: Segmenter?

    public init(detector: Detector, segmenter: Segmenter?) {
        self.detector = detector
        self.segmenter = segmenter
    }

    /// Loads the shipped lexicons (unless `defaults` is false), then `extra` files and folders, the
    /// script folding table and the segmentation dictionary.
    /// - Throws: `LexiconError` or `Diagnostic` naming the file that could not be used.
    public static func load(extra: [String] = [], defaults: Bool = true) throws -> DeflectionDetection {
        var paths: [String] = []
        var required: Set<String> = []
        if defaults {
            guard let dir = Lexicon.shippedDirectory else {
                throw Diagnostic(.error, file: "lexicons/deflection",
                                 "cannot find the shipped lexicons; run inside the project or set TUIWEI_HOME")
            }
            paths.append(dir)
            required.insert(dir)
        }
        paths += extra
        if paths.isEmpty {
            throw Diagnostic(.error, file: "-", "no lexicon to use: give --lexicon PATH with --no-default-lexicons")
        }
        // A shipped data file that exists but cannot be read is an error, not a silent downgrade.
        let folder = try ScriptFolder.shipped()
        let lexicon = try Lexicon.load(paths: paths, folder: folder, required: required)
        let segmenter = try ProjectLayout.lexiconsDirectory().map { try Segmenter.load(directory: $0 + "/dictionary") }
        return DeflectionDetection(detector: Detector(lexicon: lexicon), segmenter: segmenter)
    }

    /// Word ranges of `text` for anchored patterns.
    public func tokens(in text: String) -> [Range<Int>]? {
        segmenter?.tokens(in: text).map(\.scalarRange)
    }

    /// Detections in every official turn of a call, by turn index, including codes given by events.
    public func detect(in call: Call) -> [Int: [Detection]] {
        detect(in: call, tokens: tokens(in:))
    }

    /// The same, with word boundaries from `tokens` (so a caller that also needs the words
    /// segments each text once).
    public func detect(in call: Call, tokens: (String) -> [Range<Int>]?) -> [Int: [Detection]] {
        var out: [Int: [Detection]] = [:]
        for t in call.turns where t.role == .official { out[t.index] = detector.detect(in: t, tokens: tokens(t.text)) }
        for (turn, d) in detector.eventDetections(in: call) where !(out[turn] ?? []).contains(where: { $0.code == d.code }) {
            out[turn, default: []].append(d)
        }
        return out
    }

    /// Detections in one turn (none unless it is an official's); event codes need `detect(in: Call)`.
    public func detect(in turn: Turn) -> [Detection] {
        guard turn.role == .official else { return [] }
        return detector.detect(in: turn, tokens: tokens(in: turn.text))
    }
}
