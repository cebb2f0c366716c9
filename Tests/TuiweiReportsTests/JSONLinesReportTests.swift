import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TuiweiTestSupport
import TuiweiCore
@testable import TuiweiAggregates
import TuiweiScoring
@testable import TuiweiReports

@Suite struct JSONLinesReportTests {
    @Test func everyLineIsJSONWithItsType() throws {
        let text = Fixture.file("analysis.jsonl")
        var types: [String: Int] = [:]
        var answers: [[String: Any]] = []
        for line in text.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let type = try #require(object["type"] as? String)
            types[type, default: 0] += 1
            #expect(object[type] != nil)
            if type == "answer" { answers.append(object["answer"] as! [String: Any]) }
        }
        #expect(types["run"] == 1)
        #expect(types["document"] == 4)
        #expect(types["call"] == 2)
        #expect(types["answer"] == Fixture.whole.answers.count)
        #expect(types["official"] == Fixture.summary.officials.count)
        let tricky = try #require(answers.first { ($0["text"] as? String)?.contains("央企") == true })
        let detections = try #require(tricky["detections"] as? [[String: Any]])
        #expect(detections.first?["code"] as? String == "IGNORANCE")
        #expect(detections.first?["line"] as? Int == 7)
        #expect(detections.first?["rule"] as? String == "lexicons/test.tsv:3")
        #expect((tricky["contributions"] as? [[String: Any]])?.contains { $0["feature"] as? String == "deflection.IGNORANCE" } == true)
    }

    @Test func skippedDocumentKeepsItsReason() throws {
        let line = try #require(Fixture.file("analysis.jsonl").split(separator: "\n").first { $0.contains("\"broken\"") })
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        let doc = object["document"] as! [String: Any]
        #expect(doc["status"] as? String == "skipped")
        #expect((doc["reason"] as? String)?.contains("GB18030") == true)
    }

    @Test func answerLinesEscapeEveryCharacterJSONNeedsEscaped() throws {
        let base = try #require(Fixture.whole.answers.first)
        let nasty = "引号\"反斜杠\\换行\n回车\r制表\t响铃\u{07}斜杠/𠀀"
        let a = ScoredAnswer(score: base.score, speaker: "A\"B", official: OfficialKey(organisation: "某\\会", department: nil, surname: "曾"),
                             line: 3, text: nasty, question: "问\u{1F}", questionType: base.questionType,
                             orientation: OrientationCounts(characters: 5, authority: 1, grassroots: 0, terms: ["政府": 1, "工人": 2]),
                             words: [], hangUps: 0)
        let line = JSONLinesReport.answerLine(a, duplicateOf: "x#1")
        #expect(line.last == 0x0A && !line.dropLast().contains(0x0A))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        let record = try #require(object["answer"] as? [String: Any])
        #expect(object["type"] as? String == "answer")
        #expect(record["text"] as? String == nasty)
        #expect(record["question"] as? String == "问\u{1F}")
        #expect(record["speaker"] as? String == "A\"B")
        #expect(record["duplicateOf"] as? String == "x#1")
        #expect((record["official"] as? [String: Any])?["department"] == nil)
        #expect((record["official"] as? [String: Any])?["organisation"] as? String == "某\\会")
        #expect(((record["orientation"] as? [String: Any])?["terms"] as? [String: Int]) == ["政府": 1, "工人": 2])
        #expect(record["score"] as? Double == base.score.score)
    }

    @Test func callLinesAreTheEncoderLines() throws {
        let calls = Fixture.summary.calls
        #expect(!calls.isEmpty)
        // Every optional field present and absent, awkward strings and numbers.
        let controls = String(String.UnicodeScalarView((UInt32(0)..<0x20).compactMap { Unicode.Scalar($0) } + ["\u{7F}", "\u{2028}"]))
        let odd = """
        {"duplicateOf":{"call":2,"containment":-0.0,"coverage":1e15,"document":"a/b","original":"o\\"q\\\\","originalCall":1},
         "entry":{"call":2,"document":"d","events":["hang-up","voicemail"],"turns":0,"officialTurns":0},
         "quotes":[{"call":2,"code":"IGNORANCE","evidence":"/","location":{"column":1,"document":"d","line":2},"officialTurn":3,"question":"问？\\u0001","score":1e-7,"text":"\(controls.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined())"}],
         "series":[{"officialTurn":1,"score":-0.0},{"grade":2,"officialTurn":2,"score":3.3333333333333335e-05},{"grade":0,"officialTurn":3,"score":123456789012345.6}],
         "statistics":{"answers":3,"calls":1,"deflections":[],"gradeCounts":[0,0,0,0],"gradeShares":[0,0.5,1e16,4.5e15],"graded":0,"hangUps":2}}
        """
        let decoded = try JSONDecoder().decode(CallSummary.self, from: Data(odd.utf8))
        #expect(decoded.quotes.first?.text == controls)
        for c in calls + [decoded] {
            let expected = JSONLinesReport.line("call", c, JSONLinesReport.encoder())
            #expect(String(decoding: JSONLinesReport.callLine(c), as: UTF8.self) == expected)
        }
    }

    /// The `document`, `target` and `edge` records as `JSONEncoder` writes them: the reference
    /// the hand-written lines must equal.
    struct DocumentRecord: Encodable {
        let id: String, path: String, kind: String, status: String
        let reason: String?, encoding: String?
        let calls: Int, paragraphs: Int
        let diagnostics: [String]
    }

    struct TargetRecord: Encodable {
        let document: String, call: Int, turn: Int, officialTurn: Int
        let official: OfficialKey
        let code: String, detection: String
        let text: String, body: String, kind: String, basis: String
        let start: Int, end: Int, line: Int, column: Int
        let rule: String
        let duplicateOf: String?
    }

    struct EdgeRecord: Encodable {
        let level: String
        let organisation: String
        let official: OfficialKey?
        let body: String, kind: String, kindLabel: String
        let count: Int, calls: Int, callList: [String]
        let quote: Quote
    }

    static let awkward = "引\"号\\/\n\r\t\u{07}\u{1F}\u{7F}\u{2028}𠀀"

    @Test func documentLinesAreTheEncoderLines() throws {
        var documents = Fixture.whole.documents
        documents.append(DocumentEntry(Document(id: Self.awkward, path: "a/" + Self.awkward, kind: .transcript, status: .analysed,
                                                encoding: nil, calls: [], diagnostics: [Diagnostic(.warning, file: "f", line: 2, Self.awkward)])))
        #expect(documents.contains { $0.status.reason != nil } && documents.contains { $0.encoding == nil })
        for d in documents {
            let expected = JSONLinesReport.line("document", DocumentRecord(
                id: d.id, path: d.path, kind: d.kind.rawValue, status: d.status.name, reason: d.status.reason, encoding: d.encoding,
                calls: d.calls, paragraphs: d.paragraphs, diagnostics: d.diagnostics.map(\.description)), JSONLinesReport.encoder())
            var line = TextBytes()
            line.documentLine(d)
            #expect(line.string == expected)
        }
    }

    @Test func targetLinesAreTheEncoderLines() throws {
        let base = try #require(Fixture.whole.answers.first { !$0.score.detections.isEmpty })
        let rule = RuleReference(file: "lexicons/scoring/bodies.tsv", line: 7)
        let targets = [
            ReferralTarget(detection: 0, code: .referral, text: Self.awkward, body: "区总工会", kind: "union", range: 2..<5,
                           location: SourceLocation(document: "d", line: 3, column: 4), basis: .after, rule: rule),
            // A detection index outside the answer's detections gives an empty detection text.
            ReferralTarget(detection: 99, code: .deferUp, text: "", body: ReferralTarget.unnamedBody, kind: "leader", range: 0..<1,
                           location: SourceLocation(document: "d", line: 1, column: 1), basis: .none, rule: rule),
        ]
        for official in [base.official, OfficialKey(organisation: Self.awkward, department: "办公室", surname: "李")] {
            let a = ScoredAnswer(score: base.score, speaker: base.speaker, official: official, line: base.line, text: base.text,
                                 question: base.question, questionType: base.questionType, orientation: base.orientation,
                                 words: base.words, hangUps: base.hangUps, targets: targets)
            for t in targets {
                for original in [nil, "x#1"] {
                    let sc = a.score
                    let expected = JSONLinesReport.line("target", TargetRecord(
                        document: sc.document, call: sc.call, turn: sc.turnNumber, officialTurn: sc.officialTurn, official: a.official,
                        code: t.code.rawValue, detection: t.detection < sc.detections.count ? sc.detections[t.detection].text : "",
                        text: t.text, body: t.body, kind: t.kind, basis: t.basis.rawValue, start: t.range.lowerBound,
                        end: t.range.upperBound, line: t.location.line, column: t.location.column, rule: t.rule.description,
                        duplicateOf: original), JSONLinesReport.encoder())
                    var line = TextBytes()
                    line.targetLine(t, of: a, duplicateOf: original)
                    #expect(line.string == expected)
                }
            }
        }
    }

    @Test func edgeLinesAreTheEncoderLines() throws {
        let map = Fixture.summary.referrals
        let quote = Quote(text: Self.awkward, evidence: "/", code: .referral, location: SourceLocation(document: "d", line: 2, column: 9),
                          score: 12.345678901234567, question: "问？\u{01}", officialTurn: 3, call: 2)
        var edges = map.organisations + map.officials
        #expect(!edges.isEmpty)
        for official in [nil, OfficialKey(organisation: "o", department: nil, surname: Self.awkward)] {
            edges.append(ReferralEdge(organisation: Self.awkward, official: official, body: "街道", kind: "street", count: 3, calls: 2,
                                      callList: ["a#1", Self.awkward], quote: quote))
        }
        for e in edges {
            let expected = JSONLinesReport.line("edge", EdgeRecord(
                level: e.official == nil ? "organisation" : "official", organisation: e.organisation, official: e.official,
                body: e.body, kind: e.kind, kindLabel: map.label(ofKind: e.kind), count: e.count, calls: e.calls,
                callList: e.callList, quote: e.quote), JSONLinesReport.encoder())
            var line = TextBytes()
            line.edgeLine(e, kindLabel: map.label(ofKind: e.kind))
            #expect(line.string == expected)
        }
    }

    /// A map of many edges is handed on in pieces; together they are every edge once, in order,
    /// and every piece ends at a line's end.
    @Test func edgeLinesInPiecesAreEveryEdgeOnce() throws {
        let base = Fixture.summary.referrals
        let quote = Quote(text: "找街道", evidence: "街道", code: .referral, location: SourceLocation(document: "d", line: 2, column: 1),
                          score: 10, question: "问？", officialTurn: 1, call: 1)
        let edges = (0..<700).map { i in
            ReferralEdge(organisation: "工会\(i)", official: nil, body: "街道", kind: "street", count: 1, calls: 1,
                         callList: ["d#\(i)"], quote: quote)
        }
        let map = ReferralMap(organisations: edges, officials: [], chains: base.chains, kinds: base.kinds)
        var pieces: [String] = []
        ReferralReport.mapLines(map) { pieces.append($0) }
        #expect(pieces.count >= 3)
        #expect(pieces.allSatisfy { $0.hasSuffix("\n") })
        let lines = pieces.joined().split(separator: "\n")
        #expect(lines.count == edges.count + base.chains.count)
        for (i, e) in edges.enumerated() {
            var expected = TextBytes()
            expected.edgeLine(e, kindLabel: map.label(ofKind: e.kind))
            #expect(String(lines[i]) + "\n" == expected.string)
        }
    }
}
