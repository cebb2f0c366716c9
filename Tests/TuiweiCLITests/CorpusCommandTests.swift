import Foundation
import Testing
import TuiweiCore
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
}
