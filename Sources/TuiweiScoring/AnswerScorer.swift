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
    func score(_ context: AnswerContext, questionType: QuestionType) -> AnswerScore {
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

        // Did the kind of question get the kind of answer?
        let answerScalars = resources.folded(context.answer)
        let content = contentWords(context.answerWords)
        let questionContent = AskedWords(contentWords(context.questionWords), answer: content)
        let yesNoWord = questionType == .yesNo ? yesNoLead(answerScalars, hasContent: !content.isEmpty) : nil
        switch questionType {
        case .yesNo:
            if let lead = yesNoWord {
                add("question.yesno.answered", w["question.yesno.answered"], "yes/no question answered with \u{201C}\(lead)\u{201D}")
            } else {
                add("question.yesno.unanswered", w["question.yesno.unanswered"], "yes/no question without a yes or no")
            }
        case .which:
            if let evidence = whichAnswer(answerScalars: answerScalars, content: content, asked: questionContent,
                                          detections: detections) {
                add("question.which.answered", w["question.which.answered"], "which/how-many question answered: \(evidence)")
            } else {
                add("question.which.unanswered", w["question.which.unanswered"], "which/how-many question without that kind of answer")
            }
        case .open, .none:
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
            add("content.per_word", cap > 0 ? min(raw, cap) : raw, "\(content.count) content words")
        }

        for kind in context.events {
            add("event.\(kind.rawValue)", w["event.\(kind.rawValue)"], "\(kind.rawValue) right after this turn")
        }

        let total = parts.reduce(0) { $0 + $1.points }
        let score = (min(100, max(0, total)) * 10).rounded() / 10
        let graded = isGraded(questionType: questionType, content: content, detections: detections,
                              answeredYesNo: answeredYesNo,
                              answerScalars: answerScalars, hasEvent: !context.events.isEmpty)
        return AnswerScore(document: context.document, call: context.call, turn: context.turn,
                           officialTurn: context.officialTurn, score: score,
                           grade: graded ? w.grade(for: score) : nil,
                           detections: detections, contributions: parts)
    }

    /// Words that carry content: not punctuation, stop words, fillers or greetings.
    public func contentWords(_ words: [String]) -> [String] {
        words.filter { word in !word.isEmpty && !isPunctuationWord(word) && !resources.nonContentWords.contains(word) }
    }

    /// The yes/no word the answer opens with (after fillers), if any. A filler that doubles as
    /// assent (嗯) counts only when the turn says nothing else.
    func yesNoLead(_ s: [UInt32], hasContent: Bool) -> String? {
        var p = 0
        while p < s.count {
            if isPunctuationOrSpace(s[p]) { p += 1; continue }
            let rest = s[p...]
            let filler = resources.fillers.prefixMatch(rest) ?? 0
            // A longer filler wins: 是这样 opens an explanation, not a yes.
            if let n = resources.yesNoAnswers.prefixMatch(rest), n >= filler {
                let word = String(String.UnicodeScalarView(s[p..<(p + n)].compactMap(Unicode.Scalar.init)))
                if !resources.fillerWords.contains(word) || !hasContent { return word }
            }
            if filler > 0 { p += filler; continue }
            return nil
        }
        return nil
    }

    /// Evidence that a which/how-many question got a fact: a SPECIFIC detection, a number, or a
    /// first clause that is not a deflection and names something the question did not (`asked`:
    /// the question's content words).
    func whichAnswer(answerScalars: [UInt32], content: [String], asked: AskedWords, detections: [Detection]) -> String? {
        // A reply that is itself a question (你这是从哪儿得到我的电话的？) gives no fact.
        if let end = answerScalars.firstIndex(where: { [0x3002, 0x3F, 0x21].contains($0) }), answerScalars[end] == 0x3F { return nil }
        if let d = detections.first(where: { $0.code == .specific }) { return "\u{201C}\(d.text)\u{201D}" }
        if let number = firstNumber(answerScalars) { return "number \u{201C}\(number)\u{201D}" }
        let clauseEnd = answerScalars.firstIndex(where: { [0x3002, 0x2C, 0x3F, 0x21, 0x3001].contains($0) }) ?? answerScalars.count
        if detections.contains(where: { $0.code.kind == .deflection && $0.range.lowerBound < max(clauseEnd, 12) }) { return nil }
        if let fresh = content.first(where: { !asked.contains($0) }) { return "\u{201C}\(fresh)\u{201D}" }
        return nil
    }

    /// The first number in the text: digits, or numerals followed by another numeral or a measure
    /// word (十一月, 29家) — a lone 一 in 一个 or 一下 is not a number.
    func firstNumber(_ s: [UInt32]) -> String? {
        func text(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(s[r].compactMap(Unicode.Scalar.init))) }
        var i = 0
        while i < s.count {
            let v = s[i]
            if v >= 0x30 && v <= 0x39 {
                var j = i
                while j < s.count, s[j] >= 0x30 && s[j] <= 0x39 { j += 1 }
                return text(i..<j)
            }
            if resources.numerals.contains(v) {
                var j = i
                while j < s.count, resources.numerals.contains(s[j]) { j += 1 }
                if let m = resources.measures.prefixMatch(s[j...]) { return text(i..<(j + m)) }
                if j - i >= 2 { return text(i..<j) }
                i = j
                continue
            }
            i += 1
        }
        return nil
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
