import TuiweiCore
import TuiweiAggregates
import TuiweiScoring

/// A turn of a call, to look its score up by.
struct TurnPlace: Hashable {
    let call: CallID
    let turn: Int
}

extension AnalysisEngine {
    /// The score of every official turn of the documents the aligned gold turns are in, each
    /// document analysed once, as `analyze` scores it (or with `scorer`).
    func scores(of alignment: GoldAlignment, scorer: AnswerScorer? = nil) -> [TurnPlace: AnswerScore] {
        var out: [TurnPlace: AnswerScore] = [:]
        var done: Set<String> = []
        for a in alignment.aligned where done.insert(a.document.id).inserted {
            for answer in analyse(a.document, scorer: scorer).answers {
                out[TurnPlace(call: answer.callID, turn: answer.score.turn)] = answer.score
            }
        }
        return out
    }

    /// Predicted grades of the aligned gold turns, paired with the gold grades.
    /// - Returns: the agreement, and per aligned turn its gold grade, predicted grade and score.
    public func gradeAgreement(_ alignment: GoldAlignment) -> (agreement: GradeAgreement, turns: [(record: GoldRecord, predicted: Int?, score: Double?)]) {
        let scores = self.scores(of: alignment)
        let turns = alignment.aligned.map { a in
            let score = scores[a.place]
            return (record: a.record, predicted: score?.grade, score: score?.score)
        }
        let agreement = GradeAgreement.compute(gold: turns.map(\.record.grade), predicted: turns.map(\.predicted))
        return (agreement, turns)
    }

    /// The codes `analyze` reports for each aligned gold turn — the lexicon's detections, event
    /// codes and the answer codes judged against the question — so that `eval` measures them.
    public func reportedDetections(_ alignment: GoldAlignment) -> (AlignedTurn) -> [Detection] {
        let scores = self.scores(of: alignment)
        return { a in scores[a.place]?.detections ?? [] }
    }
}

extension AlignedTurn {
    /// Where the aligned turn's score is found.
    var place: TurnPlace { TurnPlace(call: CallID(document: document.id, call: call.index), turn: turn.index) }
}
