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
        let normaliser = try TextNormaliser.load(path: layout.scriptTable)
        let lexicon = try Lexicon.load(paths: paths, normaliser: normaliser, required: required)
        let segmenter = try Segmenter.load(directory: layout.dictionary)
        return DeflectionDetection(detector: Detector(lexicon: lexicon), segmenter: segmenter)
    }

    /// Every call of `document` with each turn segmented once (in the dictionary's script) and
    /// read for deflections: the one per-turn path that `analyze`, `eval`, `parse` and `kwic`
    /// share, so each reports what the others measure.
    public func analyse(_ document: Document) -> [CallAnalysis] {
        // Short turns (嗯, 对) recur throughout a document: each text is segmented once.
        var segmented: [UTF8Key: (tokens: [Range<Int>], words: [String])] = [:]
        func segment(_ text: String) -> (tokens: [Range<Int>], words: [String]) {
            let key = UTF8Key(text)
            if let hit = segmented[key] { return hit }
            let entry = self.segment(text)
            segmented[key] = entry
            return entry
        }
        return document.calls.map { call in
            var events: [Int: [Detection]] = [:]
            for (turn, d) in detector.eventDetections(in: call) { events[turn, default: []].append(d) }
            let turns = call.turns.map { turn -> TurnAnalysis in
                let (tokens, words) = segment(turn.text)
                var found = detector.detect(in: turn, tokens: segmenter == nil ? nil : tokens)
                for d in events[turn.index] ?? [] where !found.contains(where: { $0.code == d.code }) { found.append(d) }
                return TurnAnalysis(turn: turn.index, tokens: tokens, words: words, detections: found)
            }
            return CallAnalysis(call: call, turns: turns)
        }
    }

    /// `text` segmented in the dictionary's script: the words' scalar ranges (which are those of
    /// `text`, folding being one scalar for one) and the words, simplified so they compare alike
    /// in either script. Both empty without a segmenter.
    public func segment(_ text: String) -> (tokens: [Range<Int>], words: [String]) {
        guard let segmenter else { return ([], []) }
        var simplified = detector.lexicon.normaliser.ideographs(text)
        let found = segmenter.tokens(in: simplified)
        let words = simplified.withUTF8 { bytes in
            found.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0.utf8Range]), as: UTF8.self) }
        }
        return (found.map(\.scalarRange), words)
    }

    /// The words of `text` (see `segment(_:)`).
    public func words(in text: String) -> [String] { segment(text).words }

    /// Word ranges of `text` for anchored patterns outside a transcript (an article's
    /// paragraphs); nil without a segmenter, so anchors match anywhere.
    public func tokens(in text: String) -> [Range<Int>]? {
        segmenter == nil ? nil : segment(text).tokens
    }
}
