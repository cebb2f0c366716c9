import Foundation
import Testing
import TuiweiTestSupport
import TuiweiCore
@testable import TuiweiAggregates
import TuiweiScoring

/// A two-call transcript made for the test: call 1 ends in a hang-up, call 2 has a named official.
func sampleDocument(id: String = "doc") -> Document {
    func turn(_ i: Int, _ speaker: Int, _ role: Role, _ text: String, line: Int) -> Turn {
        Turn(index: i, speaker: speaker, role: role, passage: passage(text, document: id, line: line), attribution: .label)
    }
    let caller = Speaker(id: 0, label: "CLB", aliases: ["CLB"], role: .caller, organisation: nil, department: nil, surname: nil)
    let union = Speaker(id: 1, label: "某区总工会", aliases: ["某区总工会"], role: .official, organisation: "某区总工会", department: nil, surname: nil)
    let call1 = Call(
        index: 1, header: passage("第一通电话：某区总工会", document: id, line: 1), organisation: "某区总工会", department: nil, person: nil,
        speakers: [caller, union],
        turns: [
            turn(0, 1, .official, "喂，您好。", line: 2),
            turn(1, 0, .caller, "你们工会了解这个情况吗？", line: 3),
            turn(2, 1, .official, "这个我们不是太清楚，要问政府。", line: 4),
            turn(3, 0, .caller, "那你们有没有到企业去？", line: 5),
            turn(4, 1, .official, "没有，职工的事情由政府统一管理。", line: 6),
        ],
        events: [Event(kind: .hangUp, passage: passage("——电话被挂断——", document: id, line: 7), afterTurn: 4)],
        exchanges: [Exchange(index: 0, callerTurns: [], officialTurns: [0]), Exchange(index: 1, callerTurns: [1], officialTurns: [2]),
                    Exchange(index: 2, callerTurns: [3], officialTurns: [4])],
        unattributed: [])
    let dept = Speaker(id: 1, label: "劳动部", aliases: ["劳动部"], role: .official, organisation: "某市总工会", department: "劳动部", surname: "李")
    let call2 = Call(
        index: 2, header: nil, organisation: "某市总工会", department: "劳动部", person: nil, speakers: [caller, dept],
        turns: [
            turn(0, 0, .caller, "请问规模以上企业有多少家？", line: 10),
            turn(1, 1, .official, "大概有二十九家，职工三千人。", line: 11),
        ],
        events: [], exchanges: [Exchange(index: 0, callerTurns: [0], officialTurns: [1])], unattributed: [])
    return Document(id: id, path: "corpus/\(id).txt", kind: .transcript, status: .analysed, encoding: "UTF-8", calls: [call1, call2])
}

func sampleArticle() -> Document {
    Document(id: "news", path: "corpus/news.txt", kind: .article, status: .analysed, encoding: "UTF-8",
             paragraphs: [passage("各级工会由政府统一管理职工的事情。", document: "news", line: 1)])
}

/// Detections a lexicon would find in the sample: IGNORANCE and DEFER_ADMIN.
func sampleDetections(_ turn: Turn) -> [Detection] {
    var out: [Detection] = []
    if turn.text.contains("不是太清楚") { out.append(detect(.ignorance, "不是太清楚", in: turn.text, line: turn.lines.lowerBound)) }
    if turn.text.contains("由政府统一管理") { out.append(detect(.deferAdmin, "由政府统一管理", in: turn.text, line: turn.lines.lowerBound)) }
    return out
}

@Suite struct CorpusAnalysisTests {
    let scorer = AnswerScorer(resources: testResources)

    func analyse(_ d: Document) -> CorpusAnalysis {
        CorpusAnalysis.analysing(d, scorer: scorer, detections: sampleDetections, words: words)
    }

    @Test func documentBecomesScoredAnswersWithLinesAndOfficials() throws {
        let a = analyse(sampleDocument())
        #expect(a.documents.count == 1 && a.calls.count == 2)
        #expect(a.answers.map(\.score.officialTurn) == [1, 2, 3, 1])
        #expect(a.answers.map(\.line) == [2, 4, 6, 11])
        #expect(a.answers[0].score.grade == nil)
        #expect(a.answers[1].score.grade == 0)
        #expect(a.answers[2].hangUps == 1)
        #expect(a.answers[2].score.contributions.contains { $0.feature == "event.hang-up" })
        #expect(a.answers[3].official == OfficialKey(organisation: "某市总工会", department: "劳动部", surname: "李"))
        #expect(a.answers[1].orientation.authority == 1)   // 政府
        #expect(a.answers[2].orientation.grassroots == 1)  // 职工
    }

    @Test func mergeIsOrderIndependent() {
        let parts = [analyse(sampleDocument(id: "a")), analyse(sampleArticle()), analyse(sampleDocument(id: "b"))]
        let one = CorpusAnalysis.merged(parts)
        let two = parts[2].merging(parts[0]).merging(parts[1])
        #expect(one == two)
        #expect(one.documents.map(\.id) == ["a", "b", "news"])
        #expect(CorpusSummary(one, resources: testResources) == CorpusSummary(two, resources: testResources))
    }

    @Test func aggregatesOnAKnownSet() throws {
        let analysis = CorpusAnalysis.merged([analyse(sampleDocument()), analyse(sampleArticle())])
        let summary = CorpusSummary(analysis, resources: testResources)
        #expect(summary.officials.count == 2)
        let district = try #require(summary.officials.first { $0.official.organisation == "某区总工会" })
        let s = district.statistics
        #expect(s.answers == 3 && s.graded == 2 && s.calls == 1)
        let scores = analysis.answers.filter { $0.official.organisation == "某区总工会" && $0.score.grade != nil }.map(\.score.score)
        #expect(abs(try #require(s.mean).mean - scores.reduce(0, +) / 2) < 1e-9)
        #expect(s.gradeCounts.reduce(0, +) == 2)
        #expect(s.gradeCounts[0] >= 1)
        #expect(s.deflections.map(\.code) == [.deferAdmin, .ignorance])
        #expect(s.deflections[0].rate == 0.5)
        #expect(s.hangUps == 1)
        #expect(s.firstThird == nil)  // the first third is the ungraded greeting
        #expect(s.lastThird == scores[1])
        // Orientation per 1,000 characters of the official's speech.
        let chars = analysis.answers.filter { $0.official.organisation == "某区总工会" }.reduce(0) { $0 + $1.orientation.characters }
        #expect(abs(district.orientation.authorityPer1000 - 2000 / Double(chars)) < 1e-9)
        // The boilerplate index sees the n-grams shared with the article.
        #expect(district.boilerplate.shared > 0)
        #expect(district.boilerplate.index > 0 && district.boilerplate.index < 1)
        #expect(district.boilerplate.topPhrases.first.map { "由政府统一管理职工的事情".contains($0.phrase) } == true)
        // Ranked least responsive first.
        #expect(summary.officials[0].official.organisation == "某区总工会")
        #expect(summary.calls[0].quotes.first?.code == .ignorance)
        #expect(summary.calls[0].quotes.first?.location.line == 4)
        #expect(summary.overall.graded == 3)
    }

    @Test func duplicatedCallsAreCountedOnce() {
        let links = [DuplicateLink(document: "b", call: 1, original: "a", originalCall: 1, containment: 1, coverage: 0.5)]
        let analysis = CorpusAnalysis.merged([analyse(sampleDocument(id: "a")), analyse(sampleDocument(id: "b"))]).addingDuplicates(links)
        let single = CorpusSummary(analyse(sampleDocument(id: "a")), resources: testResources)
        let summary = CorpusSummary(analysis, resources: testResources)
        #expect(summary.calls.count == 4)
        #expect(summary.calls.first { $0.entry.document == "b" && $0.entry.call == 1 }?.duplicateOf != nil)
        let district = summary.officials.first { $0.official.organisation == "某区总工会" }!
        #expect(district.statistics.answers == single.officials.first { $0.official.organisation == "某区总工会" }!.statistics.answers)
        // Call 2 of b is not a copy and counts again.
        #expect(summary.overall.answers == single.overall.answers + 1)
    }

    @Test func skippedDocumentsAreListed() {
        let a = analyse(.skipped(id: "bad", path: "corpus/bad.txt", reason: "not a text file"))
        #expect(a.documents.count == 1 && a.answers.isEmpty)
        #expect(!a.documents[0].status.isAnalysed)
    }

    @Test func ngramsStopAtPunctuationAndAvoidStopWordEdges() {
        let g = wordNgrams(["我们", "的", "工会", "，", "政府", "统一", "管理", "了"], n: 3, stopWords: ["我们", "的", "了"])
        #expect(g == ["政府统一管理"])
        #expect(wordNgrams(["我们", "的", "了"], n: 3, stopWords: ["我们", "的", "了"]).isEmpty)
        // Single-character runs such as a numeral and its measure word are not phrases.
        #expect(wordNgrams(["一", "个", "人", "防控"], n: 2, stopWords: []) == ["人防控"])
    }
}
