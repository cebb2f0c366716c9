import Foundation
import Testing
import TuiweiCore
import TuiweiLexicon
import TuiweiTranscript
import TuiweiTestSupport
@testable import TuiweiPipeline

/// A one-call document whose official turns are the given texts, each after a caller turn.
func document(_ id: String, officials: [String]) -> Document {
    var turns: [Turn] = []
    for (i, text) in officials.enumerated() {
        for (role, t) in [(Role.caller, "请问？"), (.official, text)] {
            let n = t.unicodeScalars.count
            turns.append(Turn(index: turns.count, speaker: role == .caller ? 0 : 1, role: role,
                              passage: Passage(text: t, map: SourceMap(document: id, pieces: [.init(offset: 0, line: 10 + 2 * i, column: 1, length: n)])),
                              attribution: .label))
        }
    }
    let call = Call(index: 1, header: nil, organisation: nil, department: nil, person: nil, speakers: [],
                    turns: turns, events: [], exchanges: [], unattributed: [])
    return Document(id: id, path: id + ".txt", kind: .transcript, status: .analysed, encoding: "UTF-8", calls: [call])
}

@Suite struct GoldEvaluationTests {
    static let gold = """
        {"doc": "d", "call": 1, "turn": 1, "starts": "我 不清楚", "grade": 0, "codes": ["IGNORANCE"], "evidence": {"IGNORANCE": "不清楚"}}
        {"doc": "d", "call": 1, "turn": 2, "starts": "你去问", "grade": 0, "codes": ["REFERRAL", "HEDGE"]}
        {"doc": "d", "call": 1, "turn": 3, "starts": "没有", "grade": 3, "codes": ["DIRECT"]}
        {"doc": "d", "call": 1, "turn": 4, "starts": "错位", "grade": 3, "codes": ["DIRECT"]}
        {"doc": "d", "call": 2, "turn": 1, "starts": "x", "grade": null, "codes": []}
        {"doc": "missing", "call": 1, "turn": 1, "starts": "x", "grade": null, "codes": []}
        """

    /// Stand-in detector: fixed codes per official turn text.
    static func detect(_ a: AlignedTurn) -> [Detection] {
        let codes: [Code]
        switch a.turn.text {
        case "我不清楚。": codes = [.ignorance, .resourceExcuse]   // one false positive
        case "你去问组织部吧。": codes = [.referral]                // HEDGE missed
        case "没有。": codes = [.direct]
        default: codes = []
        }
        return codes.map {
            Detection(code: $0, text: "w", range: 0..<1, location: a.turn.passage.map.location(at: 0),
                      rule: RuleReference(file: "l.tsv", line: 1), weight: 1)
        }
    }

    @Test func readsAlignsAndScoresWithKnownFigures() throws {
        let parsed = GoldReader.parse(text: Self.gold, file: "g.jsonl")
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.records.count == 6)
        #expect(parsed.records[0].evidence[.ignorance] == "不清楚")
        let doc = document("d", officials: ["我不清楚。", "你去问组织部吧。", "没有。", "别的话。"])
        let alignment = GoldAlignment(gold: parsed.records, documents: [doc])
        #expect(alignment.aligned.count == 3)
        #expect(alignment.misaligned.count == 3)
        #expect(alignment.misaligned[0].reason.contains("starts '错位'"))
        #expect(alignment.misaligned[1].reason.contains("no call 2"))
        #expect(alignment.misaligned[2].reason.contains("not in the corpus"))

        let report = GoldEvaluation.evaluate(alignment, detect: Self.detect)
        // Deflections: IGNORANCE tp, REFERRAL tp, RESOURCE_EXCUSE fp → P 2/3, R 1, F1 0.8.
        #expect(report.deflection == CodeMetrics(truePositives: 2, falsePositives: 1, falseNegatives: 0))
        #expect(abs((report.deflection.f1 ?? 0) - 0.8) < 1e-9)
        // All codes: + DIRECT tp, HEDGE fn → tp 3, fp 1, fn 1 → F1 0.75.
        #expect(abs((report.allCodes.f1 ?? 0) - 0.75) < 1e-9)
        #expect(report.perCode[.hedge]?.recall == 0)
        #expect(report.perCode[.gatekeeping]?.f1 == nil)
        #expect(report.falsePositives.map(\.code) == [.resourceExcuse])
        #expect(report.falseNegatives.map(\.code) == [.hedge])

        let json = report.jsonObject
        #expect(json["deflection_micro_f1"] as? Double == 0.8)
        #expect(json["deflection_precision"] as? Double == 0.6667)
        #expect(json["deflection_recall"] as? Double == 1)
        #expect(json["codes_micro_f1"] as? Double == 0.75)
        #expect(json["aligned"] as? Int == 3)
        #expect(json["misaligned"] as? Int == 3)
        #expect((json["per_code"] as? [String: Any])?.count == Code.allCases.count)
        #expect(JSONSerialization.isValidJSONObject(json))
    }

    @Test func aRecordAlignsByItsTextNotItsIndex() {
        let records = GoldReader.parse(text: #"{"doc": "d", "call": 1, "turn": 1, "starts": "没有", "codes": []}"#, file: "g").records
        let alignment = GoldAlignment(gold: records, documents: [document("d", officials: ["好。", "没有。"])])
        #expect(alignment.misaligned.isEmpty)
        #expect(alignment.aligned.map(\.turn.text) == ["没有。"])
        #expect(alignment.realigned.count == 1)
    }

    @Test func repeatedTextsAreTiedByTheirIndex() {
        // Three turns start "对": each record goes to the turn its index names.
        let text = (1...3).map { #"{"doc": "d", "call": 1, "turn": \#($0), "starts": "对", "codes": []}"# }.joined(separator: "\n")
        let records = GoldReader.parse(text: text, file: "g").records
        let alignment = GoldAlignment(gold: Array(records.dropFirst()), documents: [document("d", officials: ["对。", "对的。", "对，是。"])])
        #expect(alignment.misaligned.isEmpty)
        #expect(alignment.aligned.map(\.turn.text) == ["对的。", "对，是。"])
        #expect(alignment.realigned.isEmpty)
    }

    /// The bundled call's gold with one turn left out (the later records renumbered, as an
    /// annotator who skipped it would) and one turn the transcript does not have, read together
    /// with a second document's gold file.
    @Test func oneMissingAndOneExtraTurnMisalignOnlyThemselves() throws {
        let root = try #require(ProjectLayout.root())
        let shipped = try String(contentsOfFile: root + "/Tests/Fixtures/gold/000_43baa8c35279a078.jsonl", encoding: .utf8)
        var lines: [String] = []
        for line in shipped.split(separator: "\n") {
            var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let turn = try #require(object["turn"] as? Int)
            if turn == 10 { continue }
            if turn > 10 { object["turn"] = turn - 1 }
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        }
        lines.insert(#"{"doc": "000_43baa8c35279a078", "call": 1, "turn": 20, "starts": "这句话谁也没有说过", "grade": 1, "codes": []}"#, at: 20)
        let tmp = try TemporaryFolder("gold")
        defer { tmp.remove() }
        let folder = tmp.path
        try tmp.write("000.jsonl", lines.joined(separator: "\n") + "\n")
        let dev = "04_tianjin-planning-bureau-caifanghan-demand_sina2018"
        let gold = try GoldReader.read(paths: [folder, root + "/Tests/Fixtures/dev/gold/\(dev).jsonl"])
        let documents = TranscriptReader.readDocuments(at: [root + "/corpus/000_43baa8c35279a078.txt",
                                                            root + "/Tests/Fixtures/dev/transcripts/\(dev).txt"])
        let alignment = GoldAlignment(gold: gold, documents: documents)
        let devRecords = gold.filter { $0.document == dev }.count
        #expect(alignment.misaligned.count == 1, "\(alignment.misaligned)")
        #expect(alignment.misaligned.first?.reason.contains("这句话谁也没有说过") == true)
        #expect(alignment.misaligned.first?.line == 21)
        #expect(alignment.aligned.count == 61 + devRecords)
        for a in alignment.aligned {
            #expect(GoldAlignment.squeeze(a.turn.text).hasPrefix(GoldAlignment.squeeze(a.record.starts)))
        }
        // Only the left-out turn is missing: every other official turn of the call has its record.
        let officials = try #require(documents.first?.calls.first?.officialTurns)
        let matched = Set(alignment.aligned.filter { $0.document.id == "000_43baa8c35279a078" }.map(\.turn.index))
        #expect(officials.enumerated().filter { !matched.contains($0.element.index) }.map(\.offset) == [9])

        let report = GoldEvaluation.evaluate(alignment) { _ in [] }
        #expect(report.documents.map(\.document) == ["000_43baa8c35279a078", dev])
        #expect(report.documents.map(\.aligned) == [61, devRecords])
        #expect(report.documents.map(\.misaligned) == [1, 0])
        // Pooled figures are the sums of the documents'.
        #expect(report.deflection.falseNegatives == report.documents.map(\.deflection.falseNegatives).reduce(0, +))
        let perDocument = try #require(report.jsonObject["per_document"] as? [String: [String: Any]])
        #expect(perDocument[dev]?["aligned"] as? Int == devRecords)
    }

    @Test func twoGoldFilesOfOneDocumentAlignEach() {
        let text = #"{"doc": "d", "call": 1, "turn": 1, "starts": "我不清楚", "codes": ["IGNORANCE"]}"#
        let gold = GoldReader.parse(text: text, file: "a.jsonl").records + GoldReader.parse(text: text, file: "b.jsonl").records
        let alignment = GoldAlignment(gold: gold, documents: [document("d", officials: ["我不清楚。"])])
        #expect(alignment.aligned.count == 2)
        #expect(alignment.misaligned.isEmpty)
    }

    @Test func malformedGoldLinesAreErrorsWithLineNumbers() {
        let text = """
            {"doc": "d", "call": 1, "turn": 1, "starts": "a", "codes": []}
            not json
            {"doc": "d", "call": 1, "starts": "a", "codes": []}
            {"doc": "d", "call": 1, "turn": 2, "starts": "a", "codes": ["EVASION"]}
            """
        let parsed = GoldReader.parse(text: text, file: "g.jsonl")
        #expect(parsed.records.count == 1)
        #expect(parsed.diagnostics.map(\.line) == [2, 3, 4])
        #expect(parsed.diagnostics.last?.message.contains("EVASION") == true)
        #expect(throws: GoldError.self) { _ = try GoldReader.read(paths: ["/nonexistent/gold.jsonl"]) }
    }

    @Test func shippedGoldOnTheBundledCorpusMeetsTheTarget() throws {
        let root = try #require(ProjectLayout.root())
        let gold = try GoldReader.read(paths: [root + "/Tests/Fixtures/gold"])
        let documents = TranscriptReader.readDocuments(at: [root + "/corpus/000_43baa8c35279a078.txt"])
        let alignment = GoldAlignment(gold: gold, documents: documents)
        #expect(alignment.misaligned.isEmpty, "\(alignment.misaligned)")
        let detection = try DeflectionDetection.load()
        let calls = detection.analyse(documents[0])
        let report = GoldEvaluation.evaluate(alignment) { a in
            calls.first { $0.call.index == a.call.index }?.turns[a.turn.index].detections ?? []
        }
        #expect((report.deflection.f1 ?? 0) >= 0.9)
        #expect((report.deflection.precision ?? 0) >= 0.9)
    }
}

@Suite struct KwicTests {
    @Test func findsPatternInTheBundledCorpusWithContextAndCodes() throws {
        let corpus = try #require(ProjectLayout.corpusDirectory())
        let documents = TranscriptReader.readDocuments(at: [corpus + "/000_43baa8c35279a078.txt"])
        let detection = try DeflectionDetection.load()
        let pattern = try Pattern("不是(很|太)清楚", normaliser: detection.detector.lexicon.normaliser)
        let rows = Kwic.search(pattern, in: documents, detection: detection, width: 4)
        #expect(rows.count == 3)
        let first = try #require(rows.first)
        #expect(first.match == "不是太清楚")
        #expect(first.left == "这个我们")
        #expect(first.right.hasPrefix("，因为"))
        #expect(first.role == "official")
        #expect(first.line > 0 && first.column > 0)
        #expect(first.codes.contains { $0.hasPrefix("IGNORANCE@lexicons/deflection/") })
        // Caller turns are searched too, but get no codes.
        let asked = Kwic.search(try Pattern("工会了解", normaliser: detection.detector.lexicon.normaliser), in: documents, detection: detection)
        #expect(asked.contains { $0.role == "caller" && $0.codes.isEmpty })
        #expect(Kwic.search(pattern, in: documents, detection: detection, officialsOnly: true).count == 3)
    }
}
