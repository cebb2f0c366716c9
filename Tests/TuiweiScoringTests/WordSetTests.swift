import Testing
import TuiweiAggregates
import TuiweiTestSupport
import TuiweiCore
@testable import TuiweiScoring

@Suite struct WordSetTests {
    /// Words as the scorer meets them, and spellings that equal some of them only as strings:
    /// a decomposed é, a CJK compatibility ideograph (U+F900 is canonically U+8C48), a combining
    /// tone mark, an emoji with a skin tone.
    private let pool = ["的", "了", "我们", "工会", "你好", "嗯", "对", "是", "谢谢", "，", "。", "？", "“", "…", "ok", "OK", "Ｏｋ",
                        "é", "e\u{301}", "\u{8C48}", "\u{F900}", "\u{8C48}工会", "\u{F900}工会", "好\u{302A}", "👍🏽", "", " ", "〇", "㐀"]

    private func randomWords(_ rng: inout SplitMix64, count: Int) -> [String] {
        (0..<count).map { _ in
            let a = pool[Int.random(in: 0..<pool.count, using: &rng)]
            return Int.random(in: 0..<4, using: &rng) == 0 ? a + pool[Int.random(in: 0..<pool.count, using: &rng)] : a
        }
    }

    @Test func containsAsAStringSet() {
        var rng = SplitMix64(seed: 9)
        for _ in 0..<300 {
            let members = randomWords(&rng, count: Int.random(in: 0...12, using: &rng))
            let strings = Set(members), words = WordSet(members)
            for w in pool + randomWords(&rng, count: 40) { #expect(words.contains(w) == strings.contains(w), "\(w) in \(members)") }
        }
    }

    @Test func shippedListsAsStringSets() {
        let lists = [Array(shipped.stopWords), shipped.cues["filler"], shipped.cues["greeting"]]
        let all = lists.flatMap { $0 }
        let words = WordSet(all), strings = Set(all)
        for w in all + pool + all.map({ $0 + "了" }) { #expect(words.contains(w) == strings.contains(w)) }
        #expect(shipped.nonContentWords.contains("的") && !shipped.nonContentWords.contains("工会"))
    }

    @Test func askedWordsAsStringSets() {
        var rng = SplitMix64(seed: 4)
        for _ in 0..<300 {
            let question = randomWords(&rng, count: Int.random(in: 0...10, using: &rng))
            let answer = randomWords(&rng, count: Int.random(in: 0...10, using: &rng))
            let asked = AskedWords(question, answer: answer), strings = Set(question)
            #expect(asked.count == strings.count)
            #expect(asked.isEmpty == strings.isEmpty)
            #expect(asked.shared(with: answer).sorted() == strings.intersection(answer).sorted())
            for w in answer { #expect(asked.contains(w) == strings.contains(w)) }
        }
    }

    @Test func plainnessFromBytesAsFromScalars() {
        var rng = SplitMix64(seed: 2)
        let scalars: [UInt32] = [0x41, 0x7F, 0xE9, 0x301, 0x2010, 0x2026, 0x2027, 0x2028, 0x3000, 0x3029, 0x302A, 0x302F, 0x3030, 0x303F,
                                 0x3099, 0x33FF, 0x3400, 0x4DBF, 0x4DC0, 0x4E00, 0x9FFF, 0xA000, 0xF900, 0xFF01, 0xFF5E, 0xFF5F, 0x1F44D]
        for _ in 0..<2000 {
            let word = String(String.UnicodeScalarView((0..<Int.random(in: 0...4, using: &rng)).map { _ in
                Unicode.Scalar(scalars[Int.random(in: 0..<scalars.count, using: &rng)])!
            }))
            let fromScalars = word.unicodeScalars.allSatisfy { UTF8Key.isPlain(scalar: $0.value) }
            #expect(Array(word.utf8).withUnsafeBufferPointer(UTF8Key.isPlain(utf8:)) == fromScalars)
            #expect(UTF8Key.isPlain(word) == fromScalars)
        }
    }

    @Test func bytesEqualityAndHash() {
        for a in pool {
            for b in pool {
                #expect((UTF8Key(a) == UTF8Key(b)) == (Array(a.utf8) == Array(b.utf8)))
                if UTF8Key.isPlain(a) && UTF8Key.isPlain(b) { #expect((UTF8Key(a) == UTF8Key(b)) == (a == b)) }
            }
            #expect(Set([UTF8Key(a), UTF8Key(String(a.unicodeScalars))]).count == 1)
        }
    }

    @Test func ngramsWithEitherStopWordSet() {
        let words = ["我们", "的", "工会", "，", "政府", "统一", "管理", "了", "一", "个", "人", "防控", " ", "", "。", "工会", "组织", "的", "工作"]
        let stop: Set<String> = ["我们", "的", "了"]
        for n in 1...4 {
            #expect(wordNgrams(words, n: n, stopWords: WordSet(stop)) == wordNgrams(words, n: n, stopWords: stop))
            // Counted without being made, the same phrases.
            #expect(wordNgramCount(words, n: n, stopWords: WordSet(stop)) == wordNgrams(words, n: n, stopWords: stop).count)
        }
        #expect(wordNgrams(words, n: 3, stopWords: stop) == ["政府统一管理", "管理了一", "个人防控", "组织的工作"])
    }
}
