import TuiweiCorpus

/// A speaker label found at a position in a line: `巴南区总工会：`, `韩(韩东方简称韩):`.
struct LabelHit: Sendable {
    /// Folded label without any parenthetical definition (`韩`, `CLB`).
    let name: String
    /// Scalar index in the line where the label starts and one past its colon.
    let start: Int
    let end: Int
    /// Full name given in a definition on first use (`韩东方`), if any.
    let fullName: String?
}

/// The labels of a document, discovered from the text rather than assumed.
///
/// A label is a short name before `：`, `:` or `∶` at the start of a line that recurs and
/// alternates with other labels. Narration ending in a colon (`全文如下：`, a slide heading such as
/// `政治性：`) occurs once and does not alternate, so it is not a label. A name seen once is still
/// a label when it is another form of a recurring one (`工会苏主席` for `苏主席`), or is defined on
/// first use, or names a role or organisation inside the conversation.
struct LabelSet: Sendable {
    /// Every accepted spelling → the canonical label it stands for.
    let canonical: [String: String]
    /// Full names from definitions, by canonical label.
    let fullNames: [String: String]

    var isEmpty: Bool { canonical.isEmpty }

    static let maxLabelLength = 12

    static func isColon(_ s: Unicode.Scalar) -> Bool {
        s == ":" || s == "：" || s == "∶" || s == "﹕"
    }

    /// A label candidate at the start of the line's content, if the line has that shape.
    static func candidate(in line: SourceLine) -> LabelHit? {
        candidate(in: line.scalars, from: line.contentStart, to: line.contentEnd)
    }

    static func candidate(in s: [Unicode.Scalar], from start: Int, to end: Int) -> LabelHit? {
        var i = start
        var depth = 0
        var nameEnd = -1
        var parenStart = -1
        let limit = min(end, start + maxLabelLength + 24)
        while i < limit {
            let c = Folding.fold(s[i])
            if c == "(" || c == "（" {
                if depth == 0 { parenStart = i; if nameEnd < 0 { nameEnd = i } }
                depth += 1
            } else if c == ")" || c == "）" {
                depth -= 1
                if depth < 0 { return nil }
            } else if depth == 0 {
                if isColon(s[i]) { break }
                if parenStart >= 0 { return nil }  // text after the definition: not a label
                switch c {
                case "，", ",", "。", "、", "！", "!", "？", "?", "；", ";", "“", "”", "\"", "《", "》", "…", "—", " ", "\t", "[", "【", "]", "】", "/":
                    return nil
                default: break
                }
            }
            i += 1
        }
        guard i < limit, depth == 0, isColon(s[i]) else { return nil }
        let nameStop = nameEnd >= 0 ? nameEnd : i
        guard nameStop > start, nameStop - start <= maxLabelLength else { return nil }
        var name = String.UnicodeScalarView()
        var hasLetter = false
        for k in start..<nameStop {
            let f = Folding.fold(s[k])
            name.append(f)
            // Ideographs of the basic block (all assigned and alphabetic) skip the property lookup.
            if !hasLetter, (0x4E00..<0x9FA6).contains(f.value) || f.properties.isAlphabetic { hasLetter = true }
        }
        guard hasLetter, CallHeader.parse(Array(name)) == nil else { return nil }
        let nameString = String(name)
        if name.count <= 6, name.allSatisfy(\.isASCII) {
            let lower = nameString.lowercased()
            if lower == "http" || lower == "https" || lower == "ftp" || lower == "mailto" { return nil }
        }
        var fullName: String?
        if parenStart >= 0 {
            let inner = String(String.UnicodeScalarView(s[(parenStart + 1)..<(i - 1)].map(Folding.fold)))
            fullName = definedName(inner, short: nameString)
        }
        return LabelHit(name: nameString, start: start, end: i + 1, fullName: fullName)
    }

    /// `韩东方简称韩` → `韩东方`; `以下简称韩` → nil.
    static func definedName(_ inner: String, short: String) -> String? {
        var text = inner
        for marker in ["以下简称", "下称", "简称", "以下称"] {
            if let r = text.range(of: marker) { text = String(text[..<r.lowerBound]) }
        }
        let trimmed = text.unicodeScalars.filter { Folding.isHan($0) || $0.properties.isAlphabetic }
        let name = String(String.UnicodeScalarView(trimmed))
        return name.isEmpty || name == short ? nil : name
    }

    /// Suffixes that make a once-used name a participant rather than narration.
    static let participantSuffixes = ["工会", "主席", "部长", "书记", "主任", "女士", "先生", "老师", "科长", "处长",
                                      "经理", "记者", "局", "部", "办", "委", "会", "室"]

    static func discover(lines: [SourceLine]) -> LabelSet {
        var hits: [(line: Int, hit: LabelHit)] = []
        var lineStarts = [LabelHit?](repeating: nil, count: lines.count)
        for (n, line) in lines.enumerated() where !line.isBlank {
            if let h = candidate(in: line) { hits.append((n, h)); lineStarts[n] = h }
        }
        var counts: [String: Int] = [:]
        for h in hits { counts[h.hit.name, default: 0] += 1 }
        // Turns run together on one line (`… 韩:… 苏主席:…`) count too, for names seen at a line start.
        let startNames = LabelSet(canonical: Dictionary(uniqueKeysWithValues: counts.keys.map { ($0, $0) }), fullNames: [:])
        for (n, line) in lines.enumerated() where !line.isBlank {
            for h in startNames.hits(in: line, lineStart: lineStarts[n]) where h.start != line.contentStart {
                counts[h.name, default: 0] += 1
            }
        }
        let recurring = Set(counts.filter { $0.value >= 2 }.keys)
        guard recurring.count >= 2 else { return LabelSet(canonical: [:], fullNames: [:]) }
        // Alternation: consecutive recurring labels must change often enough to be a dialogue.
        let sequence = hits.map(\.hit.name).filter { recurring.contains($0) }
        var changes = 0
        for k in 1..<max(1, sequence.count) where sequence[k] != sequence[k - 1] { changes += 1 }
        guard sequence.count >= 2, Double(changes) / Double(sequence.count - 1) >= 0.25 else {
            return LabelSet(canonical: [:], fullNames: [:])
        }
        var canonical: [String: String] = [:]
        for r in recurring { canonical[r] = r }
        let firstDialogueLine = hits.first { recurring.contains($0.hit.name) }?.line ?? 0
        var fullNames: [String: String] = [:]
        for (lineIndex, h) in hits where canonical[h.name] == nil {
            // Another spelling of a recurring label: `工会苏主席` → `苏主席`.
            if let base = recurring.filter({ h.name.hasSuffix($0) || $0.hasSuffix(h.name) }).max(by: { $0.count < $1.count }),
               min(base.count, h.name.count) >= 2 || h.name.count <= 2 {
                canonical[h.name] = base
            } else if lineIndex >= firstDialogueLine, h.fullName != nil || participantSuffixes.contains(where: { h.name.hasSuffix($0) }),
                      h.name.count <= 8 {
                canonical[h.name] = h.name
            }
        }
        for (_, h) in hits {
            if let full = h.fullName, let c = canonical[h.name] { fullNames[c] = fullNames[c] ?? full }
        }
        return LabelSet(canonical: canonical, fullNames: fullNames)
    }

    /// All label positions in a line: the one that starts it and any known label later in the
    /// line after white space or the end of a sentence (`… 韩:… 苏主席:…`).
    func hits(in line: SourceLine) -> [LabelHit] { hits(in: line, lineStart: LabelSet.candidate(in: line)) }

    /// `hits(in:)` given the line's `candidate(in:)`, already found.
    func hits(in line: SourceLine, lineStart: LabelHit?) -> [LabelHit] {
        var out: [LabelHit] = []
        let s = line.scalars
        if let h = lineStart, canonical[h.name] != nil { out.append(h) }
        var i = (out.first?.end ?? line.contentStart) + 1
        while i < line.contentEnd {
            if LabelSet.isColon(s[i]) {
                // Try every start from which a known label could end at this colon.
                var k = max(line.contentStart, i - LabelSet.maxLabelLength - 24)
                while k < i {
                    let before = k > 0 ? Folding.fold(s[k - 1]) : " "
                    if (Folding.isSpace(before) || Folding.isSentenceEnd(before) || Folding.isClosingQuote(before)),
                       let h = LabelSet.candidate(in: s, from: k, to: line.contentEnd), h.end == i + 1,
                       canonical[h.name] != nil, k > (out.last?.end ?? -1) {
                        out.append(h)
                        break
                    }
                    k += 1
                }
            }
            i += 1
        }
        return out
    }
}
