import TuiweiCore
import TuiweiCorpus

/// A speaker label found at a position in a line: `巴南区总工会：`, `[王德学]`, `前台人员说：`,
/// `韩东方(简称韩):`, a bare `:` whose name was lost.
struct LabelHit: Sendable {
    enum Shape: String, Sendable { case colon, bracket, bare, damaged }
    /// The name the speaker is known by, folded (`韩`, `前台人员`, `王德学`); empty for a bare colon.
    let name: String
    /// The label as written, width-folded, without brackets or colon (`韩东方(简称韩)`, `前台人员说`).
    let written: String
    /// Scalar index in the line where the label starts and one past its end (colon or bracket).
    let start: Int
    let end: Int
    /// Full name given on first use or in a legend (`韩东方`), if any.
    let fullName: String?
    /// A position or office in brackets after the name (`王明(局长)：`), if any.
    let title: String?
    let shape: Shape
    let atLineStart: Bool
}

/// Reads label candidates out of lines: every span with the shape of a speaker label, at the
/// start of a line (after a bullet, a timestamp or a bracketed tag) or after a sentence boundary
/// or white space inside it.
struct LabelShapes {
    let conventions: TranscriptConventions

    static let maxName = 16
    static let maxLatinName = 30

    static func isColon(_ s: Unicode.Scalar) -> Bool { s == ":" || s == "：" || s == "∶" || s == "﹕" }
    static func isOpenBracket(_ s: Unicode.Scalar) -> Bool { s == "[" || s == "【" || s == "〔" || s == "［" || s == "〖" }
    static func isCloseBracket(_ s: Unicode.Scalar) -> Bool { s == "]" || s == "】" || s == "〕" || s == "］" || s == "〗" }
    static func isBullet(_ s: Unicode.Scalar) -> Bool { "-•·●○◆■▪►*>※".unicodeScalars.contains(s) }

    /// Characters that never stand inside a label's name.
    static func breaksName(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "，", ",", "。", "、", "！", "!", "？", "?", "；", ";", "“", "”", "\"", "…", "—", "\t", "/", "|", "「", "」", "=", "+":
            return true
        default:
            return isOpenBracket(c) || isCloseBracket(c)
        }
    }

    /// A position after which a label may begin inside a line.
    static func isBoundary(before c: Unicode.Scalar) -> Bool {
        TextNormaliser.isSpace(c) || TextNormaliser.endsProse(c) || TextNormaliser.isClosingQuote(c) || c == "|"
    }

    /// Every candidate in a line, in order, none overlapping.
    func candidates(in line: SourceLine) -> [LabelHit] {
        var out: [LabelHit] = []
        let s = line.scalars
        if let h = lineStart(s, from: line.contentStart, to: line.contentEnd) { out.append(h) }
        var i = (out.last?.end ?? line.contentStart) + 1
        while i < line.contentEnd {
            if LabelShapes.isColon(s[i]) {
                // The longest name before this colon that starts after a boundary.
                var k = max(line.contentStart, i - LabelShapes.maxLatinName - 24)
                while k < i {
                    if k > (out.last?.end ?? line.contentStart - 1), k > 0,
                       LabelShapes.isBoundary(before: TextNormaliser.width(s[k - 1])), !TextNormaliser.isSpace(s[k]),
                       let h = colonLabel(s, from: k, to: line.contentEnd, atLineStart: false), h.end == i + 1 {
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

    /// The candidate that opens a line, if any.
    func lineStart(_ s: [Unicode.Scalar], from start: Int, to end: Int) -> LabelHit? {
        // The label passage takes in the bullet or timestamp before it.
        guard let h = lineStartName(s, from: start, to: end) else { return nil }
        return LabelHit(name: h.name, written: h.written, start: start, end: h.end, fullName: h.fullName, title: h.title,
                        shape: h.shape, atLineStart: true)
    }

    private func lineStartName(_ s: [Unicode.Scalar], from start: Int, to end: Int) -> LabelHit? {
        var i = start
        // Bullets and a timestamp (`9:05 `, `[00:12:31]`) before a label.
        while i < end, LabelShapes.isBullet(TextNormaliser.width(s[i])) || TextNormaliser.isSpace(s[i]) { i += 1 }
        if let t = timestampEnd(s, from: i, to: end) { i = t; while i < end, TextNormaliser.isSpace(s[i]) { i += 1 } }
        guard i < end else { return nil }
        let c = TextNormaliser.width(s[i])
        if LabelShapes.isColon(s[i]) {
            var j = i + 1
            while j < end, TextNormaliser.isSpace(s[j]) { j += 1 }
            return j < end ? LabelHit(name: "", written: "", start: i, end: i + 1, fullName: nil, title: nil, shape: .bare, atLineStart: true) : nil
        }
        if LabelShapes.isOpenBracket(c) { return bracketLabel(s, from: i, to: end) }
        return colonLabel(s, from: i, to: end, atLineStart: true)
    }

    /// `9:05`, `09:05:31` followed by white space, or the same in brackets; the index after it.
    private func timestampEnd(_ s: [Unicode.Scalar], from i: Int, to end: Int) -> Int? {
        var j = i
        let bracketed = j < end && LabelShapes.isOpenBracket(TextNormaliser.width(s[j]))
        if bracketed { j += 1 }
        var digits = 0, colons = 0
        while j < end {
            let f = TextNormaliser.width(s[j])
            if f.isASCII, f.properties.numericType == .decimal { digits += 1 } else if LabelShapes.isColon(s[j]) || f == "." { colons += 1 } else { break }
            j += 1
        }
        guard digits >= 3, colons >= 1, j < end else { return nil }
        if bracketed { return LabelShapes.isCloseBracket(TextNormaliser.width(s[j])) ? j + 1 : nil }
        return TextNormaliser.isSpace(s[j]) ? j : nil
    }

    /// `[王德学]…`, `【主持人】:…`, or a bracketed tag before a colon label (`【新唐人】主持人:`).
    private func bracketLabel(_ s: [Unicode.Scalar], from i: Int, to end: Int) -> LabelHit? {
        var j = i + 1
        while j < end, j - i <= LabelShapes.maxName + 1, !LabelShapes.isCloseBracket(TextNormaliser.width(s[j])) {
            if LabelShapes.breaksName(TextNormaliser.width(s[j])) || LabelShapes.isColon(s[j]) { return nil }
            j += 1
        }
        guard j < end, j > i + 1, LabelShapes.isCloseBracket(TextNormaliser.width(s[j])) else { return nil }
        let inner = Array(s[(i + 1)..<j])
        guard inner.contains(where: { TextNormaliser.isHan($0) || $0.properties.isAlphabetic }) else { return nil }
        var k = j + 1
        while k < end, TextNormaliser.isSpace(s[k]) { k += 1 }
        if k < end, LabelShapes.isColon(s[k]) {
            return hit(name: inner, written: inner, start: i, end: k + 1, shape: .bracket, atLineStart: true)
        }
        if k < end, let tagged = colonLabel(s, from: k, to: end, atLineStart: true) {
            let written = inner + Array(tagged.written.unicodeScalars)
            return LabelHit(name: tagged.name, written: String(String.UnicodeScalarView(written.map { TextNormaliser.width($0) })), start: i,
                            end: tagged.end, fullName: tagged.fullName, title: tagged.title, shape: tagged.shape, atLineStart: true)
        }
        return hit(name: inner, written: inner, start: i, end: j + 1, shape: .bracket, atLineStart: true)
    }

    /// `NAME：`, `NAME(…)：`, `NAME说：`; at a line start also `NAME;` (a colon mistyped).
    func colonLabel(_ s: [Unicode.Scalar], from start: Int, to end: Int, atLineStart: Bool) -> LabelHit? {
        var i = start
        var depth = 0
        var parenStart = -1, parenEnd = -1
        var spaces = 0
        var latin = true
        let limit = min(end, start + LabelShapes.maxLatinName + 24)
        var shape = LabelHit.Shape.colon
        while i < limit {
            let c = TextNormaliser.width(s[i])
            if c == "(" {
                if depth == 0, parenStart < 0 { parenStart = i } else if depth == 0 { return nil }
                depth += 1
            } else if c == ")" {
                depth -= 1
                if depth < 0 { return nil }
                if depth == 0 { parenEnd = i }
            } else if depth == 0 {
                if LabelShapes.isColon(s[i]) { break }
                if atLineStart, c == ";", i > start, parenStart < 0 || parenEnd >= 0 { shape = .damaged; break }
                if parenEnd >= 0 { return nil }  // text after the bracket: not a label
                if LabelShapes.breaksName(c) { return nil }
                if TextNormaliser.isSpace(s[i]) {
                    spaces += 1
                    if spaces > 3 || i + 1 < end && TextNormaliser.isSpace(s[i + 1]) && !latin { return nil }
                } else if !(c.isASCII && (c.properties.isAlphabetic || c == "." || c == "'")) && c != "’" {
                    latin = false
                }
            }
            i += 1
        }
        guard i < limit, depth == 0 else { return nil }
        let nameStop = parenStart >= 0 ? parenStart : i
        var nameEnd = nameStop
        while nameEnd > start, TextNormaliser.isSpace(s[nameEnd - 1]) { nameEnd -= 1 }
        guard nameEnd > start else { return nil }
        let name = Array(s[start..<nameEnd])
        let letters = name.filter { !TextNormaliser.isSpace($0) }.count
        guard letters <= (latin ? LabelShapes.maxLatinName : LabelShapes.maxName) else { return nil }
        if !latin, spaces > 1 { return nil }
        // An English label is one to four capitalised words (`Wang Wenbin`, `The Paper`).
        if latin {
            let words = String(String.UnicodeScalarView(name)).split(separator: " ")
            guard words.count <= 4, words.allSatisfy({ $0.first?.isUppercase ?? false }) || words.count == 1 else { return nil }
        }
        guard name.contains(where: { TextNormaliser.isHan($0) || $0.properties.isAlphabetic }) else { return nil }
        if CallHeader.parse(name, conventions: conventions) != nil { return nil }
        var fullName: String?
        var title: String?
        var identity = name
        if parenStart >= 0 {
            let inner = String(String.UnicodeScalarView(s[(parenStart + 1)..<parenEnd].map { TextNormaliser.width($0) }))
            if let short = LabelShapes.definedShort(inner) {
                // `韩东方(简称韩)`: the short form is the label, the name before it the full name.
                fullName = String(String.UnicodeScalarView(name))
                identity = Array(short.unicodeScalars)
            } else if let full = LabelShapes.definedName(inner, short: String(String.UnicodeScalarView(name))) {
                // `韩(韩东方简称韩)` or `王明(局长)`: a full name, or a position.
                if conventions.roleWord(endingAt: conventions.fold(Array(full.unicodeScalars))) != nil { title = full } else { fullName = full }
            }
        }
        let written = Array(s[start..<(shape == .damaged ? i : nameStop)])
        var h = hit(name: identity, written: written, start: start, end: i + 1, shape: shape, atLineStart: atLineStart)
        h = LabelHit(name: h.name, written: h.written, start: h.start, end: h.end, fullName: fullName, title: title, shape: h.shape, atLineStart: atLineStart)
        return h
    }

    /// A hit whose identity is `name` without a trailing speech verb (`前台人员说` → `前台人员`).
    private func hit(name: [Unicode.Scalar], written: [Unicode.Scalar], start: Int, end: Int, shape: LabelHit.Shape, atLineStart: Bool) -> LabelHit {
        var identity = conventions.fold(name.filter { !TextNormaliser.isSpace($0) || name.contains(where: { $0.isASCII && $0.properties.isAlphabetic }) })
        for verb in conventions.speechVerbs where identity.count > verb.count + 1 && identity.suffix(verb.count).elementsEqual(verb) {
            // `解说` is a role of its own, not someone who 说.
            if let rw = conventions.roleWord(endingAt: identity), rw.word.count > verb.count { break }
            identity.removeLast(verb.count)
            break
        }
        var a = 0, b = written.count
        while a < b, TextNormaliser.isSpace(written[a]) { a += 1 }
        while b > a, TextNormaliser.isSpace(written[b - 1]) { b -= 1 }
        var view = String.UnicodeScalarView()
        for k in a..<b { view.append(TextNormaliser.width(written[k])) }
        let w = String(view)
        return LabelHit(name: String(String.UnicodeScalarView(identity)), written: w, start: start, end: end,
                        fullName: nil, title: nil, shape: shape, atLineStart: atLineStart)
    }

    /// `韩东方简称韩`, `以下简称韩` → `韩` only when the definition gives the short form after 简称
    /// and nothing stands before it (`简称韩`).
    static func definedShort(_ inner: String) -> String? {
        for marker in ["以下简称", "下称", "简称", "以下称", "簡稱", "以下簡稱"] {
            if inner.hasPrefix(marker) {
                let rest = inner.dropFirst(marker.count).unicodeScalars.filter { TextNormaliser.isHan($0) || $0.properties.isAlphabetic }
                return rest.isEmpty ? nil : String(String.UnicodeScalarView(rest))
            }
        }
        return nil
    }

    /// `韩东方简称韩` → `韩东方`; `以下简称韩` → nil.
    static func definedName(_ inner: String, short: String) -> String? {
        var text = inner
        for marker in ["以下简称", "下称", "简称", "以下称", "簡稱"] {
            if let r = text.range(of: marker) { text = String(text[..<r.lowerBound]) }
        }
        let trimmed = text.unicodeScalars.filter { TextNormaliser.isHan($0) || $0.properties.isAlphabetic }
        let name = String(String.UnicodeScalarView(trimmed))
        return name.isEmpty || name == short ? nil : name
    }

    /// A legend that defines the labels before the dialogue: `(学:学生报 韩:韩东方)`.
    static func legend(_ line: SourceLine) -> [(short: String, full: String)]? {
        let c = Array(line.content.map { TextNormaliser.width($0) })
        guard c.count >= 5, c.first == "(" || c.first == "[", c.last == ")" || c.last == "]" else { return nil }
        var pairs: [(String, String)] = []
        for part in String(String.UnicodeScalarView(c.dropFirst().dropLast())).split(whereSeparator: { $0 == " " || $0 == "　" || $0 == "," || $0 == "，" || $0 == ";" || $0 == "；" }) {
            let halves = part.split(whereSeparator: { $0 == ":" || $0 == "：" || $0 == "∶" || $0 == "=" })
            guard halves.count == 2, (1...4).contains(halves[0].count), (1...12).contains(halves[1].count) else { return nil }
            pairs.append((String(halves[0]), String(halves[1])))
        }
        return pairs.isEmpty ? nil : pairs
    }
}

extension String {
    var trimmingSpaces: String {
        var u = Array(unicodeScalars)
        while let f = u.first, TextNormaliser.isSpace(f) { u.removeFirst() }
        while let l = u.last, TextNormaliser.isSpace(l) { u.removeLast() }
        return String(String.UnicodeScalarView(u))
    }
}

/// The labels of a document, discovered from the text and weighed on several kinds of evidence
/// — the label's shape, its position, recurrence and alternation, role words, a legend, a name
/// the preamble introduces — rather than assumed; every candidate's decision is kept.
struct LabelSet: Sendable {
    /// Every accepted name → the canonical label it stands for.
    let canonical: [String: String]
    /// Full names from definitions and legends, by canonical label.
    let fullNames: [String: String]
    /// Positions from `名字(职务)：`, by canonical label.
    let titles: [String: String]
    /// Canonical labels that translate the turn before them (`Wang Wenbin` after `汪文斌`).
    let translations: [String: String]
    /// Lines that are a legend, not speech.
    let legendLines: Set<Int>
    /// How each canonical label was first written (width-folded, spaces kept).
    let written: [String: String]
    /// Every line's candidates, found once, by line number; nil for a document read in passes,
    /// whose lines' candidates are found again where they are needed.
    let candidates: [Int: [LabelHit]]?
    /// The speakers turns whose name was lost (a bare `:`) are given in turn: a legend's two
    /// speakers, or two numbered ones.
    let anonymous: [String]
    let decisions: [LabelDecision]
    let shapes: LabelShapes

    var isEmpty: Bool { canonical.isEmpty }

    static func discover(lines: [SourceLine], conventions: TranscriptConventions) -> LabelSet {
        var d = Discovery(conventions: conventions, keepsCandidates: true)
        for line in lines { d.add(line) }
        return d.finish()
    }

    /// The labels of a document read line by line, in order: what each name is on its own, as
    /// counted over the whole document, with nothing held of a line but its label candidates
    /// (and not those, for a document read in passes).
    struct Discovery {
        struct Stats {
            var count = 0
            /// The first use: its content line, the hit, and what the text around it shows.
            let line: Int
            let lineNumber: Int
            let hit: LabelHit
            let speech: [Unicode.Scalar]
            /// On the document's first line, and the rest of that line ends no sentence.
            let titleLine: Bool
            var nextLineIsSpeech = false
            var nextLineGreets = false
            var shapes = Set<String>()
            /// The first hit of the name, the first with a full name, the first with a title, as
            /// places in the sequence of hits.
            let firstHit: Int
            var fullName: (at: Int, name: String)?
            var title: (at: Int, title: String)?
        }
        let conventions: TranscriptConventions
        let shapes: LabelShapes
        let keepsCandidates: Bool
        var legend: [(short: String, full: String)] = []
        var legendLines = Set<Int>()
        var byLine: [Int: [LabelHit]] = [:]
        var stats: [String: Stats] = [:]
        var order: [String] = []
        var ids: [String: Int] = [:]
        /// Every hit in order, as its name's place in `order` and whether it stands before
        /// mostly Latin speech (bit 0).
        var sequence: [UInt32] = []
        /// The folded text before the first candidate.
        var intro: [Unicode.Scalar] = []
        var lines = 0
        /// Names first used on the last line, waiting for the next one.
        var waiting: [String] = []

        init(conventions: TranscriptConventions, keepsCandidates: Bool) {
            self.conventions = conventions
            shapes = LabelShapes(conventions: conventions)
            self.keepsCandidates = keepsCandidates
        }

        /// The next content line (not blank, not a page number).
        mutating func add(_ line: SourceLine) {
            let n = lines
            lines += 1
            if !waiting.isEmpty {
                for name in waiting {
                    stats[name]!.nextLineIsSpeech = line.content.count >= 2
                    let next = conventions.fold(line.content.prefix(6))
                    stats[name]!.nextLineGreets = conventions.greetings.contains { next.starts(with: $0) }
                }
                waiting = []
            }
            if let l = LabelShapes.legend(line) {
                legend += l; legendLines.insert(line.number)
                if sequence.isEmpty { intro += conventions.fold(line.content) }
                return
            }
            let found = shapes.candidates(in: line)
            if found.isEmpty {
                if sequence.isEmpty { intro += conventions.fold(line.content) }
                return
            }
            if keepsCandidates { byLine[line.number] = found }
            for h in found {
                if stats[h.name] == nil {
                    stats[h.name] = Stats(line: n, lineNumber: line.number, hit: h, speech: LabelSet.speechAfter(h, in: line),
                                          titleLine: n == 0 && !LabelSet.endsASentence(line, from: h.end), firstHit: sequence.count)
                    ids[h.name] = order.count
                    order.append(h.name)
                    waiting.append(h.name)
                }
                stats[h.name]!.count += 1
                stats[h.name]!.shapes.insert(h.shape.rawValue)
                if let full = h.fullName, stats[h.name]!.fullName == nil { stats[h.name]!.fullName = (sequence.count, full) }
                if let t = h.title, stats[h.name]!.title == nil { stats[h.name]!.title = (sequence.count, t) }
                let latin = LabelSet.isLatin(Array(h.name.unicodeScalars)) && LabelSet.isMostlyLatin(line, from: h.end)
                sequence.append(UInt32(ids[h.name]!) << 1 | (latin ? 1 : 0))
            }
        }
        /// The labels, judged over the whole document.
        consuming func finish() -> LabelSet {
            let conventions = conventions
            func f(_ s: String) -> String { String(String.UnicodeScalarView(conventions.fold(s))) }
            let legendShort = Dictionary(legend.map { (f($0.short), $0.full) }, uniquingKeysWith: { a, _ in a })
            let intro = intro
            let stats = stats

            var canonical: [String: String] = [:]
            var reasons: [String: [String]] = [:]
            var rejected = Set<String>()
            func has(_ name: [Unicode.Scalar], suffixIn words: [[Unicode.Scalar]]) -> [Unicode.Scalar]? {
                words.first { name.count >= $0.count && name.suffix($0.count).elementsEqual($0) }
            }
            // First pass: what each name is on its own.
            for name in order {
                let st = stats[name]!
                let n = Array(name.unicodeScalars)
                var why: [String] = []
                let speech = st.speech
                if name.isEmpty {
                    if st.count >= 2 { canonical[name] = name; why.append("a bare colon opens \(st.count) lines: turns whose labels were lost") }
                    else { why.append("a single bare colon") }
                    reasons[name] = why; continue
                }
                if conventions.metadata.contains(n) { why.append("'\(name)' is a metadata field (labels.tsv)"); rejected.insert(name); reasons[name] = why; continue }
                if st.shapes == ["bracket"], conventions.stage.contains(n) { why.append("a stage direction in brackets (labels.tsv)"); rejected.insert(name); reasons[name] = why; continue }
                if st.shapes == ["damaged"] { why.append("ends in ';', taken only as another spelling of a label"); reasons[name] = why; continue }
                let role = conventions.roleWord(endingAt: n) ?? LabelSet.descriptorRole(conventions.fold(st.hit.written), conventions)
                if st.count == 1, has(n, suffixIn: conventions.salutations) != nil,
                   conventions.greetings.contains(where: { speech.starts(with: $0) }) || speech.isEmpty && st.nextLineGreets {
                    why.append("a letter's salutation: '\(name)' ends in a salutation word and a greeting follows (labels.tsv)")
                    rejected.insert(name); reasons[name] = why; continue
                }
                if st.count == 1, role == nil, has(n, suffixIn: conventions.headings) != nil {
                    why.append("a section heading (labels.tsv)"); rejected.insert(name); reasons[name] = why; continue
                }
                if st.count >= 2 { why.append("recurs \(st.count) times") }
                if let role { why.append("role word '\(String(String.UnicodeScalarView(role.word)))' (\(role.role.rawValue))") }
                if legendShort[name] != nil { why.append("defined in a legend") }
                if st.hit.fullName != nil { why.append("defined on first use") }
                if st.shapes.contains("bracket") { why.append("written in brackets") }
                let mentioned = n.count >= 2 && !LabelSet.isLatin(n) && intro.firstIndex(of: n) != nil
                if mentioned { why.append("named in the text before the dialogue") }
                // `村民代表 李大有：`, whose name labels later turns on its own (`李大有：`).
                let written = st.hit.written.split(separator: " ")
                let partRecurs = written.count == 2 && written.contains { p in stats[f(String(p))] != nil && f(String(p)) != name }
                if partRecurs { why.append("a position and a name, the name used again as a label") }
                let strong = st.count >= 2 || role != nil || partRecurs || legendShort[name] != nil || st.hit.fullName != nil
                    || st.shapes.contains("bracket") || mentioned
                // A name used once that opens the document, or whose text opens with a title mark, is a headline.
                let firstLineTitle = st.titleLine && legendShort[name] == nil
                if st.count == 1, firstLineTitle || speech.first == "【" || speech.first == "《" {
                    why.append("a headline: used once, \(st.line == 0 ? "on the document's first line" : "before a title")")
                    rejected.insert(name); reasons[name] = why; continue
                }
                if strong, !speech.isEmpty || st.count >= 2 || st.nextLineIsSpeech {
                    canonical[name] = name
                } else if !strong {
                    why.append("used once with no role word, legend or introduction")
                } else {
                    why.append("nothing said after it")
                }
                reasons[name] = why
            }
            // Second pass: another spelling of an accepted label.
            let accepted = Set(canonical.keys)
            for name in order where (canonical[name] == nil || stats[name]!.count == 1) && !rejected.contains(name) && !name.isEmpty {
                let n = Array(name.unicodeScalars)
                // A name used once may be a longer spelling of a recurring one (`工会苏主席`, `苏主席`).
                let bases = canonical[name] == nil ? accepted : accepted.filter { stats[$0]!.count >= 2 }
                if let base = bases.filter({ !$0.isEmpty && $0 != name && n.count <= 10 && $0.unicodeScalars.count >= 2 && (name.hasSuffix($0) || name.hasPrefix($0)) })
                    .max(by: { $0.count < $1.count }) {
                    canonical[name] = base; reasons[name, default: []].append("another spelling of '\(base)'")
                } else if canonical[name] == nil, n.count >= 3, let base = accepted.first(where: { $0.unicodeScalars.count == n.count && LabelSet.differsByOne(Array($0.unicodeScalars), n) && stats[$0]!.count >= 2 }) {
                    canonical[name] = base; reasons[name, default: []].append("one character from '\(base)': a misspelling")
                } else if canonical[name] == nil, stats[name]!.shapes.contains("damaged"), accepted.contains(name) {
                    canonical[name] = name
                }
            }
            // A descriptor and a name (`村支书的父亲 杨宇贵`): each part later stands for the speaker.
            var parts: [String: [String]] = [:]
            for name in order where canonical[name] == name {
                let w = stats[name]!.hit.written
                let pieces = w.split(separator: " ")
                guard pieces.count == 2, !LabelSet.isLatin(Array(w.unicodeScalars)) else { continue }
                for p in pieces { parts[f(String(p)), default: []].append(name) }
            }
            for name in order where canonical[name] == nil && !rejected.contains(name) || canonical[name] == name && stats[name]!.count == 1 {
                if let owners = parts[name], owners.count == 1, owners[0] != name {
                    canonical[name] = owners[0]; reasons[name, default: []].append("part of the label '\(owners[0])'")
                }
            }
            for (part, owners) in parts where owners.count == 1 && canonical[part] == nil { canonical[part] = owners[0] }
            // English labels that translate the turn before them.
            var translations: [String: String] = [:]
            var previousName: String?
            for hit in sequence {
                let name = order[Int(hit >> 1)]
                // A translation is in another script than the turn it follows: English speech here.
                if hit & 1 == 1, canonical[name] == nil || canonical[name] == name, let p = previousName.flatMap({ canonical[$0] }),
                   !LabelSet.isLatin(Array(p.unicodeScalars)), !rejected.contains(name) {
                    if translations[name] == nil || translations[name] == p {
                        translations[name] = p
                    }
                }
                previousName = name
            }
            for (latin, han) in translations {
                canonical[latin] = han
                reasons[latin, default: []].append("an English label after '\(han)': its translation")
            }
            // A dialogue needs two speakers who take turns.
            var speakers = Set<String>()
            var taken = 0, changes = 0
            var last: String?
            for hit in sequence {
                guard let c = canonical[order[Int(hit >> 1)]] else { continue }
                speakers.insert(c)
                if let last, last != c { changes += 1 }
                last = c
                taken += 1
            }
            let dialogue = taken >= 2 && (speakers == [""]
                || speakers.count >= 2 && Double(changes) / Double(max(1, taken - 1)) >= 0.25)
            if !dialogue { canonical = [:] }

            var fullNames: [String: String] = [:]
            var titles: [String: String] = [:]
            var anonymous = ["(speaker 1)", "(speaker 2)"]
            if legend.count == 2 {
                anonymous = legend.map(\.short)
                for l in legend { fullNames[l.short] = l.full }
            }
            // Each speaker's full name and title as the first of its labels' hits to give one.
            var bestFull: [String: (at: Int, name: String)] = [:]
            var titleAt: [String: Int] = [:], writtenAt: [String: Int] = [:]
            var firstWritten: [String: String] = [:]
            for name in order {
                guard let c = canonical[name] else { continue }
                let st = stats[name]!
                let full = legendShort[name].map { (at: st.firstHit, name: st.hit.fullName ?? $0) } ?? st.fullName
                if let full, bestFull[c].map({ full.at < $0.at }) ?? true { bestFull[c] = full }
                if let t = st.title, titleAt[c].map({ t.at < $0 }) ?? true { titles[c] = t.title; titleAt[c] = t.at }
                if writtenAt[c].map({ st.firstHit < $0 }) ?? true {
                    firstWritten[c] = stats[c]?.hit.written ?? st.hit.written
                    writtenAt[c] = st.firstHit
                }
            }
            for (c, full) in bestFull where fullNames[c] == nil { fullNames[c] = full.name }
            let decisions = order.map { name -> LabelDecision in
                let st = stats[name]!
                var why = reasons[name] ?? []
                if !dialogue, !why.isEmpty, st.shapes != ["damaged"] { why.append("no dialogue: fewer than two speakers taking turns") }
                return LabelDecision(written: st.hit.written.isEmpty ? ":" : st.hit.written,
                                     line: st.lineNumber, column: st.hit.start + 1, count: st.count,
                                     speaker: canonical[name].map { $0.isEmpty ? "(name lost)" : firstWritten[$0] ?? $0 }, reasons: why)
            }
            return LabelSet(canonical: canonical, fullNames: fullNames, titles: titles,
                            translations: dialogue ? translations : [:],
                            legendLines: legendLines,
                            written: firstWritten,
                            candidates: !keepsCandidates ? nil : dialogue ? byLine.filter { $0.value.contains { canonical[$0.name] != nil } } : [:],
                            anonymous: anonymous, decisions: decisions, shapes: shapes)
        }
    }

    /// The role of a `descriptor name` label's descriptor (`贵州电视台《社会方圆》记者 朱磊`).
    static func descriptorRole(_ n: [Unicode.Scalar], _ c: TranscriptConventions) -> (word: [Unicode.Scalar], role: RoleWordClass)? {
        guard let space = n.lastIndex(where: { TextNormaliser.isSpace($0) }) else { return nil }
        return c.roleWord(endingAt: Array(n[..<space]))
    }

    static func isLatin(_ n: [Unicode.Scalar]) -> Bool {
        !n.isEmpty && n.allSatisfy { $0.isASCII }
    }

    /// The rest of the line holds a sentence end: speech, not a title.
    static func endsASentence(_ line: SourceLine, from start: Int) -> Bool {
        line.scalars[min(start, line.contentEnd)..<line.contentEnd].contains { TextNormaliser.endsProse($0) }
    }

    /// More Latin letters than ideographs in the rest of the line.
    static func isMostlyLatin(_ line: SourceLine, from start: Int) -> Bool {
        var latin = 0, han = 0
        for s in line.scalars[min(start, line.contentEnd)..<line.contentEnd] {
            if TextNormaliser.isHan(s) { han += 1 } else if s.isASCII, s.properties.isAlphabetic { latin += 1 }
        }
        return latin > 2 * han
    }

    static func differsByOne(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        zip(a, b).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) } == 1
    }

    /// The folded speech right after a label on its line.
    static func speechAfter(_ h: LabelHit, in line: SourceLine) -> [Unicode.Scalar] {
        var i = h.end
        while i < line.contentEnd, TextNormaliser.isSpace(line.scalars[i]) { i += 1 }
        return Array(line.scalars[i..<line.contentEnd].prefix(12).map { TextNormaliser.width($0) })
    }

    static func nextLineIsSpeech(_ lines: [SourceLine], after n: Int) -> Bool {
        n + 1 < lines.count && lines[n + 1].content.count >= 2
    }

    static func nextLineGreets(_ lines: [SourceLine], after n: Int, _ c: TranscriptConventions) -> Bool {
        guard n + 1 < lines.count else { return false }
        let next = c.fold(lines[n + 1].content.prefix(6))
        return c.greetings.contains { next.starts(with: $0) }
    }

    /// All label positions in a line that stand for accepted labels.
    func hits(in line: SourceLine) -> [LabelHit] {
        guard !canonical.isEmpty, !legendLines.contains(line.number) else { return [] }
        guard let found = candidates.map({ $0[line.number] }) ?? shapes.candidates(in: line) else { return [] }
        return found.filter { canonical[$0.name] != nil }
    }
}
