import Testing
import TuiweiCore
import TuiweiTranscript
@testable import tuiwei

/// `tuiwei parse --explain` shows, for each label candidate and each speaker, what decided it.
@Suite struct ParseExplainTests {
    @Test func labelsAndSpeakersCarryTheirEvidence() throws {
        let d = TranscriptReader.parse(text: "索引号：1\n记者：请问工资发了吗？\n工作人员：发了。\n记者：什么时候？\n工作人员：上个月。",
                                       id: "t", path: "t.txt")
        let text = StructureText.describe(d, links: [], explain: true)
        #expect(text.contains("'索引号' ×1 → not a label: '索引号' is a metadata field"))
        #expect(text.contains("'工作人员' ×2 → speaker '工作人员'"))
        #expect(text.contains("why: side answerer; role word '工作人员' (official); official: role word '工作人员'"))
        #expect(!StructureText.describe(d, links: []).contains("why:"), "without --explain the evidence is left out")
        let json = StructureJSON.document(d, links: [], explain: true)
        let labels = try #require(json["labels"] as? [[String: Any]])
        #expect(labels.count == 3)
        let calls = try #require(json["calls"] as? [[String: Any]])
        let speakers = try #require(calls.first?["speakers"] as? [[String: Any]])
        #expect(speakers.contains { $0["official"] as? Bool == true && ($0["evidence"] as? [String])?.isEmpty == false })
    }

    /// A document's line written a call at a time is the line of the whole object, for documents
    /// of no call, one call and several, with and without the evidence.
    @Test func aDocumentWrittenCallByCallIsItsWholeLine() {
        let root = ToolProcess.root
        let documents = TranscriptReader.readDocuments(at: [root + "/corpus", root + "/Tests/Fixtures/dev/transcripts"])
        let links = TranscriptReader.duplicates(in: documents)
        #expect(documents.contains { $0.calls.isEmpty } && documents.contains { $0.calls.count > 1 })
        for d in documents {
            for explain in [false, true] {
                var written = ""
                StructureJSON.writeDocument(d, links: links, explain: explain) { written += $0 }
                #expect(written == StructureJSON.line(StructureJSON.document(d, links: links, explain: explain)), "\(d.id)")
            }
        }
    }
}
