import Testing
import TuiweiCore
import TuiweiTranscript
@testable import TuiweiLexicon

@Suite struct LexiconMinerTests {
    @Test func officialPhrasesRankAboveSharedOnes() {
        let official = (0..<5).map { LexiconMiner.Text(text: "这个要看具体情况，我们再研究。", label: "o\($0)", tokens: nil) }
        let reference = (0..<5).map { LexiconMiner.Text(text: "具体情况是什么？", label: "r\($0)", tokens: nil) }
        let found = LexiconMiner(minimumCount: 3).mine(official: official, reference: reference,
                                                        detector: detector("HEDGE\t可能\n"))
        let phrases = found.map(\.phrase)
        #expect(phrases.contains { $0.contains("再研究") })
        #expect(!phrases.contains("具体情况"), "shared with callers")
        #expect(found.first?.examples.first?.contains("【") == true)
    }

    @Test func coveredPhrasesAreLeftOut() {
        let official = (0..<4).map { LexiconMiner.Text(text: "我们再研究。", label: "o\($0)", tokens: nil) }
        let found = LexiconMiner(minimumCount: 2).mine(official: official, reference: [],
                                                        detector: detector("VAGUE_FUTURE\t再研究\n"))
        #expect(!found.contains { $0.phrase.contains("再研究") })
    }

    @Test func minesTheBundledCorpus() throws {
        let corpus = try #require(ProjectLayout.corpusDirectory())
        let documents = TranscriptReader.readDocuments(at: [corpus])
        var official: [LexiconMiner.Text] = []
        var reference: [LexiconMiner.Text] = []
        for d in documents {
            for c in d.calls {
                for t in c.turns {
                    let x = LexiconMiner.Text(text: t.text, label: d.id, tokens: nil)
                    if t.role == .official { official.append(x) } else { reference.append(x) }
                }
            }
            reference += d.paragraphs.map { LexiconMiner.Text(text: $0.text, label: d.id, tokens: nil) }
        }
        let found = LexiconMiner(minimumCount: 3, limit: 20).mine(official: official, reference: reference, detector: shippedDetector)
        #expect(!found.isEmpty)
        #expect(found.count <= 20)
        #expect(zip(found, found.dropFirst()).allSatisfy { $0.score >= $1.score })
        for c in found {
            let covered = shippedDetector.candidates(in: shippedDetector.lexicon.normaliser.fold(c.phrase))
                .contains { shippedDetector.lexicon.entries[$0.entry].category.code != nil }
            #expect(!covered, "\(c.phrase) is already in the lexicon")
        }
    }
}
