import Foundation
import TuiweiCore
import TuiweiAggregates
import TuiweiScoring

/// `analysis.jsonl`: one JSON object per line, each with a `type` (`run`, `document`, `call`,
/// `answer`, `target`, `official`, `organisation`, `edge`, `chain`) and its record under the key of
/// the same name. Answers carry every detection and every contribution of their score; each
/// answer's `target` lines (the bodies its referrals point to) follow it.
///
/// Lines are written as a run goes: `document`, `call` and `answer` lines per document, and the
/// `run` line (first in the file) and the `official` and `organisation` lines (last) when the run
/// is complete.
public enum JSONLinesReport {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func line<T: Encodable>(_ type: String, _ record: T, _ encoder: JSONEncoder) -> String {
        // Encoding plain value types cannot fail; a failure would be a programming error.
        String(decoding: try! encoder.encode(Line(type: type, record: record)), as: UTF8.self) + "\n"
    }

    /// The `run` line.
    public static func runLine(_ s: CorpusSummary, provenance: RunProvenance? = nil) -> String {
        line("run", RunRecord(documents: s.totals.documents, calls: s.totals.calls, answers: s.overall.answers,
                              duplicateCalls: s.totals.duplicateCalls, overall: s.overall, provenance: provenance), encoder())
    }

    /// The `document`, `call` and `answer` lines of one document's result.
    public static func partLines(_ part: PreparedPart, copies: [CallID: DuplicateLink]) -> (documents: String, calls: String, answers: String) {
        var documents = "", calls = "", answers = ""
        var documentText = TextBytes(capacity: part.analysis.documents.count * 256)
        for d in part.analysis.documents { documentText.documentLine(d) }
        documents = String(decoding: documentText.bytes, as: UTF8.self)
        var callText = TextBytes(capacity: part.calls.count * 4096)
        for c in part.calls { callText.callLine(c) }
        calls = String(decoding: callText.bytes, as: UTF8.self)
        var answerText = TextBytes(capacity: part.analysis.answers.count * 2048)
        var duplicate = DuplicateLookup(copies)
        for ans in part.analysis.answers {
            answerText.answerLine(ans, duplicateOf: duplicate.of(document: ans.score.document, call: ans.score.call))
            // Each answer's targets follow it.
            let original = ans.targets.isEmpty ? nil : duplicate.of(document: ans.score.document, call: ans.score.call)
            for t in ans.targets { answerText.targetLine(t, of: ans, duplicateOf: original) }
        }
        answers = String(decoding: answerText.bytes, as: UTF8.self)
        return (documents, calls, answers)
    }

    /// The `official`, `organisation`, `edge` and `chain` lines.
    public static func closingLines(_ s: CorpusSummary) -> String {
        var out = ""
        closingLines(s) { out += $0 }
        return out
    }

    /// The closing lines handed to `emit` a few at a time, so a large corpus's referral map is
    /// written without being held as one text.
    public static func closingLines(_ s: CorpusSummary, emit: (String) throws -> Void) rethrows {
        let encoder = encoder()
        for (i, o) in s.officials.enumerated() {
            try emit(line("official", OfficialRecord(rank: i + 1, official: o.official, labels: o.labels, statistics: o.statistics,
                                                     authorityPer1000: o.orientation.authorityPer1000, grassrootsPer1000: o.orientation.grassrootsPer1000,
                                                     orientation: o.orientation.counts, boilerplateIndex: o.boilerplate.index, boilerplate: o.boilerplate), encoder))
        }
        for o in s.organisations { try emit(line("organisation", o, encoder)) }
        try ReferralReport.mapLines(s.referrals, emit: emit)
    }

    struct Line<T: Encodable>: Encodable {
        let type: String
        let record: T
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ s: String) { stringValue = s }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(type, forKey: Key("type"))
            try c.encode(record, forKey: Key(type))
        }
    }

    struct RunRecord: Encodable {
        let documents: Int, calls: Int, answers: Int, duplicateCalls: Int
        let overall: ScoreStatistics
        let provenance: RunProvenance?
    }

    struct OfficialRecord: Encodable {
        let rank: Int, official: OfficialKey, labels: [String]
        let statistics: ScoreStatistics
        let authorityPer1000: Double, grassrootsPer1000: Double
        let orientation: OrientationCounts
        let boilerplateIndex: Double
        let boilerplate: BoilerplateProfile
    }
}
