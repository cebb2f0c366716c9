import Foundation
import Testing
import TuiweiCore
@testable import TuiweiTranscript

/// The bundled corpus, read once for all tests.
enum SampleCorpus {
    static let root = ProjectLayout.root()!
    static let documents = TranscriptReader.readDocuments(at: [root + "/corpus"])
    static func document(_ prefix: String) -> Document { documents.first { $0.id.hasPrefix(prefix) }! }
}

@Suite struct CorpusStructureTests {
    @Test func call000HasOneCallWithTheBananOfficialAndCLB() throws {
        let d = SampleCorpus.document("000")
        #expect(d.kind == .transcript)
        #expect(d.calls.count == 1)
        let call = d.calls[0]
        #expect(call.organisation == "重庆市巴南区总工会")
        let official = try #require(call.speakers.first { $0.role == .official })
        #expect(official.label == "巴南区总工会")
        #expect(official.organisation == "巴南区总工会")
        #expect(official.department == "办公室")
        #expect(official.surname == "曾")
        let caller = try #require(call.speakers.first { $0.role == .caller })
        #expect(caller.label == "CLB")
        #expect(call.events.map(\.kind) == [.voicemail])
        #expect(call.events[0].afterTurn == nil)
        #expect(d.preamble.map(\.text) == ["攀钢重庆钛业聚集性感染事件"])
    }

    @Test func officialTurnsOf000AlignWithTheGold() throws {
        let gold = try String(contentsOfFile: SampleCorpus.root + "/Tests/Fixtures/gold/000_43baa8c35279a078.jsonl", encoding: .utf8)
            .split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let turns = SampleCorpus.document("000").calls[0].officialTurns
        #expect(turns.count == 62)
        #expect(gold.count == 62)
        for (turn, g) in zip(turns, gold) {
            let starts = g["starts"] as! String
            let text = turn.text.filter { !$0.isWhitespace }
            #expect(text.hasPrefix(starts), "official turn \(g["turn"]!) starts '\(text.prefix(12))', gold '\(starts)'")
        }
    }

    @Test func document002HasTwoCallsTheFirstCutOff() throws {
        let d = SampleCorpus.document("002")
        #expect(d.calls.count == 2)
        let first = d.calls[0]
        #expect(first.events.map(\.kind) == [.hangUp, .refusedCallBack])
        #expect(first.events.allSatisfy { $0.afterTurn == first.turns.count - 1 })
        let second = d.calls[1]
        #expect(second.organisation == "安阳市总工会")
        #expect(second.department == "劳动和经济工作部")
        let official = try #require(second.speakers.first { $0.role == .official })
        #expect(official.department == "劳动和经济工作部")
        #expect(official.surname == "李")
        #expect(second.speakers.first { $0.role == .caller }?.surname == "韩")
    }

    @Test func excerpt001IsLinkedTo000() throws {
        let links = TranscriptReader.duplicates(in: SampleCorpus.documents)
        #expect(links.count == 1)
        let link = try #require(links.first)
        #expect(link.document.hasPrefix("001") && link.call == 1)
        #expect(link.original.hasPrefix("000") && link.originalCall == 1)
        #expect(link.containment > 0.9)
        #expect(link.coverage > 0.5 && link.coverage < 1)
        // The excerpt's slide text stays in the preamble; its page number is recorded as noise.
        let d = SampleCorpus.document("001")
        #expect(d.noise.map(\.text) == ["10"])
        #expect(d.preamble.contains { $0.text.hasPrefix("政治性") })
        #expect(!d.calls[0].speakers.contains { $0.label == "政治性" })
    }

    @Test func articlesHaveParagraphsAndNoTurns() {
        for prefix in ["003", "004"] {
            let d = SampleCorpus.document(prefix)
            #expect(d.kind == .article)
            #expect(d.calls.isEmpty)
            #expect(d.paragraphs.count > 20)
            #expect(d.paragraphs.allSatisfy { !Prose.sentences(of: $0).isEmpty })
        }
    }

    @Test func exchangesPairQuestionsWithAnswers() {
        let call = SampleCorpus.document("000").calls[0]
        // The official's greeting comes before any question.
        #expect(call.exchanges[0].callerTurns.isEmpty)
        for e in call.exchanges.dropFirst() {
            #expect(!e.callerTurns.isEmpty)
            #expect(e.callerTurns.allSatisfy { call.turns[$0].role == .caller })
            #expect(e.officialTurns.allSatisfy { call.turns[$0].role == .official })
        }
        #expect(call.exchanges.flatMap { $0.callerTurns + $0.officialTurns }.sorted() == Array(0..<call.turns.count))
    }

    @Test func turnLinesPointIntoTheOriginal() throws {
        let d = SampleCorpus.document("000")
        let lines = try String(contentsOfFile: SampleCorpus.root + "/corpus/" + d.id + ".txt", encoding: .utf8)
            .components(separatedBy: "\n")
        for t in d.calls[0].turns {
            let loc = t.passage.map.location(at: 0)
            let line = Array(lines[loc.line - 1].unicodeScalars)
            #expect(line[loc.column - 1] == t.text.unicodeScalars.first!)
        }
    }
}
