import TuiweiCore

/// One official turn with everything its score depends on: the question it answers, its words,
/// its detections and the events charged to it.
public struct AnswerContext: Sendable, Hashable {
    public let document: String
    /// 1-based call index.
    public let call: Int
    /// Index of the turn in `Call.turns`.
    public let turn: Int
    /// 1-based position among the call's official turns.
    public let officialTurn: Int
    /// The caller's turns of the exchange, joined (empty when the official speaks first).
    public let question: String
    /// Segmented words of `question`.
    public let questionWords: [String]
    public let answer: String
    /// Segmented words of `answer`.
    public let answerWords: [String]
    /// Lexicon detections in `answer`.
    public let detections: [Detection]
    /// Events charged to this turn (`Call.officialTurn(before:)`).
    public let events: [Event.Kind]
    /// Where the answer's characters stand in the document, so codes the scorer derives from
    /// the question point back to it as lexicon detections do.
    public let answerMap: SourceMap?

    public init(document: String, call: Int, turn: Int, officialTurn: Int, question: String, questionWords: [String],
                answer: String, answerWords: [String], detections: [Detection], events: [Event.Kind] = [],
                answerMap: SourceMap? = nil) {
        self.document = document
        self.call = call
        self.turn = turn
        self.officialTurn = officialTurn
        self.question = question
        self.questionWords = questionWords
        self.answer = answer
        self.answerWords = answerWords
        self.detections = detections
        self.events = events
        self.answerMap = answerMap
    }

    /// The contexts of every official turn of an analysed call, in turn order.
    public static func contexts(in analysis: CallAnalysis, document: String) -> [AnswerContext] {
        let call = analysis.call
        var exchangeOf: [Int: Exchange] = [:]
        for ex in call.exchanges { for t in ex.officialTurns { exchangeOf[t] = ex } }
        var eventsAfter: [Int: [Event.Kind]] = [:]
        for e in call.events { if let t = call.officialTurn(before: e) { eventsAfter[t.index, default: []].append(e.kind) } }
        var out: [AnswerContext] = []
        var questionCache: [Int: (String, [String])] = [:]
        var n = 0
        // The official turns as `Call.officialTurns` counts them: a translation is not a second answer.
        for turn in call.turns where turn.role == .official && turn.attribution != .translation {
            n += 1
            var question = ""
            var qWords: [String] = []
            if let ex = exchangeOf[turn.index] {
                if let cached = questionCache[ex.index] {
                    (question, qWords) = cached
                } else {
                    question = call.question(of: ex)
                    qWords = analysis.questionWords(of: ex)
                    questionCache[ex.index] = (question, qWords)
                }
            }
            let turnAnalysis = analysis.turns[turn.index]
            out.append(AnswerContext(document: document, call: call.index, turn: turn.index, officialTurn: n,
                                     question: question, questionWords: qWords,
                                     answer: turn.text, answerWords: turnAnalysis.words,
                                     detections: turnAnalysis.detections, events: eventsAfter[turn.index] ?? [],
                                     answerMap: turn.passage.map))
        }
        return out
    }
}
