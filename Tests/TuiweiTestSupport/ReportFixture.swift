import Foundation
import TuiweiAggregates
import TuiweiCore
import TuiweiPipeline
import TuiweiReports
import TuiweiScoring

/// Test data for the report writers: one hand-made transcript with tricky text (commas, quotes,
/// markup characters), an article, a skipped file, and the summary of all three.
public enum Fixture {
    public static let resources = testResources

    public static func detections(_ turn: Turn) -> [Detection] {
        let rules: [(Code, String)] = [(.ignorance, "不是太清楚"), (.deferAdmin, "由政府统一管理"), (.direct, "没有"), (.specific, "二十九家")]
        var out: [Detection] = []
        let scalars = Array(turn.text.unicodeScalars)
        for (code, phrase) in rules {
            let p = Array(phrase.unicodeScalars)
            guard scalars.count >= p.count else { continue }
            for i in 0...(scalars.count - p.count) where Array(scalars[i..<(i + p.count)]) == p {
                out.append(Detection(code: code, text: phrase, range: i..<(i + p.count), location: turn.passage.map.location(at: i),
                                     rule: RuleReference(file: "lexicons/test.tsv", line: 3), weight: 1))
                break
            }
        }
        return out
    }

    public static func transcript(id: String) -> Document {
        func turn(_ i: Int, _ speaker: Int, _ role: Role, _ text: String, line: Int) -> Turn {
            Turn(index: i, speaker: speaker, role: role, passage: passage(text, document: id, line: line), attribution: .label)
        }
        let caller = Speaker(id: 0, label: "CLB", aliases: ["CLB"], role: .caller, organisation: nil, department: nil, surname: nil)
        let union = Speaker(id: 1, label: "某区总工会", aliases: ["某区总工会"], role: .official, organisation: "某区总工会", department: "办公室", surname: "曾")
        let call = Call(
            index: 1, header: passage("第一通电话：某区总工会办公室", document: id, line: 1), organisation: "某区总工会", department: "办公室", person: nil,
            speakers: [caller, union],
            turns: [
                turn(0, 1, .official, "喂，您好。", line: 3),
                turn(1, 0, .caller, "你们工会了解这个情况吗？", line: 5),
                turn(2, 1, .official, "这个我们不是太清楚，\"央企\", <b>那边</b> & 别的。", line: 7),
                turn(3, 0, .caller, "那你们有没有到企业去？", line: 9),
                turn(4, 1, .official, "没有，职工的事情由政府统一管理。", line: 11),
                turn(5, 0, .caller, "规模以上企业有多少家？", line: 13),
                turn(6, 1, .official, "大概有二十九家。", line: 15),
            ],
            events: [Event(kind: .hangUp, passage: passage("——电话被挂断——", document: id, line: 17), afterTurn: 6)],
            exchanges: [Exchange(index: 0, callerTurns: [], officialTurns: [0]), Exchange(index: 1, callerTurns: [1], officialTurns: [2]),
                        Exchange(index: 2, callerTurns: [3], officialTurns: [4]), Exchange(index: 3, callerTurns: [5], officialTurns: [6])],
            unattributed: [])
        return Document(id: id, path: "corpus/\(id).txt", kind: .transcript, status: .analysed, encoding: "UTF-8", calls: [call])
    }

    public static let article = Document(id: "news", path: "corpus/news.txt", kind: .article, status: .analysed, encoding: "UTF-8",
                                  paragraphs: [passage("职工的事情由政府统一管理。", document: "news", line: 1)])

    public static let skipped = Document.skipped(id: "broken", path: "corpus/broken.txt", reason: "not valid text in UTF-8, UTF-16 or GB18030")

    public static func analysis(_ docs: [Document]) -> CorpusAnalysis {
        let scorer = AnswerScorer(resources: resources)
        return CorpusAnalysis.merged(docs.map { CorpusAnalysis.analysing($0, scorer: scorer, detections: detections, words: TuiweiTestSupport.words) })
            .addingDuplicates([DuplicateLink(document: "b", call: 1, original: "a", originalCall: 1, containment: 1, coverage: 1)])
    }

    public static let whole = analysis([transcript(id: "a"), transcript(id: "b"), article, skipped])
    public static let summary = CorpusSummary(whole, resources: resources)

    /// The files of the fixture run: name → contents.
    public static func file(_ name: String, excelBOM: Bool = false) -> String {
        ReportWriter.render(whole, resources: resources, formats: ReportFormat.allCases, excelBOM: excelBOM).first { $0.name == name }!.contents
    }
}

/// An RFC 4180 reader for checking the CSV files.
public func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text.unicodeScalars)
    if chars.first == "\u{FEFF}" { chars.removeFirst() }
    var i = 0
    while i < chars.count {
        let c = chars[i]
        if quoted {
            if c == "\"" {
                if i + 1 < chars.count, chars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { quoted = false }
            } else { field.unicodeScalars.append(c) }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field); field = ""
        } else if c == "\r" {
        } else if c == "\n" {
            row.append(field); rows.append(row); row = []; field = ""
        } else {
            field.unicodeScalars.append(c)
        }
        i += 1
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}
