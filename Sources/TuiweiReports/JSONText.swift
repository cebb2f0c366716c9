import TuiweiCore
import TuiweiScoring

/// JSON text appended by hand for the records a run writes most of (one per answer): the same
/// form the `JSONEncoder` lines use — keys sorted, nil fields left out, slashes as they are — at
/// a fraction of the cost.
struct JSONText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 2048) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `"key":` (keys are plain ASCII written in this file).
    mutating func key(_ k: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func int(_ n: Int) { bytes.append(contentsOf: String(n).utf8) }

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

    mutating func array<T>(_ items: [T], _ each: (inout JSONText, T) -> Void) {
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
        var j = JSONText()
        let sc = a.score
        j.raw("{\"answer\":{")
        j.key("call", first: true); j.int(sc.call)
        j.key("contributions")
        j.array(sc.contributions) { j, c in
            j.raw("{"); j.key("detail", first: true); j.string(c.detail)
            j.key("feature"); j.string(c.feature)
            j.key("points"); j.number(c.points); j.raw("}")
        }
        j.key("detections")
        j.array(sc.detections) { j, d in
            j.raw("{"); j.key("code", first: true); j.string(d.code.rawValue)
            j.key("column"); j.int(d.location.column)
            j.key("end"); j.int(d.range.upperBound)
            j.key("line"); j.int(d.location.line)
            j.key("rule"); j.string(d.rule.description)
            j.key("start"); j.int(d.range.lowerBound)
            j.key("text"); j.string(d.text)
            j.key("weight"); j.number(d.weight); j.raw("}")
        }
        j.key("document"); j.string(sc.document)
        if let duplicateOf { j.key("duplicateOf"); j.string(duplicateOf) }
        if let g = sc.grade { j.key("grade"); j.int(g) }
        j.key("hangUps"); j.int(a.hangUps)
        j.key("line"); j.int(a.line)
        j.key("official"); j.raw("{")
        var first = true
        if let d = a.official.department { j.key("department", first: true); j.string(d); first = false }
        j.key("organisation", first: first); j.string(a.official.organisation)
        if let s = a.official.surname { j.key("surname"); j.string(s) }
        j.raw("}")
        j.key("officialTurn"); j.int(sc.officialTurn)
        let o = a.orientation
        j.key("orientation"); j.raw("{")
        j.key("authority", first: true); j.int(o.authority)
        j.key("characters"); j.int(o.characters)
        j.key("grassroots"); j.int(o.grassroots)
        j.key("terms"); j.raw("{")
        for (i, term) in o.terms.keys.sorted().enumerated() {
            if i > 0 { j.raw(",") }
            j.string(term); j.raw(":"); j.int(o.terms[term]!)
        }
        j.raw("}}")
        j.key("question"); j.string(a.question)
        j.key("questionType"); j.string(a.questionType.rawValue)
        j.key("score"); j.number(sc.score)
        j.key("speaker"); j.string(a.speaker)
        j.key("text"); j.string(a.text)
        j.key("turn"); j.int(sc.turn)
        j.raw("},\"type\":\"answer\"}\n")
        return j.bytes
    }
}
