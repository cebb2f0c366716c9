import Foundation
import Testing
import TuiweiCore
import TuiweiLexicon
import TuiweiTranscript
import TuiweiTestSupport
@testable import TuiweiPipeline

/// The pieces of the tuning loop a run relies on: one judgement of what set-up is an error, the
/// layout of a copied lexicon folder, and phrases mined as whole words.
@Suite struct TuningLoopTests {
    static let detection = Result { try DeflectionDetection.load() }

    /// Writes `files` (name → text) into `folder`; its path.
    static func write(_ files: [String: String], into folder: TemporaryFolder) throws -> String {
        for (name, text) in files { try folder.write(name, text) }
        return folder.path
    }

    @Test func theCheckAndTheRunRefuseTheSameEntries() throws {
        let tmp = try TemporaryFolder("loop")
        defer { tmp.remove() }
        let dir = try Self.write([
            // Line 3 repeats line 2; line 4 can never match (a :start entry opening with a filler).
            "bad.tsv": "# mine\nGATEKEEPING\t采访函\nGATEKEEPING\t采访函\nDIRECT:start\t嗯好\n",
            "good.tsv": "GATEKEEPING\t(发|要)…采访函\n",
        ], into: tmp)
        let layout = try LexiconLayout.shipped()
        let bad = dir + "/bad.tsv"
        let checked = LexiconSetup.check(layout: layout, extra: [bad], defaults: true, dictionary: false).diagnostics.filter { $0.severity == .error }
        #expect(checked.map(\.line) == [3, 4], "\(checked)")
        do {
            _ = try AnalysisEngine.load(lexicons: [bad])
            Issue.record("the run accepted a set-up the check rejects")
        } catch let e as LexiconError {
            #expect(e.diagnostics.filter { $0.severity == .error } == checked)
        }
        // A set-up the check passes, the run loads, with the entry in it.
        let good = dir + "/good.tsv"
        #expect(!LexiconSetup.check(layout: layout, extra: [good], defaults: true, dictionary: false).diagnostics.contains { $0.severity == .error })
        let engine = try AnalysisEngine.load(lexicons: [good])
        #expect(engine.detection.detector.lexicon.entries.contains { $0.rule.file.hasSuffix("good.tsv") })
        // The shipped folder named again is read once, not reported as duplicating itself.
        #expect(!LexiconSetup.check(layout: layout, extra: [layout.deflection], defaults: true, dictionary: false).diagnostics.contains { $0.severity == .error })
    }

    @Test func aCopiedFolderReplacesThePartsItHoldsAndNamesTheOthers() throws {
        let shipped = try LexiconLayout.shipped()
        let tmp = try TemporaryFolder("loop")
        defer { tmp.remove() }
        let dir = try Self.write(["deflection/mine.tsv": "GATEKEEPING\t采访函\n", "scoring/weights.tsv": "grade.1\t1\ngrade.2\t2\ngrade.3\t3\n"], into: tmp)
        let layout = try LexiconLayout.resolve(copy: dir, weights: nil)
        #expect(layout.deflection == dir + "/deflection")
        #expect(layout.weights == dir + "/scoring/weights.tsv")
        #expect(layout.transcript == shipped.transcript)
        #expect(layout.fallbacks == [.script, .transcript, .dictionary])
        #expect(layout.note?.contains("script/, transcript/, dictionary/") == true)
        #expect(!layout.shipsDeflection)
        // --weights wins over the copy's weights.tsv.
        #expect(try LexiconLayout.resolve(copy: dir, weights: shipped.weights).weights == shipped.weights)
        // A folder with none of the parts is named, with what to do.
        let other = try TemporaryFolder("loop")
        defer { other.remove() }
        let empty = try Self.write(["x.tsv": "GATEKEEPING\t采访函\n"], into: other)
        #expect(throws: Diagnostic.self) { try LexiconLayout.resolve(copy: empty, weights: nil) }
        #expect(throws: Diagnostic.self) { try LexiconLayout.resolve(copy: nil, weights: empty + "/missing.tsv") }
    }

    @Test func minedPhrasesAreWholeWords() throws {
        let detection = try Self.detection.get()
        let text = "这个情况大家都知道，的确是这样。"
        let questions = ["你好，请问这个事情怎么办？", "那么工人怎么办？", "还有别的办法吗？", "好的，谢谢您。"]
        let dialogue = questions.map { "记者：\($0)\n官员：\(text)\n" }.joined()
        let documents = [TranscriptReader.parse(text: dialogue, id: "m", path: "m.txt")]
        #expect(documents[0].calls.first?.officialTurns.count == 4)
        let found = detection.minePhrases(in: documents, miner: LexiconMiner(minimumCount: 2, maximumWords: 2)).candidates
        let phrases = found.map(\.phrase)
        #expect(phrases.contains("这个情况"), "\(phrases)")
        #expect(!phrases.contains { $0.hasPrefix("个") || $0.hasSuffix("这") || $0.hasPrefix("的") }, "\(phrases)")
        // Every candidate begins and ends where a word of the text begins and ends.
        let segmenter = try #require(detection.segmenter)
        let words = segmenter.tokens(in: text, options: .init(separateMeasureWords: false)).map(\.scalarRange)
        let scalars = Array(text.unicodeScalars)
        for p in phrases {
            let n = p.unicodeScalars.count
            let starts = words.map(\.lowerBound).filter { $0 + n <= scalars.count && String(String.UnicodeScalarView(scalars[$0..<($0 + n)])) == p }
            #expect(starts.contains { s in words.contains { $0.upperBound == s + n } }, "\(p) is not made of whole words")
        }
    }
}
