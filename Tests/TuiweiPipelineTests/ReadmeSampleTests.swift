import Foundation
import Testing
import TuiweiCore
@testable import TuiweiPipeline
import TuiweiReports
import TuiweiScoring
import TuiweiTranscript

/// README's sample of report.md is what a run over the bundled corpus writes, so it cannot go
/// stale: a change to the report, the lexicons or the corpus fails here until the sample is
/// regenerated (`scripts/update-readme-sample.sh`, which runs this test with
/// `TUIWEI_UPDATE_README=1` to write it), and the bundled corpus shows the bodies its two unions
/// point to.
@Suite(.serialized) struct ReadmeSampleTests {
    static let root = ProjectLayout.root()!
    static let opening = "<!-- sample: generated from report.md of the bundled corpus by scripts/update-readme-sample.sh; do not edit by hand -->\n```markdown\n"
    static let closing = "```\n<!-- end of sample -->"

    static func report() async -> (markdown: String, summary: CorpusSummary) {
        let engine = AnalysisRunTests.engine
        let run = await engine.run(TranscriptReader.sources(at: [root + "/corpus"]), jobs: 2)
        let files = ReportWriter.render(run.analysis, resources: engine.scoring, formats: [.markdown])
        return (files[0].contents, CorpusSummary(run.analysis, resources: engine.scoring))
    }

    @Test func theSampleInREADMEIsGenerated() async throws {
        let path = Self.root + "/README.md"
        let readme = try String(contentsOfFile: path, encoding: .utf8)
        let start = try #require(readme.range(of: Self.opening), "README has no generated sample")
        let end = try #require(readme.range(of: Self.closing, range: start.upperBound..<readme.endIndex))
        let sample = MarkdownReport.readmeExcerpt(of: await Self.report().markdown)
        if ProcessInfo.processInfo.environment["TUIWEI_UPDATE_README"] == "1" {
            try readme.replacingCharacters(in: start.upperBound..<end.lowerBound, with: sample).write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(String(readme[start.upperBound..<end.lowerBound]) == sample,
                "README's sample report is stale: run scripts/update-readme-sample.sh")
        // The excerpt is made of the report's own lines.
        let lines = Set(await Self.report().markdown.split(separator: "\n"))
        #expect(sample.split(separator: "\n").allSatisfy { $0 == "…" || lines.contains($0) })
    }

    @Test func theBundledCorpusShowsWhereEachUnionPointed() async throws {
        let map = await Self.report().summary.referrals
        func bodies(_ organisation: String) -> Set<String> {
            Set(map.organisations.filter { $0.organisation == organisation }.map(\.body))
        }
        // Banan district union: the epidemic command, the towns and streets, the district Party
        // committee and government, the government's departments, the leaders it reports to.
        #expect(bodies("巴南区总工会").isSuperset(of: ["指挥部", "镇街", "区委区政府", "政府职能部门", "领导"]))
        // Anyang city union: the publicity and organisation departments, the district and town
        // unions, the towns, its own department head.
        #expect(bodies("安阳市总工会").isSuperset(of: ["宣传部门", "组织部", "区工会", "镇工会", "镇", "部长"]))
        // The official of each is on the map too.
        #expect(map.officials.contains { $0.official?.surname == "曾" && $0.body == "指挥部" })
        #expect(map.officials.contains { $0.official?.surname == "李" && $0.body == "组织部" })
    }
}
