import TuiweiCore

/// Scores one official turn: a sum of weighted, named contributions, clamped to 0–100 and mapped
/// to a grade with the thresholds of the weights file.
///
/// The scorer is a value built once from the loaded resources and shared by every task.
public struct AnswerScorer: Sendable {
    public let resources: ScoringResources

    public init(resources: ScoringResources) {
        self.resources = resources
    }

    private var w: ScoringWeights { resources.weights }

    /// The score, grade and explanation of `context`.
    public func score(_ context: AnswerContext) -> AnswerScore {
        score(context, questionType: resources.questionType(of: context.question))
    }

    /// `score(_:)` with the question's type already known (`questionType(of: context.question)`).
    public func score(_ context: AnswerContext, questionType: QuestionType) -> AnswerScore {
        var parts: [Contribution] = []
        func add(_ feature: String, _ points: Double, _ detail: String) {
            if points != 0 { parts.append(Contribution(feature: feature, points: points, detail: detail)) }
        }
        let detections = context.detections.sorted { ($0.range.lowerBound, $0.code) < ($1.range.lowerBound, $1.code) }
        add("base", w["base"], "starting score")

        // Detections: the first of each code counts fully, repeats by the `.repeat` factor. Of the
        // distinct deflection codes the heaviest counts fully and each further one by
        // `deflection.others`, so that piling up mild deferrals does not read as a flat refusal.
        var seen: [Code: Int] = [:]
        var hedges: [Detection] = []
        // Each code's points are looked up once, not on every comparison of the sort.
        let firstDeflections = Dictionary(grouping: detections.filter { $0.code.kind == .deflection }, by: \.code)
            .compactMapValues(\.first).values
            .map { (points: w["deflection.\($0.code.rawValue)"] * $0.weight, code: $0.code) }
            .sorted { ($0.points, $0.code) < ($1.points, $1.code) }
        let heaviest = firstDeflections.first?.code
        for d in detections {
            let n = seen[d.code, default: 0]
            seen[d.code] = n + 1
            let quote = "\u{201C}\(d.text)\u{201D} (\(d.rule))"
            switch d.code.kind {
            case .deflection:
                let factor = n > 0 ? w["deflection.repeat"] : d.code == heaviest ? 1 : w["deflection.others"]
                add("deflection.\(d.code.rawValue)", w["deflection.\(d.code.rawValue)"] * d.weight * factor, quote)
            case .answer:
                let factor = n == 0 ? 1 : w["answer.repeat"]
                add("answer.\(d.code.rawValue)", w["answer.\(d.code.rawValue)"] * d.weight * factor, quote)
            case .modifier:
                if d.code == .hedge { hedges.append(d) } else if n == 0 { add("backchannel", w["backchannel"], quote) }
            }
        }
        if !hedges.isEmpty {
            let each = w["hedge"]
            let total = hedges.reduce(0) { $0 + each * $1.weight }
            let cap = abs(w["hedge.max"])
            let points = cap > 0 && abs(total) > cap ? (total < 0 ? -cap : cap) : total
            add("hedge", points, hedges.map { "\u{201C}\($0.text)\u{201D}" }.joined(separator: " "))
        }

        // Did the kind of question get the kind of answer? What answers it is a code of its own
        // (DIRECT, SPECIFIC) with the words as evidence, as if a lexicon entry had found it.
        let answerScalars = resources.folded(context.answer)
        let content = contentWords(context.answerWords)
        let questionContent = AskedWords(contentWords(context.questionWords), answer: content)
        let yesNoWord = questionType.family == .yesNo ? yesNoLead(answerScalars, hasContent: !content.isEmpty) : nil
        var derived: [Detection] = []
        func derive(_ code: Code, _ span: Range<Int>, _ why: String) {
            guard !detections.contains(where: { $0.code == code }), !derived.contains(where: { $0.code == code }),
                  span.upperBound <= answerScalars.count else { return }
            let original = Array(context.answer.unicodeScalars)
            let text = String(String.UnicodeScalarView(original[span]))
            let location = context.answerMap?.location(at: span.lowerBound) ?? SourceLocation(document: context.document, line: 0, column: 0)
            let d = Detection(code: code, text: text, range: span, location: location,
                              rule: RuleReference(file: "question:\(questionType.rawValue)", line: 0), weight: 1)
            derived.append(d)
            add("answer.\(code.rawValue)", w["answer.\(code.rawValue)"], "\u{201C}\(text)\u{201D} (\(why))")
        }
        switch questionType.family {
        case .yesNo:
            if let lead = yesNoWord {
                add("question.yesno.answered", w["question.yesno.answered"], "\(questionType.rawValue) question answered with \u{201C}\(lead.word)\u{201D}")
                // Assent to a tag, or a bare backchannel, is not an answer of substance.
                // 好 / 行 agree to a request; to a question they only acknowledge it.
                // (unless the question asked with that word: 好不好？ 行吗？).
                let assentOnly = questionType != .request && Self.assentWords.contains(lead.word)
                    && !context.question.contains(lead.word.prefix(1))
                let bare = content.isEmpty || assentOnly || (questionType == .tag && resources.fillerWords.contains(lead.word))
                if !bare { derive(.direct, lead.range, "\(questionType.rawValue) question answered yes or no") }
            } else {
                add("question.yesno.unanswered", w["question.yesno.unanswered"], "\(questionType.rawValue) question without a yes or no")
            }
        case .fact:
            if let evidence = whichAnswer(answerScalars: answerScalars, content: content, asked: questionContent,
                                          detections: detections, type: questionType) {
                add("question.which.answered", w["question.which.answered"], "\(questionType.rawValue) question answered: \(evidence.description)")
                if let span = evidence.range {
                    if evidence.isNumber, questionType.asksForNumber { derive(.specific, span, "\(questionType.rawValue) question answered with a number") }
                    derive(.direct, span, "\(questionType.rawValue) question answered")
                }
            } else {
                add("question.which.unanswered", w["question.which.unanswered"], "\(questionType.rawValue) question without that kind of answer")
            }
        case .explanation, .none:
            break
        }

        // Overlap of content words between question and answer.
        if !questionContent.isEmpty {
            let shared = questionContent.shared(with: content).sorted()
            if !shared.isEmpty {
                let share = Double(shared.count) / Double(questionContent.count)
                add("overlap", w["overlap"] * share,
                    "\(shared.count) of \(questionContent.count) question words: \(shared.prefix(6).joined(separator: "、"))")
            }
        }

        // Amount of content beyond fillers and greetings.
        let answeredYesNo = yesNoWord != nil
        if content.isEmpty {
            // A bare 对 that answers a yes/no question is not empty.
            if !answeredYesNo { add("content.none", w["content.none"], "nothing beyond fillers and greetings") }
        } else {
            let raw = w["content.per_word"] * Double(content.count)
            let cap = abs(w["content.max"])
            // The cap bounds the points either way, for a fitted negative weight as for a positive one.
            add("content.per_word", cap > 0 && abs(raw) > cap ? (raw < 0 ? -cap : cap) : raw, "\(content.count) content words")
        }

        for kind in context.events {
            add("event.\(kind.rawValue)", w["event.\(kind.rawValue)"], "\(kind.rawValue) after this turn, before the next answer")
        }

        let total = parts.reduce(0) { $0 + $1.points }
        let allDetections = (detections + derived).sorted { ($0.range.lowerBound, $0.code) < ($1.range.lowerBound, $1.code) }
        let score = (min(100, max(0, total)) * 10).rounded() / 10
        let graded = isGraded(questionType: questionType, content: content, detections: allDetections,
                              answeredYesNo: answeredYesNo && !(questionType == .tag && content.isEmpty),
                              answerScalars: answerScalars, hasEvent: !context.events.isEmpty)
        return AnswerScore(document: context.document, call: context.call, turn: context.turn,
                           officialTurn: context.officialTurn, score: score,
                           grade: graded ? w.grade(for: score) : nil,
                           detections: allDetections, contributions: parts)
    }

    /// Yes-words that agree to a request but, to a question, only acknowledge it.
    static let assentWords: Set<String> = ["好", "好的", "行"]

    /// Words that carry content: not punctuation, stop words, fillers or greetings.
    public func contentWords(_ words: [String]) -> [String] {
        words.filter { word in !word.isEmpty && !isPunctuationWord(word) && !resources.nonContentWords.contains(word) }
    }

    /// The yes/no word the answer opens with (after fillers), if any, with its scalar range. A
    /// filler that doubles as assent (嗯) counts only when the turn says nothing else.
    func yesNoLead(_ s: [UInt32], hasContent: Bool) -> (word: String, range: Range<Int>)? {
        var p = 0
        while p < s.count {
            if isPunctuationOrSpace(s[p]) { p += 1; continue }
            let rest = s[p...]
            let filler = resources.fillers.prefixMatch(rest) ?? 0
            // A longer filler wins: 是这样 opens an explanation, not a yes.
            if let n = resources.yesNoAnswers.prefixMatch(rest), n >= filler {
                let word = String(String.UnicodeScalarView(s[p..<(p + n)].compactMap(Unicode.Scalar.init)))
                if !resources.fillerWords.contains(word) || !hasContent { return (word, p..<(p + n)) }
            }
            if filler > 0 { p += filler; continue }
            return nil
        }
        return nil
    }

    /// What showed that a question of fact got one.
    struct FactEvidence {
        let description: String
        /// Where it stands in the answer; nil when it cannot be placed.
        let range: Range<Int>?
        let isNumber: Bool
    }

    /// Evidence that a question of fact got a fact: a SPECIFIC detection, a number (with its
    /// measure word), or a first clause that is not a deflection and names something the question
    /// did not (`asked`: the question's content words). To a which/who/where question an answer
    /// naming another office is an answer, though it may also refer the asker there.
    func whichAnswer(answerScalars: [UInt32], content: [String], asked: AskedWords, detections: [Detection],
                     type: QuestionType = .which) -> FactEvidence? {
        // A reply that is itself a question (你这是从哪儿得到我的电话的？) gives no fact.
        if let end = answerScalars.firstIndex(where: TextNormaliser.isSentenceEnd), answerScalars[end] == 0x3F { return nil }
        if let d = detections.first(where: { $0.code == .specific }) {
            return FactEvidence(description: "\u{201C}\(d.text)\u{201D}", range: d.range, isNumber: true)
        }
        if let number = numberSpan(answerScalars) {
            let text = String(String.UnicodeScalarView(answerScalars[number].compactMap(Unicode.Scalar.init)))
            return FactEvidence(description: "number \u{201C}\(text)\u{201D}", range: number, isNumber: true)
        }
        if type.asksForNumber { return nil }
        let clauseEnd = answerScalars.firstIndex(where: TextNormaliser.isClauseEnd) ?? answerScalars.count
        let pointsElsewhere: Set<Code> = [.referral, .jurisdiction]
        let asksWhere = type == .which || type == .who || type == .where
        if detections.contains(where: { $0.code.kind == .deflection && $0.range.lowerBound < max(clauseEnd, 12)
            && !(asksWhere && pointsElsewhere.contains($0.code)) }) { return nil }
        if let fresh = content.first(where: { !asked.contains($0) }) {
            let needle = resources.folded(fresh)
            let at = firstIndex(of: needle, in: answerScalars)
            return FactEvidence(description: "\u{201C}\(fresh)\u{201D}", range: at.map { $0..<($0 + needle.count) }, isNumber: false)
        }
        return nil
    }

    private func firstIndex(of needle: [UInt32], in hay: [UInt32]) -> Int? {
        guard !needle.isEmpty, needle.count <= hay.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }

    /// The first number's whole span, with a measure word after it: all its digits (29家, not 9家),
    /// or numerals followed by another numeral or a measure word.
    func numberSpan(_ s: [UInt32]) -> Range<Int>? {
        var i = 0
        while i < s.count {
            let v = s[i]
            if v >= 0x30 && v <= 0x39 {
                var j = i
                while j < s.count, (s[j] >= 0x30 && s[j] <= 0x39)
                    || ((s[j] == 0x2E || s[j] == 0x2C) && j + 1 < s.count && s[j + 1] >= 0x30 && s[j + 1] <= 0x39) { j += 1 }
                if let m = resources.measures.prefixMatch(s[j...]) { j += m }
                return i..<j
            }
            if resources.numerals.contains(v) {
                var j = i
                while j < s.count, resources.numerals.contains(s[j]) { j += 1 }
                if let m = resources.measures.prefixMatch(s[j...]) { return i..<(j + m) }
                if j - i >= 2 { return i..<j }
                i = j
                continue
            }
            i += 1
        }
        return nil
    }

    /// The first number in the text: digits, or numerals followed by another numeral or a measure
    /// word (十一月, 29家) — a lone 一 in 一个 or 一下 is not a number.
    func firstNumber(_ s: [UInt32]) -> String? {
        numberSpan(s).map { String(String.UnicodeScalarView(s[$0].compactMap(Unicode.Scalar.init))) }
    }

    /// Whether the turn's first word after fillers is a greeting, thanks or farewell.
    func opensWithGreeting(_ s: [UInt32]) -> Bool {
        var p = 0
        while p < s.count {
            if isPunctuationOrSpace(s[p]) { p += 1; continue }
            if resources.greetings.prefixMatch(s[p...]) != nil { return true }
            if let n = resources.fillers.prefixMatch(s[p...]) { p += n; continue }
            return false
        }
        return false
    }

    /// Greetings, thanks and bare backchannels are not graded; a bare 嗯/对 that answers a yes/no
    /// question is.
    func isGraded(questionType: QuestionType, content: [String], detections: [Detection], answeredYesNo: Bool,
                  answerScalars: [UInt32], hasEvent: Bool) -> Bool {
        if answeredYesNo || hasEvent { return true }
        let substantive = detections.contains { $0.code.kind == .deflection || $0.code.kind == .answer }
        if substantive { return true }
        if content.isEmpty { return false }
        if questionType == .none {
            // Thanks and farewells open with their greeting or are short; a 好吧 closing an
            // explanation does not make it courtesy.
            let courtesy = opensWithGreeting(answerScalars) || detections.contains { $0.code == .backchannel }
                || (content.count <= 4 && resources.greetings.contains(in: answerScalars))
            if courtesy || content.count <= 2 { return false }
        }
        return true
    }
}
