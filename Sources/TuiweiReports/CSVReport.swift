import Foundation
import TuiweiCore
import TuiweiAggregates
import TuiweiScoring

/// `answers.csv` (one row per official turn) and `officials.csv` (one row per official): tidy
/// RFC 4180 CSV in UTF-8, one header row.
public enum CSVReport {
    public static let answerColumns = [
        "document", "call", "turn", "official_turn", "speaker", "organisation", "department", "surname", "line",
        "score", "grade", "codes", "evidence", "question_type", "duplicate_of", "question", "text", "contributions",
    ]

    public static let officialColumns = [
        "rank", "organisation", "department", "surname", "labels", "calls", "answers", "graded",
        "mean_score", "ci_low", "ci_high", "grade_0", "grade_1", "grade_2", "grade_3", "non_answer_share",
        "top_deflections", "first_third", "last_third", "hang_ups", "cautions",
        "authority_per_1000", "grassroots_per_1000", "orientation_terms", "boilerplate_index", "boilerplate_phrases",
    ]

    /// The rows of `answers` (no header); `copies` marks the calls that repeat another.
    public static func answerRows(_ answers: [ScoredAnswer], copies: [CallID: DuplicateLink]) -> String {
        var out = TextBytes(capacity: answers.count * 1024)
        var duplicate = DuplicateLookup(copies)
        var codes: [Code] = []
        for a in answers {
            let sc = a.score
            out.csvField(sc.document); out.byte(comma)
            out.int(sc.call); out.byte(comma)
            out.int(sc.turnNumber); out.byte(comma)
            out.int(sc.officialTurn); out.byte(comma)
            out.csvField(a.speaker); out.byte(comma)
            out.csvField(a.official.organisation); out.byte(comma)
            out.csvField(a.official.department ?? ""); out.byte(comma)
            out.csvField(a.official.surname ?? ""); out.byte(comma)
            out.int(a.line); out.byte(comma)
            out.fixed(sc.score); out.byte(comma)
            if let g = sc.grade { out.int(g) }
            out.byte(comma)
            // Each code once, in code order.
            codes.removeAll(keepingCapacity: true)
            for d in sc.detections { codes.append(d.code) }
            codes.sort()
            out.csvField { out in
                for (i, c) in codes.enumerated() where i == 0 || codes[i - 1] != c {
                    if i > 0 { out.byte(UInt8(ascii: ";")) }
                    out.text(c.rawValue)
                }
            }
            out.byte(comma)
            out.csvField { out in
                for (i, d) in sc.detections.enumerated() {
                    if i > 0 { out.raw("; ") }
                    out.text(d.code.rawValue); out.raw(": "); out.text(d.text); out.raw(" @")
                    out.int(d.location.line); out.byte(UInt8(ascii: ":")); out.int(d.location.column)
                }
            }
            out.byte(comma)
            out.csvField(a.questionType.rawValue); out.byte(comma)
            out.csvField(duplicate.of(document: sc.document, call: sc.call) ?? ""); out.byte(comma)
            out.csvField(a.question); out.byte(comma)
            out.csvField(a.text); out.byte(comma)
            out.csvField { out in
                for (i, c) in sc.contributions.enumerated() {
                    if i > 0 { out.raw("; ") }
                    out.text(c.feature); out.raw(" ")
                    if c.points >= 0 { out.raw("+") }
                    out.fixed(c.points)
                }
            }
            out.raw("\r\n")
        }
        return out.string
    }

    private static let comma = UInt8(ascii: ",")

    public static func officials(_ s: CorpusSummary) -> String {
        var out = row(officialColumns)
        for (i, o) in s.officials.enumerated() {
            let st = o.statistics
            out += row([String(i + 1), o.official.organisation, o.official.department ?? "", o.official.surname ?? "",
                        o.labels.joined(separator: ";"), String(st.calls), String(st.answers), String(st.graded),
                        st.mean.map { fmt($0.mean) } ?? "", st.mean.map { fmt($0.low) } ?? "", st.mean.map { fmt($0.high) } ?? "",
                        fmt(st.gradeShares[0], 3), fmt(st.gradeShares[1], 3), fmt(st.gradeShares[2], 3), fmt(st.gradeShares[3], 3),
                        fmt(st.nonAnswerShare, 3),
                        st.deflections.map { "\($0.code.rawValue):\($0.count)/\($0.turns)" }.joined(separator: ";"),
                        st.firstThird.map { fmt($0) } ?? "", st.lastThird.map { fmt($0) } ?? "", String(st.hangUps),
                        RankingCaution.of(st).map(\.rawValue).joined(separator: ";"),
                        fmt(o.orientation.authorityPer1000, 2), fmt(o.orientation.grassrootsPer1000, 2),
                        o.orientation.topTerms.map { "\($0.term):\($0.count)" }.joined(separator: ";"),
                        fmt(o.boilerplate.index, 3), o.boilerplate.topPhrases.map { "\($0.phrase):\($0.count)" }.joined(separator: ";")])
        }
        return out
    }

    static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ s: String) -> String {
        // Bytes, not Characters: "\r\n" is one Character, and this runs for every cell.
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out = [UInt8(ascii: "\"")]
        for b in s.utf8 {
            out.append(b)
            if b == 0x22 { out.append(b) }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }
}
