import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TuiweiCore
import TuiweiScoring
@testable import TuiweiReports

@Suite struct CSVReportTests {
    @Test func answersParseBackWithEveryColumn() throws {
        let rows = parseCSV(CSVReport.answers(Fixture.summary))
        #expect(rows.first == CSVReport.answerColumns)
        #expect(rows.count == 1 + Fixture.summary.analysis.answers.count)
        for r in rows { #expect(r.count == CSVReport.answerColumns.count) }
        let col = { (name: String) in CSVReport.answerColumns.firstIndex(of: name)! }
        let tricky = try #require(rows.first { $0[col("text")].contains("央企") })
        #expect(tricky[col("text")] == "这个我们不是太清楚，\"央企\", <b>那边</b> & 别的。")
        #expect(tricky[col("line")] == "7")
        #expect(tricky[col("grade")] == "0")
        #expect(tricky[col("codes")] == "IGNORANCE")
        #expect(tricky[col("evidence")].contains("IGNORANCE: 不是太清楚 @7:5"))
        #expect(tricky[col("organisation")] == "某区总工会")
        let copy = rows.filter { $0[col("document")] == "b" }
        #expect(!copy.isEmpty && copy.allSatisfy { $0[col("duplicate_of")] == "a#1" })
        let greeting = try #require(rows.first { $0[col("text")] == "喂，您好。" })
        #expect(greeting[col("grade")] == "")
    }

    @Test func officialsOneRowEach() {
        let rows = parseCSV(CSVReport.officials(Fixture.summary))
        #expect(rows.first == CSVReport.officialColumns)
        #expect(rows.count == 1 + Fixture.summary.officials.count)
        let r = rows[1]
        let col = { (name: String) in CSVReport.officialColumns.firstIndex(of: name)! }
        #expect(r[col("surname")] == "曾")
        #expect(r[col("answers")] == "4")  // the copy in document b is counted once
        #expect(r[col("hang_ups")] == "1")
        #expect(Double(r[col("mean_score")]) != nil)
        #expect(Double(r[col("boilerplate_index")])! > 0)
        #expect(r[col("orientation_terms")].contains("政府:1"))
    }

    @Test func excelBOMIsOptional() {
        let plain = ReportWriter.render(Fixture.summary, formats: [.csv])
        let excel = ReportWriter.render(Fixture.summary, formats: [.csv], excelBOM: true)
        #expect(plain.map(\.name) == ["answers.csv", "officials.csv"])
        #expect(!plain[0].contents.hasPrefix("\u{FEFF}"))
        #expect(excel[0].contents.hasPrefix("\u{FEFF}") && excel[1].contents.hasPrefix("\u{FEFF}"))
    }
}

@Suite struct JSONLinesReportTests {
    @Test func everyLineIsJSONWithItsType() throws {
        let text = JSONLinesReport.render(Fixture.summary)
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
        #expect(types["answer"] == Fixture.summary.analysis.answers.count)
        #expect(types["official"] == Fixture.summary.officials.count)
        let tricky = try #require(answers.first { ($0["text"] as? String)?.contains("央企") == true })
        let detections = try #require(tricky["detections"] as? [[String: Any]])
        #expect(detections.first?["code"] as? String == "IGNORANCE")
        #expect(detections.first?["line"] as? Int == 7)
        #expect(detections.first?["rule"] as? String == "lexicons/test.tsv:3")
        #expect((tricky["contributions"] as? [[String: Any]])?.contains { $0["feature"] as? String == "deflection.IGNORANCE" } == true)
    }

    @Test func skippedDocumentKeepsItsReason() throws {
        let line = try #require(JSONLinesReport.render(Fixture.summary).split(separator: "\n").first { $0.contains("\"broken\"") })
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        let doc = object["document"] as! [String: Any]
        #expect(doc["status"] as? String == "skipped")
        #expect((doc["reason"] as? String)?.contains("GB18030") == true)
    }
}

@Suite struct HTMLReportTests {
    let html = HTMLReport.render(Fixture.summary)

    @Test func wellFormedWithTheExpectedSections() throws {
        let doc = try XMLDocument(data: Data(html.utf8), options: [])
        let root = try #require(doc.rootElement())
        #expect(root.name == "html")
        let ids = try root.nodes(forXPath: "//*[local-name()='section']/@id").compactMap(\.stringValue)
        #expect(ids == HTMLReport.sections)
        let svgs = try root.nodes(forXPath: "//*[local-name()='svg']")
        #expect(svgs.count == 2 + Fixture.summary.calls.count)  // CI chart, stacked profiles, one per call
        let marks = try root.nodes(forXPath: "//*[local-name()='mark']")
        #expect(marks.contains { $0.stringValue?.hasPrefix("不是太清楚") == true })
        let rows = try root.nodes(forXPath: "//*[local-name()='table' and @class='answers']/*[local-name()='tbody']/*[local-name()='tr']")
        #expect(rows.count == Fixture.summary.analysis.answers.count)
        // The score cell explains itself with its contributions.
        let titles = try root.nodes(forXPath: "//*[local-name()='table' and @class='answers']//*[local-name()='td']/@title").compactMap(\.stringValue)
        #expect(titles.contains { $0.contains("deflection.IGNORANCE -45.0: “不是太清楚”") })
    }

    @Test func selfContained() {
        #expect(!html.contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("<link"))
        #expect(html.contains("&lt;b&gt;那边&lt;/b&gt; &amp; 别的"))
    }

    @Test func highlightsSpansByScalarOffsets() {
        let text = "嗯，不清楚。"
        let d = Detection(code: .ignorance, text: "不清楚", range: 2..<5, location: SourceLocation(document: "d", line: 1, column: 3),
                          rule: RuleReference(file: "f", line: 1), weight: 1)
        let out = HTMLReport.highlighted(text, [d, d])
        #expect(out.hasPrefix("嗯，<mark class=\"d\""))
        #expect(out.contains(">不清楚<sub>IGNORANCE</sub></mark>。"))
        #expect(out.components(separatedBy: "<mark").count == 2)
    }
}

@Suite struct MarkdownReportTests {
    let md = MarkdownReport.render(Fixture.summary)

    @Test func rankingTableCallProfilesAndDocuments() {
        #expect(md.contains("| # | organisation | department | surname | calls | answers | mean score [CI] |"))
        #expect(md.contains("| 1 | 某区总工会 | 办公室 | 曾 | 1 | 4 |"))
        #expect(md.contains("### a, call 1 — 第一通电话：某区总工会办公室"))
        #expect(md.contains("— IGNORANCE — a:7"))
        #expect(md.contains("Repeats a call 1"))
        #expect(md.contains("| broken | corpus/broken.txt | other | skipped: not valid text in UTF-8, UTF-16 or GB18030 |"))
        #expect(md.contains("ended by a hang-up"))
    }
}

@Suite struct ReportWriterTests {
    @Test func writesEveryFileDeterministically() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tuiwei-report-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try ReportWriter.write(Fixture.summary, to: dir, formats: ReportFormat.allCases)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["report.md", "report.html", "analysis.jsonl", "answers.csv", "officials.csv"])
        for p in paths { #expect(FileManager.default.fileExists(atPath: p)) }
        // Same inputs merged in another order give the same bytes.
        let reordered = CorpusSummary(Fixture.analysis([Fixture.skipped, Fixture.transcript(id: "b"), Fixture.article, Fixture.transcript(id: "a")]),
                                      resources: Fixture.resources)
        let one = ReportWriter.render(Fixture.summary, formats: ReportFormat.allCases)
        let two = ReportWriter.render(reordered, formats: ReportFormat.allCases)
        #expect(one.map(\.contents) == two.map(\.contents))
    }

    @Test func emptyAndAllSkippedRunsStillRender() throws {
        for docs in [[], [Fixture.skipped]] {
            let summary = CorpusSummary(CorpusAnalysis.merged(docs.map {
                CorpusAnalysis.analysing($0, scorer: AnswerScorer(resources: Fixture.resources), detections: { _ in [] }, words: Fixture.words)
            }), resources: Fixture.resources)
            let files = ReportWriter.render(summary, formats: ReportFormat.allCases)
            #expect(files.count == 5)
            _ = try XMLDocument(data: Data(files[1].contents.utf8), options: [])
            #expect(parseCSV(files[3].contents).count == 1)
            #expect(files[0].contents.contains("\(docs.count) documents"))
            #expect(files[2].contents.split(separator: "\n").count == 1 + docs.count)
        }
    }

    @Test func unwritableFolderIsADiagnostic() {
        #expect(throws: Diagnostic.self) { try ReportWriter.write(Fixture.summary, to: "/proc/tuiwei-cannot", formats: [.markdown]) }
    }

    @Test func formatList() throws {
        #expect(try ReportFormat.parseList("md, html,json,csv").get() == [.markdown, .html, .json, .csv])
        #expect(try ReportFormat.parseList("jsonl,markdown").get() == [.json, .markdown])
        guard case .failure(let e) = ReportFormat.parseList("md,pdf") else { Issue.record("pdf accepted"); return }
        #expect(e.name == "pdf")
    }
}
