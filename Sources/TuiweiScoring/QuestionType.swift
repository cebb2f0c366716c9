import TuiweiCore

/// What kind of answer the caller's question asks for.
public enum QuestionType: String, Sendable, Hashable, Codable, CaseIterable {
    /// 吗 · 是不是 · 有没有 · a declarative sentence ending in a question mark.
    case yesNo = "yes-no"
    /// 哪 · 多少 · 几 · 什么时候 · 谁: asks for a specific fact.
    case which
    /// 怎么 · 为什么 · 如何: asks for an explanation.
    case open
    /// No question (a statement, a greeting, thanks).
    case none
}

extension ScoringResources {
    /// Classifies the caller's text by its last question: the last sentence ending in `？`/`?`,
    /// or, failing that, the last sentence if it carries a question marker.
    public func questionType(of text: String) -> QuestionType {
        let scalars = folded(text)
        func isSentenceEnd(_ v: UInt32) -> Bool {
            switch v {
            case 0x3002, 0x21, 0x3F, 0x2026, 0x0A: true  // 。 ! ? … newline
            default: false
            }
        }
        var last: Range<Int>?, lastAsked: Range<Int>?
        var start = 0
        for (i, s) in scalars.enumerated() where isSentenceEnd(s) {
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
        // Trailing 吗 / A不A decide yes/no even when a which-word appears inside ("你知道有多少家吗").
        let trimmed = body.reversed().drop(while: { isPunctuationOrSpace($0) || $0 == 0x554A || $0 == 0x5462 || $0 == 0x5440 })  // 啊 呢 呀
        if trimmed.first == 0x5417 { return .yesNo }  // 吗
        if hasAnotA(body) { return .yesNo }
        if whichMarkers.contains(in: body) { return .which }
        if yesNoMarkers.contains(in: body) { return .yesNo }
        if openMarkers.contains(in: body) { return .open }
        return asked ? .yesNo : .none
    }

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

func isPunctuationOrSpace(_ v: UInt32) -> Bool {
    if v < 0x80 { return !((v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)) }
    if v >= 0x3000 && v <= 0x303F { return true }     // CJK punctuation
    if v >= 0xFF00 && v <= 0xFF0F { return true }
    if v >= 0x2000 && v <= 0x206F { return true }     // general punctuation (…, —, quotes)
    if v == 0xFF1A || v == 0xFF1B || v == 0xFF1F || v == 0xFF01 { return true }
    return false
}

/// Whether a word carries no letters or digits (punctuation, spaces).
func isPunctuationWord(_ word: String) -> Bool {
    word.unicodeScalars.allSatisfy { isPunctuationOrSpace($0.value) }
}
