import TuiweiCore
import TuiweiLexicon
import TuiweiSegmentation

extension CorpusAnalysis {
    /// The partial result of one document with the shared segmenter and detector: each text is
    /// segmented once, and its tokens serve both the detector's word anchors and the scorer's words.
    public static func analysing(_ document: Document, scorer: AnswerScorer, segmenter: Segmenter, detector: Detector) -> CorpusAnalysis {
        var cache: [String: (tokens: [Token], words: [String])] = [:]
        func segmented(_ text: String) -> (tokens: [Token], words: [String]) {
            if let hit = cache[text] { return hit }
            let tokens = segmenter.tokens(in: text)
            let entry = (tokens, tokens.map { $0.text(in: text) })
            cache[text] = entry
            return entry
        }
        return analysing(document, scorer: scorer,
                         detections: { detector.detect(in: $0, tokens: segmented($0.text).tokens.map(\.scalarRange)) },
                         words: { segmented($0).words })
    }
}
