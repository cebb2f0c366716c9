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

/// The report files read back as a reader or a program would: every answer with its question,
/// counts that agree from file to file, turns numbered one way, the referral map in every form,
/// and an HTML page that is complete without its script.
@Suite struct ReportReadBackTests {
    static let answersCSV = parseCSV(Fixture.file("answers.csv"))
    static let markdown = Fixture.file("report.md")
    static let html = Fixture.file("report.html")

    static func column(_ rows: [[String]], _ name: String) -> Int { rows[0].firstIndex(of: name)! }

    static func xml() throws -> XMLElement {
        try #require(try XMLDocument(data: Data(html.utf8), options: []).rootElement())
    }

    static func nodes(_ path: String) throws -> [XMLNode] { try xml().nodes(forXPath: path) }

    @Test func everyCSVAnswerCarriesItsQuestionAndTurnNumbersFromOne() throws {
        let rows = Self.answersCSV
        #expect(rows[0] == CSVReport.answerColumns)
        #expect(rows.count - 1 == Fixture.whole.answers.count)
        let q = Self.column(rows, "question"), text = Self.column(rows, "text")
        let turn = Self.column(rows, "turn"), official = Self.column(rows, "official_turn")
        for (row, a) in zip(rows.dropFirst(), Fixture.whole.answers) {
            #expect(row.count == CSVReport.answerColumns.count)
            #expect(row[q] == a.question && row[text] == a.text)
            #expect(Int(row[turn]) == a.score.turn + 1 && Int(row[official]) == a.score.officialTurn)
        }
        // The answer after 你们工会了解这个情况吗？ says so in its row.
        #expect(rows.contains { $0[q] == "你们工会了解这个情况吗？" && $0[text].hasPrefix("这个我们不是太清楚") })
        // JSON lines number the turn the same way.
        let jsonTurns = Fixture.file("analysis.jsonl").split(separator: "\n").compactMap { line -> Int? in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], o["type"] as? String == "answer",
                  let a = o["answer"] as? [String: Any] else { return nil }
            return a["turn"] as? Int
        }
        #expect(jsonTurns == rows.dropFirst().map { Int($0[turn])! })
    }

    @Test func countsAgreeAcrossTheFiles() throws {
        let s = Fixture.summary
        let rows = Self.answersCSV.dropFirst()
        let dup = Self.column(Self.answersCSV, "duplicate_of")
        let counted = rows.filter { $0[dup].isEmpty }.count
        #expect(counted == s.overall.answers)
        // The headline names both counts: answers counted and turns read.
        #expect(Self.markdown.contains("\(counted) official answers counted"))
        #expect(Self.markdown.contains("(\(rows.count) official turns read; the \(rows.count - counted) in duplicate copies are listed, not counted)"))
        // A code's detections and turns, each labelled: officials.csv writes CODE:detections/turns.
        let officials = parseCSV(Fixture.file("officials.csv"))
        let top = officials[1][Self.column(officials, "top_deflections")]
        let st = s.officials[0].statistics
        #expect(top == st.deflections.map { "\($0.code.rawValue):\($0.count)/\($0.turns)" }.joined(separator: ";"))
        let codes = Self.column(Self.answersCSV, "codes")
        for c in st.deflections {
            // Turns with the code, counted from the answers rows of counted calls.
            #expect(rows.filter { $0[dup].isEmpty && $0[codes].split(separator: ";").contains(Substring(c.code.rawValue)) }.count == c.turns)
        }
        #expect(Self.markdown.contains("detections in turns"))
    }

    @Test func fewAnswersAreMarkedInTheRanking() throws {
        let s = Fixture.summary
        let o = try #require(s.officials.first)
        // Six graded answers over the two calls counted once: fewer than the threshold.
        #expect(o.statistics.graded < RankingCaution.fewAnswersBelow)
        #expect(RankingCaution.of(o.statistics).contains(.fewAnswers))
        let row = try #require(Self.markdown.split(separator: "\n").first { $0.hasPrefix("| 1 | 某区总工会") })
        #expect(row.contains("⚠ few answers"))
        let officials = parseCSV(Fixture.file("officials.csv"))
        #expect(officials[1][Self.column(officials, "cautions")].contains("few answers"))
        let marked = try Self.nodes("//*[local-name()='table' and contains(@class,'officials')]//*[local-name()='tr' and @class='caution']")
        #expect(marked.count == 1)
    }

    @Test func theIntervalLevelIsPrintedFromTheSetting() {
        var values = Fixture.resources.weights.values
        values["bootstrap.level"] = 0.9
        let r = Fixture.resources
        let ninety = ScoringResources(weights: ScoringWeights(values: values), stopWords: r.stopWords, cues: r.cues,
                                      orientation: r.orientation, bodies: r.bodies)
        let s = CorpusSummary(Fixture.whole, resources: ninety)
        #expect(s.intervalLevel == 0.9)
        let md = MarkdownReport.render(s), page = HTMLReport.render(s)
        #expect(md.contains("the 90% bootstrap interval") && !md.contains("95%"))
        #expect(page.contains("90% bootstrap intervals") && !page.contains("95%"))
        #expect(Self.markdown.contains("the 95% bootstrap interval"))
    }

    @Test func quotesInTheMarkdownShowTheirQuestion() throws {
        let lines = Self.markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let answers = lines.indices.filter { lines[$0].hasPrefix("  A: “") }
        #expect(!answers.isEmpty)
        for i in answers { #expect(lines[i - 1].hasPrefix("- Q: ")) }
        #expect(lines.contains("- Q: “你们工会了解这个情况吗？”"))
    }

    @Test func theReferralMapReadsBackFromEveryFile() throws {
        let map = Fixture.summary.referrals
        #expect(!map.organisations.isEmpty)
        // report.md: one table row per organisation edge, under its heading.
        let section = try #require(Self.markdown.components(separatedBy: "## Where the buck goes\n").last?.components(separatedBy: "\nBy official:").first)
        let tableRows = section.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| organisation") }
        #expect(tableRows.count == map.organisations.count)
        for (row, e) in zip(tableRows, map.organisations) {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells[0] == e.organisation && cells[2] == e.body && Int(cells[3]) == e.count && Int(cells[4]) == e.calls)
        }
        // …and one row per official, naming its bodies in the map's order.
        let officialSection = try #require(Self.markdown.components(separatedBy: "\nBy official:\n\n").last?.components(separatedBy: "\n\n").first)
        let officialRows = officialSection.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| official") }
        var expected: [(String, String)] = []
        for e in map.officials {
            let named = "\(e.body) ×\(e.count)"
            if let last = expected.last, last.0 == e.official!.description { expected[expected.count - 1].1 += ", " + named } else { expected.append((e.official!.description, named)) }
        }
        #expect(!expected.isEmpty)
        #expect(officialRows.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }.map { "\($0[0])|\($0[1])" }
                == expected.map { "\($0.0)|\($0.1)" })
        // The diagram: one curve per edge, each a link to its item in the list below it.
        let edges = try Self.nodes("//*[local-name()='svg' and contains(@class,'referrals')]//*[local-name()='path' and @class='edge']")
        #expect(edges.count == map.organisations.count)
        let targets = try Self.nodes("//*[local-name()='svg' and contains(@class,'referrals')]//*[local-name()='a']/@href").compactMap(\.stringValue)
        let items = try Self.nodes("//*[local-name()='ol' and @class='edges']/*[local-name()='li']/@id").compactMap(\.stringValue)
        #expect(targets.map { String($0.dropFirst()) } == items)
        // referrals.csv: its columns, and one row per target (those of duplicate copies marked).
        let csv = parseCSV(Fixture.file("referrals.csv"))
        #expect(csv[0] == ReferralReport.columns)
        let dup = Self.column(csv, "duplicate_of")
        #expect(csv.dropFirst().filter { $0[dup].isEmpty }.count == map.targets)
        let body = Self.column(csv, "body"), kind = Self.column(csv, "kind")
        #expect(csv.dropFirst().allSatisfy { row in map.organisations.contains { $0.body == row[body] && $0.kind == row[kind] } })
    }

    @Test func thePageHasAViewportAndWorksWithoutItsScript() throws {
        let html = Self.html
        let meta = try Self.nodes("//*[local-name()='meta' and @name='viewport']/@content").compactMap(\.stringValue)
        #expect(meta == ["width=device-width, initial-scale=1"])
        // One inline script, nothing loaded from elsewhere.
        let scripts = try Self.nodes("//*[local-name()='script']")
        #expect(scripts.count == 1)
        #expect(!html.contains("src=") && !html.contains("<link"))
        // Without the script nothing is hidden: no row is filtered out, the filter note is empty,
        // and the filter boxes are the script's own (not in the markup).
        #expect(try Self.nodes("//*[local-name()='tr' and contains(@class,'hide')]").isEmpty)
        #expect(try Self.nodes("//*[local-name()='input']").isEmpty)
        let hidden = try Self.nodes("//*[contains(concat(' ', @class, ' '), ' hidden ')]")
        #expect(hidden.allSatisfy { ($0.stringValue ?? "").isEmpty })
        // Every link inside the page goes to an element that is there.
        let ids = Set(try Self.nodes("//@id").compactMap(\.stringValue))
        let hrefs = try Self.nodes("//@href").compactMap(\.stringValue).filter { $0.hasPrefix("#") }
        #expect(!hrefs.isEmpty)
        for h in hrefs { #expect(ids.contains(String(h.dropFirst())), "\(h) goes nowhere") }
        // Layouts for narrow screens and for print.
        #expect(html.contains("@media (max-width: 700px)") && html.contains("@media print"))
    }

    @Test func theAnswerTableShowsQuestionsAndEachScoresTerms() throws {
        let rows = try Self.nodes("//*[local-name()='table' and contains(@class,'answers')]/*[local-name()='tbody']/*[local-name()='tr']")
        #expect(rows.count == Fixture.summary.answers.count)
        for (node, a) in zip(rows, Fixture.summary.answers) {
            let row = node
            #expect(try row.nodes(forXPath: "@id").first?.stringValue == HTMLReport.anchor(a))
            let ask = try row.nodes(forXPath: "*[local-name()='td' and contains(@class,'ask')]").first?.stringValue
            #expect(ask == (a.question.isEmpty ? "–" : questionExcerpt(a.question)))
            // The breakdown is in the row, one item per contribution: seen without hovering.
            let terms = try row.nodes(forXPath: "*[local-name()='td' and @class='why']//*[local-name()='li']")
            #expect(terms.count == a.score.contributions.count)
        }
        let why = try Self.nodes("//*[local-name()='td' and @class='why']").compactMap(\.stringValue).joined()
        #expect(why.contains("-45.0 deflection.IGNORANCE “不是太清楚”"))
        // Quotes link to their answers.
        let quoteLinks = try Self.nodes("//*[local-name()='ul' and @class='quotes']//*[local-name()='a']/@href").compactMap(\.stringValue)
        #expect(!quoteLinks.isEmpty && quoteLinks.allSatisfy { $0.hasPrefix("#a-") })
        // Officials link to their first answer, and name themselves for the script's filter.
        let officials = try Self.nodes("//*[local-name()='a' and @data-official]/@href").compactMap(\.stringValue)
        #expect(officials.count == Fixture.summary.officials.count)
    }

    @Test func gradesAndCodesHaveTheirOwnColoursAndLegends() throws {
        let codeColours = Set(HTMLReport.colours.values.map { $0.lowercased() })
        #expect(codeColours.isDisjoint(with: HTMLReport.gradeColours.map { $0.lowercased() }))
        let legends = try Self.nodes("//*[local-name()='p' and @class='legend']").compactMap(\.stringValue)
        #expect(legends.contains { $0.hasPrefix("Grades:") && $0.contains("0 no answer") && $0.contains("3 answers") })
        #expect(legends.contains { $0.hasPrefix("Codes:") && $0.contains("IGNORANCE") })
    }
}
