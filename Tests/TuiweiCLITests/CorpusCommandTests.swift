import Foundation
import Testing
import TuiweiCore
import TuiweiTestSupport
import TuiweiTranscript

/// `parse` and `kwic` read a corpus one document at a time: every document is still shown, in
/// order, with what the whole corpus decides (the call a call repeats), and a file that cannot be
/// read is named and sets exit status 1.
@Suite struct CorpusCommandTests {
    static let corpus = ToolProcess.root + "/corpus"
    static let missing = "/nonexistent/x.txt"

    @Test func parseShowsEveryDocumentWithTheCallItRepeats() throws {
        let run = try ToolProcess.run(["parse", "--json", "--no-detect", Self.corpus, Self.missing])
        #expect(run.status == 1)
        let objects = try run.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let documents = objects.dropLast()
        #expect(documents.map { $0["id"] as? String } == TranscriptReader.sources(at: [Self.corpus, Self.missing]).map(\.id))
        #expect(documents.last?["status"] as? String == "skipped")
        let links = TranscriptReader.duplicates(in: TranscriptReader.readDocuments(at: [Self.corpus]))
        #expect(!links.isEmpty)
        #expect((objects.last?["duplicates"] as? [Any])?.count == links.count)
        for link in links {
            let document = try #require(documents.first { $0["id"] as? String == link.document })
            let call = try #require((document["calls"] as? [[String: Any]])?.first { $0["index"] as? Int == link.call })
            #expect((call["duplicate_of"] as? [String: Any])?["original"] as? String == link.original)
        }
    }

    @Test func kwicNamesTheUnreadFileAndFindsWhatTheWholeCorpusHolds() throws {
        let run = try ToolProcess.run(["kwic", "不清楚", Self.corpus, Self.missing])
        #expect(run.status == 1)
        #expect(run.stderr.contains(Self.missing))
        let rows = run.stdout.split(separator: "\n")
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains("[不清楚]") })
        #expect(run.stderr.contains("\(rows.count) match(es) of '不清楚' in 6 document(s)"))
    }

    /// `parse`, `kwic` and `analyze` show a file read a call at a time byte for byte as read whole.
    @Test func commandsShowAFileReadACallAtATimeAsReadWhole() throws {
        try TemporaryFolder.with("stream") { tmp in
            let paths = [Self.corpus, ToolProcess.root + "/Tests/Fixtures/dev/transcripts", try tmp.write("many.txt", manyCallsTranscript(calls: 60))]
            let everyCall = ["TUIWEI_STREAM_MB": "0"]
            for command in [["parse", "--json", "--explain"], ["parse", "--explain"], ["kwic", "不清楚"]] {
                let whole = try ToolProcess.run(command + paths)
                let streamed = try ToolProcess.run(command + paths, environment: everyCall)
                #expect(whole.status == 0 && streamed.status == 0)
                #expect(whole.stdout.count > 1000 && streamed.stdout == whole.stdout, "\(command)")
            }
            let a = try ToolProcess.run(["analyze", "--quiet", "--out", tmp.sub("a")] + paths)
            let b = try ToolProcess.run(["analyze", "--quiet", "--out", tmp.sub("b")] + paths, environment: everyCall)
            #expect(a.status == 0 && b.status == 0)
            let first = try TemporaryFolder.snapshot(tmp.sub("a")), second = try TemporaryFolder.snapshot(tmp.sub("b"))
            #expect(first.count >= 5 && first == second)
        }
    }

    @Test func aBadStreamingSizeIsNamed() throws {
        let run = try ToolProcess.run(["parse", Self.corpus], environment: ["TUIWEI_STREAM_MB": "lots"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("TUIWEI_STREAM_MB is 'lots'"))
    }
}
