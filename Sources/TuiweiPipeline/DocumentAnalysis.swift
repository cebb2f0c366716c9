import TuiweiCore
import TuiweiAggregates
import TuiweiScoring

extension CorpusAnalysis {
    /// The partial result of one document: scores for every official turn of a transcript, or the
    /// reference n-grams of an article. A pure function of its inputs, safe to run concurrently.
    /// - Parameters:
    ///   - analysed: the document's calls with their turns analysed (`DeflectionDetection.analyse(_:)`).
    ///   - paragraphWords: an article's paragraphs (preamble first) as words; ignored for a transcript.
    public static func analysing(_ document: Document, calls analysed: [CallAnalysis], paragraphWords: [[String]],
                                 scorer: AnswerScorer) -> CorpusAnalysis {
        let entry = DocumentEntry(document)
        guard document.status.isAnalysed else { return CorpusAnalysis(documents: [entry]) }
        let n = max(1, Int(scorer.resources.weights["boilerplate.n"]))
        if document.kind == .article {
            var grams: Set<String> = []
            for words in paragraphWords {
                for g in wordNgrams(words, n: n, stopWords: scorer.resources.stopWordSet) { grams.insert(g) }
            }
            return CorpusAnalysis(documents: [entry], referenceNgrams: grams)
        }
        var calls: [CallEntry] = []
        var answers: [ScoredAnswer] = []
        for analysis in analysed {
            let call = analysis.call
            calls.append(CallEntry(document: document.id, call: call.index, header: call.header?.text,
                                   headerLine: call.header?.lines.lowerBound, organisation: call.organisation,
                                   turns: call.turns.count, officialTurns: call.officialTurns.count,
                                   events: call.events.map(\.kind),
                                   respondents: call.speakers.filter { s in s.role == .respondent && call.turns.contains { $0.speaker == s.id } }.map(\.label)))
            // A hang-up is charged to the last official turn before it.
            var hangUpsAfter: [Int: Int] = [:]
            for e in call.events where e.kind == .hangUp {
                if let t = call.officialTurn(before: e) { hangUpsAfter[t.index, default: 0] += 1 }
            }
            let contexts = AnswerContext.contexts(in: analysis, document: document.id)
            // Answers of one exchange share its question: its type is worked out once. The type
            // is read from the scalars, so the same question means the same bytes.
            var lastQuestion: (text: String, type: QuestionType)?
            for ctx in contexts {
                let questionType: QuestionType
                if let last = lastQuestion, last.text.utf8.elementsEqual(ctx.question.utf8) {
                    questionType = last.type
                } else {
                    questionType = scorer.resources.questionType(of: ctx.question)
                    lastQuestion = (ctx.question, questionType)
                }
                let turn = call.turns[ctx.turn]
                let speaker = turn.speaker < call.speakers.count ? call.speakers[turn.speaker] : nil
                let official = OfficialKey(
                    organisation: speaker?.organisation ?? call.organisation ?? speaker?.label ?? "?",
                    department: speaker?.department ?? call.department,
                    surname: speaker?.surname ?? call.person)
                let score = scorer.score(ctx, questionType: questionType)
                let targets = scorer.resources.targets(of: score.detections, in: turn,
                                                       own: [official.organisation, official.department].compactMap { $0 })
                answers.append(ScoredAnswer(
                    score: score, speaker: speaker?.label ?? "?", official: official,
                    line: turn.lines.lowerBound, text: turn.text, question: ctx.question,
                    questionType: questionType,
                    orientation: scorer.resources.orientation(of: turn.text),
                    words: ctx.answerWords, hangUps: hangUpsAfter[turn.index] ?? 0, targets: targets))
            }
        }
        return CorpusAnalysis(documents: [entry], calls: calls, answers: answers)
    }
}
