import Foundation
import Testing
import TuiweiCore
@testable import TuiweiPipeline
import TuiweiReports
import TuiweiAggregates
import TuiweiScoring
import TuiweiTranscript
import TuiweiTestSupport

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

/// A chain across two documents written for the test, through the whole run: the union points to
/// a government office, the office (called in the other transcript) points back, the same with
/// any number of jobs.
@Suite struct ReferralChainRunTests {
    /// Writes the two documents into `folder`; its path.
    static func corpus(in folder: TemporaryFolder) throws -> String {
        let union = """
        第一通电话：重庆市巴南区总工会办公室
        问：您好，请问是巴南区总工会吗？
        答：对，你有什么事？
        问：我想了解一下企业拖欠工资的事情，工会能不能帮忙？
        答：这个你得问一下人社局，他们清楚。
        问：好的，谢谢。

        """
        let office = """
        第一通电话：重庆市巴南区人社局
        问：您好，请问是巴南区人社局吗？
        答：对，你有什么事？
        问：我想了解一下企业拖欠工资的事情，你们能不能帮忙？
        答：这个你得问一下区总工会，他们清楚。
        问：好的，谢谢。

        """
        try folder.write("a.txt", union)
        try folder.write("b.txt", office)
        return folder.path
    }

    @Test func theChainIsFoundAndTheSameWhateverTheJobs() async throws {
        let folder = try TemporaryFolder("chain")
        defer { folder.remove() }
        let dir = try Self.corpus(in: folder)
        let one = await AnalysisRunTests.render(jobs: 1, paths: [dir])
        let three = await AnalysisRunTests.render(jobs: 3, paths: [dir])
        for (a, b) in zip(one, three) { #expect(a.contents == b.contents, "\(a.name) differs between --jobs 1 and 3") }
        let md = try #require(one.first { $0.name == "report.md" }).contents
        #expect(md.contains("- 重庆市巴南区人社局 → 区工会 (b:5) ⇒ 重庆市巴南区总工会 → 人社局 (a:5) = 重庆市巴南区人社局 — points back"))
        let chains = try #require(one.first { $0.name == "analysis.jsonl" }).contents.split(separator: "\n").filter { $0.contains("\"type\":\"chain\"") }
        #expect(chains.count == 1)
        let csv = parseRows(try #require(one.first { $0.name == "referrals.csv" }).contents)
        #expect(csv.count == 3)
        #expect(Set(csv.dropFirst().map { $0[7] }) == ["人社局", "区工会"])
    }

    /// Rows of a CSV file without quoted fields.
    func parseRows(_ text: String) -> [[String]] {
        text.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}
