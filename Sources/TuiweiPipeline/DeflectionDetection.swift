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

    /// Loads the deflection part of `layout` (unless `defaults` is false), then `extra` files and
    /// folders, with the layout's script folding table and segmentation dictionary.
    /// - Parameter layout: the shipped `lexicons/` when nil.
    /// - Throws: `LexiconError` or `Diagnostic` naming the file that could not be used.
    public static func load(extra: [String] = [], defaults: Bool = true, layout: LexiconLayout? = nil) throws -> DeflectionDetection {
        let layout = try layout ?? LexiconLayout.shipped()
        var paths: [String] = []
        var required: Set<String> = []
        if defaults {
            paths.append(layout.deflection)
            required.insert(layout.deflection)
        }
        paths += extra
        if paths.isEmpty {
            throw Diagnostic(.error, file: "-", "no lexicon to use: give --lexicon PATH with --no-default-lexicons")
        }
        // A data file that exists but cannot be read is an error, not a silent downgrade.
        let folder = try ScriptFolder.load(path: layout.scriptTable)
        let lexicon = try Lexicon.load(paths: paths, folder: folder, required: required)
        let segmenter = try Segmenter.load(directory: layout.dictionary)
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
