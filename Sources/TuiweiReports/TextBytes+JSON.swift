import TuiweiCore
import TuiweiAggregates
import TuiweiScoring

/// JSON appended by hand for the records a run writes most of (one per answer or call): the
/// same form the `JSONEncoder` lines use — keys sorted, nil fields left out, slashes as they
/// are — at a fraction of the cost.
extension TextBytes {
    /// `"key":` (keys are plain ASCII written in this file).
    mutating func key(_ k: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    /// `s` as a JSON string, quoted and escaped.
    mutating func jsonString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { src in
            // Runs of bytes that need no escape are copied whole.
            var start = 0
            for i in src.indices {
                let b = src[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[start..<i]))
                start = i + 1
                switch b {
                case UInt8(ascii: "\""): raw("\\\"")
                case UInt8(ascii: "\\"): raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0x08: raw("\\b")
                case 0x0C: raw("\\f")
                default:
                    let hex: StaticString = "0123456789abcdef"
                    raw("\\u00")
                    bytes.append(hex.utf8Start[Int(b >> 4)])
                    bytes.append(hex.utf8Start[Int(b & 15)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A whole number without a fraction, as JSONEncoder writes it; otherwise the shortest form
    /// that reads back as the same Double.
    mutating func number(_ x: Double) {
        if x.isFinite, x == x.rounded(), abs(x) < 1e15 {
            int(Int(x))
        } else if x.isFinite {
            bytes.append(contentsOf: x.description.utf8)
        } else {
            raw("null")
        }
    }

    /// A number exactly as `JSONEncoder` writes it: its `description` without a trailing ".0"
    /// (so -0.0 is "-0" and 1e15 is "1000000000000000", unlike `number`).
    mutating func encoderNumber(_ x: Double) {
        if x.magnitude < 1e15, x == x.rounded(), !(x == 0 && x.sign == .minus) {
            int(Int(x))
        } else {
            var text = x.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            bytes.append(contentsOf: text.utf8)
        }
    }

    mutating func array<T>(_ items: [T], _ each: (inout TextBytes, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            each(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}

extension JSONLinesReport {
    /// The `answer` line of `a`.
    static func answerLine(_ a: ScoredAnswer, duplicateOf: String?) -> [UInt8] {
        var j = TextBytes()
        j.answerLine(a, duplicateOf: duplicateOf)
        return j.bytes
    }

    /// The `call` line of `c`: the bytes `line("call", c, encoder())` gives.
    static func callLine(_ c: CallSummary) -> [UInt8] {
        var j = TextBytes()
        j.callLine(c)
        return j.bytes
    }
}

extension TextBytes {
    mutating func answerLine(_ a: ScoredAnswer, duplicateOf: String?) {
        Self.append(answer: a, duplicateOf: duplicateOf, to: &self)
    }

    private static func append(answer a: ScoredAnswer, duplicateOf: String?, to j: inout TextBytes) {
        let sc = a.score
        j.raw("{\"answer\":{")
        j.key("call", first: true); j.int(sc.call)
        j.key("contributions")
        j.array(sc.contributions) { j, c in
            j.raw("{"); j.key("detail", first: true); j.jsonString(c.detail)
            j.key("feature"); j.jsonString(c.feature)
            j.key("points"); j.number(c.points); j.raw("}")
        }
        j.key("detections")
        j.array(sc.detections) { j, d in
            j.raw("{"); j.key("code", first: true); j.jsonString(d.code.rawValue)
            j.key("column"); j.int(d.location.column)
            j.key("end"); j.int(d.range.upperBound)
            j.key("line"); j.int(d.location.line)
            j.key("rule"); j.jsonString(d.rule.description)
            j.key("start"); j.int(d.range.lowerBound)
            j.key("text"); j.jsonString(d.text)
            j.key("weight"); j.number(d.weight); j.raw("}")
        }
        j.key("document"); j.jsonString(sc.document)
        if let duplicateOf { j.key("duplicateOf"); j.jsonString(duplicateOf) }
        if let g = sc.grade { j.key("grade"); j.int(g) }
        j.key("hangUps"); j.int(a.hangUps)
        j.key("line"); j.int(a.line)
        j.key("official"); j.official(a.official)
        j.key("officialTurn"); j.int(sc.officialTurn)
        let o = a.orientation
        j.key("orientation"); j.raw("{")
        j.key("authority", first: true); j.int(o.authority)
        j.key("characters"); j.int(o.characters)
        j.key("grassroots"); j.int(o.grassroots)
        j.key("terms"); j.raw("{")
        for (i, term) in o.terms.keys.sorted().enumerated() {
            if i > 0 { j.raw(",") }
            j.jsonString(term); j.raw(":"); j.int(o.terms[term]!)
        }
        j.raw("}}")
        j.key("question"); j.jsonString(a.question)
        j.key("questionType"); j.jsonString(a.questionType.rawValue)
        j.key("score"); j.number(sc.score)
        j.key("speaker"); j.jsonString(a.speaker)
        j.key("text"); j.jsonString(a.text)
        j.key("turn"); j.int(sc.turnNumber)
        j.raw("},\"type\":\"answer\"}\n")
    }

    /// Keys in the order `JSONEncoder` sorts them; optionals left out when nil.
    mutating func callLine(_ c: CallSummary) {
        raw("{\"call\":{")
        var first = true
        if let d = c.duplicateOf {
            key("duplicateOf", first: true); raw("{")
            key("call", first: true); int(d.call)
            key("containment"); encoderNumber(d.containment)
            key("coverage"); encoderNumber(d.coverage)
            key("document"); jsonString(d.document)
            key("original"); jsonString(d.original)
            key("originalCall"); int(d.originalCall)
            raw("}")
            first = false
        }
        let e = c.entry
        key("entry", first: first); raw("{")
        key("call", first: true); int(e.call)
        key("document"); jsonString(e.document)
        key("events"); array(e.events) { j, k in j.jsonString(k.rawValue) }
        if let h = e.header { key("header"); jsonString(h) }
        if let l = e.headerLine { key("headerLine"); int(l) }
        key("officialTurns"); int(e.officialTurns)
        if let o = e.organisation { key("organisation"); jsonString(o) }
        if let r = e.respondents { key("respondents"); array(r) { j, r in j.jsonString(r) } }
        key("turns"); int(e.turns)
        raw("}")
        key("quotes")
        array(c.quotes) { j, q in j.quote(q) }
        key("series")
        array(c.series) { j, p in
            j.raw("{")
            if let g = p.grade { j.key("grade", first: true); j.int(g); j.raw(",") }
            j.key("officialTurn", first: true); j.int(p.officialTurn)
            j.key("score"); j.encoderNumber(p.score); j.raw("}")
        }
        key("statistics"); statistics(c.statistics)
        raw("},\"type\":\"call\"}\n")
    }

    mutating func statistics(_ s: ScoreStatistics) {
        raw("{")
        key("answers", first: true); int(s.answers)
        key("calls"); int(s.calls)
        key("deflections")
        array(s.deflections) { j, d in
            j.raw("{"); j.key("code", first: true); j.jsonString(d.code.rawValue)
            j.key("count"); j.int(d.count)
            j.key("rate"); j.encoderNumber(d.rate)
            j.key("turns"); j.int(d.turns); j.raw("}")
        }
        if let f = s.firstThird { key("firstThird"); encoderNumber(f) }
        key("gradeCounts"); array(s.gradeCounts) { j, n in j.int(n) }
        key("gradeShares"); array(s.gradeShares) { j, x in j.encoderNumber(x) }
        key("graded"); int(s.graded)
        key("hangUps"); int(s.hangUps)
        if let l = s.lastThird { key("lastThird"); encoderNumber(l) }
        if let m = s.mean {
            key("mean"); raw("{")
            key("count", first: true); int(m.count)
            key("high"); encoderNumber(m.high)
            key("low"); encoderNumber(m.low)
            key("mean"); encoderNumber(m.mean)
            raw("}")
        }
        raw("}")
    }
}

extension TextBytes {
    mutating func official(_ o: OfficialKey) {
        raw("{")
        var first = true
        if let d = o.department { key("department", first: true); jsonString(d); first = false }
        key("organisation", first: first); jsonString(o.organisation)
        if let s = o.surname { key("surname"); jsonString(s) }
        raw("}")
    }

    mutating func quote(_ q: Quote) {
        raw("{"); key("call", first: true); int(q.call)
        key("code"); jsonString(q.code.rawValue)
        key("evidence"); jsonString(q.evidence)
        key("location"); raw("{")
        key("column", first: true); int(q.location.column)
        key("document"); jsonString(q.location.document)
        key("line"); int(q.location.line)
        raw("}")
        key("officialTurn"); int(q.officialTurn)
        key("question"); jsonString(q.question)
        key("score"); encoderNumber(q.score)
        key("text"); jsonString(q.text); raw("}")
    }

    /// The `document` line of `d`.
    mutating func documentLine(_ d: DocumentEntry) {
        raw("{\"document\":{")
        key("calls", first: true); int(d.calls)
        key("diagnostics"); array(d.diagnostics) { j, x in j.jsonString(x.description) }
        if let e = d.encoding { key("encoding"); jsonString(e) }
        key("id"); jsonString(d.id)
        key("kind"); jsonString(d.kind.rawValue)
        key("paragraphs"); int(d.paragraphs)
        key("path"); jsonString(d.path)
        if let r = d.status.reason { key("reason"); jsonString(r) }
        key("status"); jsonString(d.status.name)
        raw("},\"type\":\"document\"}\n")
    }

    /// A `target` line: target `t` of answer `a`.
    mutating func targetLine(_ t: ReferralTarget, of a: ScoredAnswer, duplicateOf: String?) {
        let sc = a.score
        raw("{\"target\":{")
        key("basis", first: true); jsonString(t.basis.rawValue)
        key("body"); jsonString(t.body)
        key("call"); int(sc.call)
        key("code"); jsonString(t.code.rawValue)
        key("column"); int(t.location.column)
        key("detection"); jsonString(t.detection < sc.detections.count ? sc.detections[t.detection].text : "")
        key("document"); jsonString(sc.document)
        if let duplicateOf { key("duplicateOf"); jsonString(duplicateOf) }
        key("end"); int(t.range.upperBound)
        key("kind"); jsonString(t.kind)
        key("line"); int(t.location.line)
        key("official"); official(a.official)
        key("officialTurn"); int(sc.officialTurn)
        key("rule"); jsonString(t.rule.description)
        key("start"); int(t.range.lowerBound)
        key("text"); jsonString(t.text)
        key("turn"); int(sc.turnNumber)
        raw("},\"type\":\"target\"}\n")
    }

    /// An `edge` line; `kindLabel` is the kind's label in the bodies table.
    mutating func edgeLine(_ e: ReferralEdge, kindLabel: String) {
        raw("{\"edge\":{")
        key("body", first: true); jsonString(e.body)
        key("callList"); array(e.callList) { j, c in j.jsonString(c) }
        key("calls"); int(e.calls)
        key("count"); int(e.count)
        key("kind"); jsonString(e.kind)
        key("kindLabel"); jsonString(kindLabel)
        key("level"); raw(e.official == nil ? "\"organisation\"" : "\"official\"")
        if let o = e.official { key("official"); official(o) }
        key("organisation"); jsonString(e.organisation)
        key("quote"); quote(e.quote)
        raw("},\"type\":\"edge\"}\n")
    }
}
