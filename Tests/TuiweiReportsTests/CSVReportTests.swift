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

@Suite struct CSVReportTests {
    @Test func answersParseBackWithEveryColumn() throws {
        let rows = parseCSV(Fixture.file("answers.csv"))
        #expect(rows.first == CSVReport.answerColumns)
        #expect(rows.count == 1 + Fixture.whole.answers.count)
        for r in rows { #expect(r.count == CSVReport.answerColumns.count) }
        let col = { (name: String) in CSVReport.answerColumns.firstIndex(of: name)! }
        let tricky = try #require(rows.first { $0[col("text")].contains("央企") })
        #expect(tricky[col("text")] == "这个我们不是太清楚，\"央企\", <b>那边</b> & 别的。")
        #expect(tricky[col("line")] == "7")
        #expect(tricky[col("grade")] == "0")
        #expect(tricky[col("codes")] == "IGNORANCE")
        #expect(tricky[col("evidence")].contains("IGNORANCE: 不是太清楚 @7:5"))
        #expect(tricky[col("organisation")] == "某区总工会")
        #expect(tricky[col("contributions")].hasPrefix("base +50.0; deflection.IGNORANCE -45.0"))
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
        let plain = ReportWriter.render(Fixture.whole, resources: Fixture.resources, formats: [.csv])
        let excel = ReportWriter.render(Fixture.whole, resources: Fixture.resources, formats: [.csv], excelBOM: true)
        #expect(plain.map(\.name) == ["answers.csv", "officials.csv", "referrals.csv"])
        #expect(!plain[0].contents.hasPrefix("\u{FEFF}"))
        #expect(excel[0].contents.hasPrefix("\u{FEFF}") && excel[1].contents.hasPrefix("\u{FEFF}"))
    }
}
