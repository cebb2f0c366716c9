import TuiweiCore
import TuiweiCorpus

/// A line that opens a call: `第一通电话：重庆市巴南区总工会办公室曾女士`, `第二通电话 安阳市总工会 劳动和经济工作部`.
struct CallHeader: Sendable, Equatable {
    let organisation: String?
    let department: String?
    let person: String?

    static let numerals: Set<Unicode.Scalar> = Set("0123456789一二三四五六七八九十百两〇零".unicodeScalars)

    /// Recognises the header shape `第<numeral><header word>` (`calls.tsv`: 通电话, 次通话, …) and
    /// reads organisation, department and person from the rest of the line. `content` may be
    /// folded or not; what is returned is cut from it as given.
    static func parse(_ content: [Unicode.Scalar], conventions c: TranscriptConventions) -> CallHeader? {
        // Almost no line starts with 第: tell that before folding the line.
        guard let first = content.first, c.fold(first) == "第" else { return nil }
        let f = c.fold(content)
        var i = 1
        while i < f.count, numerals.contains(f[i]) { i += 1 }
        guard i > 1 else { return nil }
        let rest = f[i...]
        guard let word = c.headerWords.first(where: { rest.starts(with: $0) }) else { return nil }
        var start = i + word.count
        let separators = Set(":：-—,， ".unicodeScalars)
        while start < f.count, separators.contains(f[start]) || TextNormaliser.isSpace(f[start]) { start += 1 }
        return parseMetadata(Array(content[start...]), conventions: c)
    }

    static func parseMetadata(_ text: String, conventions c: TranscriptConventions) -> CallHeader {
        parseMetadata(text.scalarArray, conventions: c)
    }

    /// Organisation, department and person of a header's text (or a label). Words are found in
    /// the folded text; what is returned is cut from the original at the same offsets.
    static func parseMetadata(_ scalars: [Unicode.Scalar], conventions c: TranscriptConventions) -> CallHeader {
        let original = scalars.filter { !TextNormaliser.isSpace($0) }
        let f = c.fold(original)
        func text(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(original[r])) }
        var lo = 0, hi = f.count
        var organisation: String?
        var department: String?
        var person: String?
        // The organisation: the shortest prefix ending in an organisation word.
        var bestEnd: Int?
        for end in c.organisationEnds {
            if let at = f.firstIndex(of: end), bestEnd == nil || at + end.count < bestEnd! { bestEnd = at + end.count }
        }
        if let e = bestEnd {
            organisation = text(0..<e)
            lo = e
        }
        // A surname and a title close the header: `曾女士`, `李副主席`.
        for end in c.personEnds where hi - lo > end.count && Array(f[(hi - end.count)..<hi]) == end {
            person = text((hi - end.count - 1)..<hi)
            hi -= end.count + 1
            break
        }
        if lo < hi {
            let rest = Array(f[lo..<hi])
            for end in c.departmentEnds {
                // The last occurrence: `劳动和经济工作部` ends at its final 部.
                var at: Int?
                var from = 0
                while let k = rest.firstIndex(of: end, from: from) { at = k; from = k + 1 }
                if let at {
                    department = text(lo..<(lo + at + end.count))
                    break
                }
            }
            if department == nil, organisation == nil { organisation = text(lo..<hi) }
        }
        return CallHeader(organisation: organisation, department: department, person: person)
    }

    /// Surname from a person string such as `曾女士`.
    static func surname(of person: String?) -> String? {
        guard let p = person, let first = p.unicodeScalars.first, TextNormaliser.isHan(first) else { return nil }
        return String(first)
    }
}

/// Lines that report what happened rather than what was said (`calls.tsv`).
enum EventMarker {
    static let decoration: Set<Unicode.Scalar> = Set("-—–―_ ~～*·[]【】()（）<>《》「」".unicodeScalars)

    /// The kind of event a line (label-free) reports, if any.
    static func kind(of content: [Unicode.Scalar], conventions c: TranscriptConventions) -> Event.Kind? {
        // Nearly every line has none of the key characters: tell that before folding the line.
        guard content.contains(where: { c.isEventKey(c.fold($0)) }) else { return nil }
        let text = c.fold(content)
        if isVoicemailStart(text, c) { return .voicemail }
        var s = 0, e = text.count
        while s < e, decoration.contains(text[s]) { s += 1 }
        while e > s, decoration.contains(text[e - 1]) { e -= 1 }
        let core = Array(text[s..<e])
        guard core.count <= 40 else { return nil }
        if c.refused.contains(where: core.contains) || (c.retry.contains(where: core.contains) && core.contains("接")) {
            return .refusedCallBack
        }
        if c.hangUp.contains(where: core.contains), core.count <= 20 { return .hangUp }
        return nil
    }

    /// `[语音答录：…]`: a bracketed recording, which may wrap over several lines.
    static func isVoicemailStart(_ folded: [Unicode.Scalar], _ c: TranscriptConventions) -> Bool {
        guard let first = folded.first, "[【(（〔".unicodeScalars.contains(first) else { return false }
        let head = Array(folded.prefix(8))
        return c.voicemail.contains { head.contains($0) }
    }

    static func closesBracket(_ content: [Unicode.Scalar], _ c: TranscriptConventions) -> Bool {
        content.contains { "]】)）〕".unicodeScalars.contains(c.fold($0)) }
    }
}
