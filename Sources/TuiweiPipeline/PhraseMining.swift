import TuiweiCore
import TuiweiLexicon
import TuiweiSegmentation
import TuiweiTranscript

extension DeflectionDetection {
    /// What `tuiwei lexicon mine` proposes for `documents`: officials' turns against callers'
    /// turns and articles, each call counted once (an excerpted copy would count its phrases
    /// twice).
    /// - Returns: the candidates, and how many official and reference texts were counted.
    public func minePhrases(in documents: [Document], miner: LexiconMiner)
        -> (candidates: [LexiconMiner.Candidate], official: Int, reference: Int) {
        let copies = Set(TranscriptReader.duplicates(in: documents).map(\.copy))
        var official: [LexiconMiner.Text] = []
        var reference: [LexiconMiner.Text] = []
        // Numerals and demonstratives stay with their measure word (这个, 一块), so candidates
        // are cut where a reader cuts words, never inside 这个情况.
        func words(_ text: String) -> [Range<Int>]? {
            segmenter?.tokens(in: text, options: .init(separateMeasureWords: false)).map(\.scalarRange)
        }
        for d in documents where d.status.isAnalysed {
            for c in d.calls where !copies.contains(CallID(document: d.id, call: c.index)) {
                for t in c.turns {
                    let text = LexiconMiner.Text(text: t.text, label: "\(d.id):\(t.lines.lowerBound)", tokens: words(t.text))
                    switch t.role {
                    case .official: official.append(text)
                    case .caller: reference.append(text)
                    case .respondent, .narrator, .unknown: break
                    }
                }
            }
            for p in d.paragraphs {
                reference.append(LexiconMiner.Text(text: p.text, label: "\(d.id):\(p.lines.lowerBound)", tokens: words(p.text)))
            }
        }
        return (miner.mine(official: official, reference: reference, detector: detector), official.count, reference.count)
    }
}
