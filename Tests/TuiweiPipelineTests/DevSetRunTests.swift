import Foundation
import Testing
import TuiweiCore
@testable import TuiweiPipeline
import TuiweiReports
import TuiweiTranscript

/// The whole run over the development set: every official answer of its gold is scored, only
/// officials are ranked, and those who answer for no body are listed as respondents.
@Suite struct DevSetRunTests {
    static let dev = (ProjectLayout.root() ?? FileManager.default.currentDirectoryPath) + "/Tests/Fixtures/dev"

    @Test func officialsAreRankedAndRespondentsListed() async throws {
        let run = await AnalysisRunTests.engine.run(TranscriptReader.sources(at: [Self.dev + "/transcripts"]), jobs: 2)
        let files = ReportWriter.render(run.analysis, resources: AnalysisRunTests.engine.scoring, formats: [.markdown, .csv])
        // The gold holds 38 official answers; every one is read as an answer.
        #expect(run.analysis.answers.count == 38)
        #expect(!run.analysis.answers.contains { ["女工", "谢海宝", "韩", "韓"].contains($0.speaker) })
        #expect(!run.analysis.answers.contains { ["问", "答"].contains($0.official.organisation) })
        let md = try #require(files.first { $0.name == "report.md" }).contents
        #expect(md.contains("Respondents, who speak for no body (listed, not scored or ranked): 谢海宝."))
        let officials = try #require(files.first { $0.name == "officials.csv" }).contents
        #expect(!officials.contains("谢海宝") && officials.contains("外交部"))
    }
}
