import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TuiweiCore
import TuiweiScoring
@testable import TuiweiReports

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
        #expect(rows.count == Fixture.whole.answers.count)
        // The score cell explains itself with its contributions.
        let titles = try root.nodes(forXPath: "//*[local-name()='table' and @class='answers']//*[local-name()='td']/@title").compactMap(\.stringValue)
        #expect(titles.contains { $0.contains("deflection.IGNORANCE -45.0: “不是太清楚”") })
    }

    @Test func largeAnswerTablesAreCutWithANote() {
        let total = Fixture.whole.answers.count
        #expect(total > 1)
        let cut = HTMLReport.answersSection(CorpusSummary(Fixture.whole, resources: Fixture.resources, limits: .init(answers: 1)))
        #expect(cut.components(separatedBy: "<tr class=").count - 1 == 1)
        #expect(cut.contains("the first 1 of \(total) answers"))
        let whole = HTMLReport.answersSection(Fixture.summary)
        #expect(whole.components(separatedBy: "<tr class=").count - 1 == total)
        #expect(!whole.contains("the first"))
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
