import Foundation
import Testing
import TuiweiCore
@testable import TuiweiTranscript

/// A transcript in traditional script, made from a bundled one with the shipped character table.
enum TraditionalCorpus {
    static func convert(_ text: String) throws -> String {
        let table = try String(contentsOfFile: SampleCorpus.root + "/lexicons/script/traditional-simplified.tsv", encoding: .utf8)
        var toTraditional: [Character: Character] = [:]
        for line in table.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t")
            if f.count >= 2, f[0].count == 1, f[1].count == 1, toTraditional[f[1].first!] == nil {
                toTraditional[f[1].first!] = f[0].first!
            }
        }
        return String(text.map { toTraditional[$0] ?? $0 })
    }

    static func document(_ prefix: String) throws -> (simplified: Document, traditional: Document) {
        let simplified = SampleCorpus.document(prefix)
        let text = try String(contentsOfFile: simplified.path, encoding: .utf8)
        return (simplified, TranscriptReader.parse(text: try convert(text), id: simplified.id, path: simplified.path))
    }
}

@Suite struct TraditionalScriptTests {
    @Test func aTraditionalTranscriptHasTheSameStructure() throws {
        let (s, t) = try TraditionalCorpus.document("002")
        #expect(t.calls.count == 2)
        #expect(t.calls.map { $0.turns.count } == s.calls.map { $0.turns.count })
        #expect(t.calls[0].events.map(\.kind) == [.hangUp, .refusedCallBack])
        #expect(t.calls[0].speakers.map(\.role) == s.calls[0].speakers.map(\.role))
        let official = try #require(t.calls[1].speakers.first { $0.role == .official })
        // Names are reported as written, in the document's own script.
        #expect(official.department == "勞動和經濟工作部")
        #expect(official.organisation == "安陽市總工會")
        #expect(official.surname == "李")
        #expect(t.calls[1].speakers.first { $0.role == .caller }?.organisation == "中國勞工通訊")
    }

    @Test func traditionalHeadersAndMarkersAreRecognised() {
        #expect(CallHeader.parse(Array("第二通電話 安陽市總工會 勞動和經濟工作部".unicodeScalars), conventions: .standard)
                == CallHeader(organisation: "安陽市總工會", department: "勞動和經濟工作部", person: nil))
        #expect(EventMarker.kind(of: Array("——電話被掛斷——".unicodeScalars), conventions: .standard) == .hangUp)
        #expect(SpeakerAttributes.selfStatedDepartment("這邊是辦公室。", .standard) == "辦公室")
        #expect(SpeakerAttributes.selfStatedSurname("免貴姓張。", .standard) == "張")
    }
}
