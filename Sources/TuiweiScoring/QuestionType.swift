import TuiweiCore

/// What kind of answer the caller's question asks for, which decides what counts as answering it.
public enum QuestionType: String, Sendable, Hashable, Codable, CaseIterable {
    /// 吗 · 是不是 · 有没有 · a declarative sentence ending in a question mark: a yes or a no answers it.
    case yesNo = "yes-no"
    /// 请问是市总工会吗: is this the office (person) I meant? A yes, a no or a name answers it.
    case identity
    /// A statement with a tag (对吧？ 是吧？): agreement is sought, not information.
    case tag
    /// 能不能帮我… · 麻烦您…: asks the official to do something.
    case request
    /// 哪个 · 哪些 · 什么部门: asks which one.
    case which
    /// 谁 · 哪位 · 贵姓: asks for a person.
    case who
    /// 哪里 · 在哪: asks for a place.
    case `where`
    /// 什么时候 · 何时 · 几号: asks for a time.
    case when
    /// 多少 · 几个 · 几家: asks for a number.
    case howMany = "how-many"
    /// 为什么 · 凭什么: asks for a reason.
    case why
    /// 怎么 · 如何 · 怎么样: asks for a manner or an account.
    case how
    /// No question (a statement, a greeting, thanks).
    case none

    /// The group whose answers are scored alike: a yes or no, a fact, an explanation.
    public enum Family: Sendable { case yesNo, fact, explanation, none }

    public var family: Family {
        switch self {
        case .yesNo, .identity, .tag, .request: .yesNo
        case .which, .who, .where, .when, .howMany: .fact
        case .why, .how: .explanation
        case .none: .none
        }
    }

    /// Whether a number or a date answers it (and is then a SPECIFIC, DIRECT answer).
    public var asksForNumber: Bool { self == .howMany || self == .when }
}

extension ScoringResources {
    /// Classifies the caller's text by its last question: the last sentence ending in `？`/`?`,
    /// or, failing that, the last sentence if it carries a question marker.
    public func questionType(of text: String) -> QuestionType {
        let scalars = folded(text)
        var last: Range<Int>?, lastAsked: Range<Int>?
        var start = 0
        for (i, s) in scalars.enumerated() where TextNormaliser.isSentenceEnd(s) {
            if i > start {
                last = start..<i
                if s == 0x3F { lastAsked = start..<i }
            }
            start = i + 1
        }
        if start < scalars.count { last = start..<scalars.count }
        guard let chosen = lastAsked ?? last else { return .none }
        let asked = lastAsked != nil
        let body = Array(scalars[chosen])
        // Particles after the last word (啊 呢 呀) do not change the question.
        var core = body
        while let v = core.last, isPunctuationOrSpace(v) || v == 0x554A || v == 0x5462 || v == 0x5440 { core.removeLast() }
        // A statement with a tag at its end seeks agreement.
        if let n = questionMarkers[.tag]?.suffixMatch(core), n < core.count,
           !hasFactMarker(Array(core.dropLast(n))) {
            return .tag
        }
        let fact = factType(body)
        // Trailing 吗 / A不A decide yes/no, unless the question embeds a fact one asks to be told
        // (你知道有多少家吗).
        if core.last == 0x5417 || core.last == 0x4E48 || hasAnotA(body) {
            if let fact, knowingVerbs.contains(in: body) { return fact }
            if questionMarkers[.identity]?.prefixMatch(core[...]) != nil { return .identity }
            if questionMarkers[.request]?.contains(in: body) == true { return .request }
            return .yesNo
        }
        // 为什么 and 怎么 hold 什么 and 怎, so they are asked before the general which-markers.
        if let fact, fact != .which { return fact }
        if questionMarkers[.why]?.contains(in: body) == true { return .why }
        if questionMarkers[.how]?.contains(in: body) == true { return .how }
        if let fact { return fact }
        if questionMarkers[.yesNo]?.contains(in: body) == true {
            return questionMarkers[.request]?.contains(in: body) == true ? .request : .yesNo
        }
        if questionMarkers[.request]?.prefixMatch(core[...]) != nil { return .request }
        return asked ? .yesNo : .none
    }

    /// The fact a sentence asks for, by the most specific marker it holds.
    private func factType(_ body: [UInt32]) -> QuestionType? {
        for type in [QuestionType.howMany, .when, .where, .who, .which] where questionMarkers[type]?.contains(in: body) == true {
            return type
        }
        return nil
    }

    private func hasFactMarker(_ body: [UInt32]) -> Bool { factType(body) != nil }

    /// X不X (了解不了解, 是不是), the verb-not-verb question.
    private func hasAnotA(_ s: [UInt32]) -> Bool {
        guard s.count >= 3 else { return false }
        for i in 1..<(s.count - 1) where s[i] == 0x4E0D && s[i - 1] >= 0x4E00 {
            if s[i - 1] == s[i + 1] { return true }
            if i >= 2, i + 2 < s.count, s[i - 2] == s[i + 1], s[i - 1] == s[i + 2] { return true }
        }
        return false
    }
}

public func isPunctuationOrSpace(_ v: UInt32) -> Bool {
    if v < 0x80 { return !((v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)) }
    if v >= 0x3000 && v <= 0x303F { return true }     // CJK punctuation
    if v >= 0xFF00 && v <= 0xFF0F { return true }
    if v >= 0x2000 && v <= 0x206F { return true }     // general punctuation (…, —, quotes)
    if v == 0xFF1A || v == 0xFF1B || v == 0xFF1F || v == 0xFF01 { return true }
    return false
}

/// Whether a word carries no letters or digits (punctuation, spaces).
public func isPunctuationWord(_ word: String) -> Bool {
    word.unicodeScalars.allSatisfy { isPunctuationOrSpace($0.value) }
}
