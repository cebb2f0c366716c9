import TuiweiCore
import TuiweiAggregates
import TuiweiScoring

extension AnalysisEngine {
    /// Predicted grades of the aligned gold turns, paired with the gold grades.
    /// - Returns: the agreement, and per aligned turn its gold grade, predicted grade and score.
    public func gradeAgreement(_ alignment: GoldAlignment) -> (agreement: GradeAgreement, turns: [(record: GoldRecord, predicted: Int?, score: Double?)]) {
        var analyses: [String: [String: AnswerScore]] = [:]
        var turns: [(record: GoldRecord, predicted: Int?, score: Double?)] = []
        for a in alignment.aligned {
            if analyses[a.document.id] == nil {
                var byTurn: [String: AnswerScore] = [:]
                for answer in analyse(a.document).answers { byTurn["\(answer.score.call)#\(answer.score.turn)"] = answer.score }
                analyses[a.document.id] = byTurn
            }
            let score = analyses[a.document.id]?["\(a.call.index)#\(a.turn.index)"]
            turns.append((a.record, score?.grade, score?.score))
        }
        let agreement = GradeAgreement.compute(gold: turns.map(\.record.grade), predicted: turns.map(\.predicted))
        return (agreement, turns)
    }

    /// The codes `analyze` reports for each aligned gold turn — the lexicon's detections, event
    /// codes and the answer codes judged against the question — so that `eval` measures them.
    public func reportedDetections(_ alignment: GoldAlignment) -> (AlignedTurn) -> [Detection] {
        var byDocument: [String: [String: [Detection]]] = [:]
        for a in alignment.aligned where byDocument[a.document.id] == nil {
            var byTurn: [String: [Detection]] = [:]
            for answer in analyse(a.document).answers { byTurn["\(answer.score.call)#\(answer.score.turn)"] = answer.score.detections }
            byDocument[a.document.id] = byTurn
        }
        return { a in byDocument[a.document.id]?["\(a.call.index)#\(a.turn.index)"] ?? [] }
    }
}
