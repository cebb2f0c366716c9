import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TuiweiTestSupport
import TuiweiCore
import TuiweiAggregates
import TuiweiScoring
@testable import TuiweiReports

@Suite struct MarkdownReportTests {
    let md = MarkdownReport.render(Fixture.summary)

    @Test func rankingTableCallProfilesAndDocuments() {
        #expect(md.contains("| # | organisation | department | surname | calls | answers | mean score [CI] |"))
        #expect(md.contains("| 1 | 某区总工会 | 办公室 | 曾 | 1 | 4 |"))
        #expect(md.contains("### a, call 1 — 第一通电话：某区总工会办公室"))
        #expect(md.contains("— IGNORANCE — official turn 2, a:7"))
        #expect(md.contains("Repeats a call 1"))
        #expect(md.contains("| broken | corpus/broken.txt | other | skipped: not valid text in UTF-8, UTF-16 or GB18030 |"))
        #expect(md.contains("ended by a hang-up"))
    }

    @Test func terminalSummaryIsTheHeadlineAndRanking() {
        let short = MarkdownReport.summary(Fixture.summary)
        #expect(md.hasPrefix(short.components(separatedBy: "\nSkipped:")[0]))
        #expect(short.contains("| 1 | 某区总工会 | 办公室 | 曾 |"))
        #expect(!short.contains("## Calls"))
        #expect(short.contains("- corpus/broken.txt: skipped: not valid text"))
    }
}
