import TuiweiAggregates
import TuiweiCore
import TuiweiPipeline
import TuiweiScoring

/// The calls of `document` analysed with stand-in detections and words instead of the lexicons
/// and the segmenter, for tests of the stages after detection.
public func analysedCalls(_ document: Document, detections: (Turn) -> [Detection],
                          words: (String) -> [String] = TuiweiTestSupport.words) -> [CallAnalysis] {
    document.calls.map { call in
        CallAnalysis(call: call, turns: call.turns.map {
            TurnAnalysis(turn: $0.index, tokens: [], words: words($0.text), detections: detections($0))
        })
    }
}

extension CorpusAnalysis {
    /// One document scored with stand-in detections and words (`analysedCalls`).
    public static func analysing(_ document: Document, scorer: AnswerScorer, detections: (Turn) -> [Detection],
                                 words: (String) -> [String] = TuiweiTestSupport.words) -> CorpusAnalysis {
        let paragraphs = document.kind == .article ? (document.preamble + document.paragraphs).map { words($0.text) } : []
        return analysing(document, calls: analysedCalls(document, detections: detections, words: words),
                         paragraphWords: paragraphs, scorer: scorer)
    }
}
