import Foundation
import Testing
import TuiweiTestSupport
@testable import TuiweiSegmentation

@Suite("Double-array trie")
struct DictionaryTrieTests {
    /// The shipped dictionary's words with their weights, the later entry winning, read with the
    /// same parser as the segmenter but stored in a plain dictionary.
    static let reference: (words: [[UInt32]: Float], order: [[UInt32]]) = {
        let path = Shipped.dictionaryDirectory + "/" + Segmenter.dictionaryFileName
        let bytes = try! FileBytes.read(path)
        var words: [[UInt32]: Float] = [:]
        var order: [[UInt32]] = []
        try! bytes.withUnsafeBufferPointer { b in
            try DictionaryFile.parse(b, file: path) { word, frequency, _ in
                let f = frequency ?? 0
                if words[word] == nil { order.append(word) }
                words[word] = f > 0 ? Float(Foundation.log(Double(f))) : DictionaryTrie.removed
            }
        }
        return (words, order)
    }()

    /// Every word of `reference` has its weight in `trie`; every proper prefix that is not a word is
    /// `notWord`. Returns the number of mismatches (checking stops being verbose after a few).
    static func mismatches(_ trie: DictionaryTrie, _ words: [[UInt32]: Float]) -> Int {
        var bad = 0
        for (word, weight) in words {
            if trie.weight(of: word) != weight { bad += 1 }
            for k in 1..<word.count where words[Array(word[0..<k])] == nil {
                if trie.weight(of: word[0..<k]) != DictionaryTrie.notWord { bad += 1 }
            }
        }
        return bad
    }

    @Test("the built trie agrees with a plain lookup on every dictionary word and prefix")
    func everyWord() {
        let trie = Shipped.segmenter.dictionary.trie
        let words = Self.reference.words
        #expect(words.count > 340_000)
        #expect(Self.mismatches(trie, words) == 0)
        #expect(trie.count == Set(words.keys.flatMap { w in (1...w.count).map { Array(w[0..<$0]) } }).count)
    }

    @Test("random strings that are not words are not found")
    func nonWords() {
        let trie = Shipped.segmenter.dictionary.trie
        let words = Self.reference.words
        let alphabet = Array(Set(words.keys.flatMap { $0 })).sorted() + [0x41, 0x20001, 0x10FFFF, 0x3000]
        var rng = SystemRandomNumberGenerator()
        var tried = 0, found = 0
        for _ in 0..<50_000 {
            let length = Int.random(in: 1...5, using: &rng)
            let s = (0..<length).map { _ in alphabet.randomElement(using: &rng)! }
            let expected = words[s] ?? DictionaryTrie.notWord
            if trie.weight(of: s) != expected { found += 1 }
            tried += 1
        }
        #expect(tried == 50_000)
        #expect(found == 0)
    }

    @Test("words added one by one, with new characters and moved nodes, keep every other word")
    func addedWords() {
        var trie = Shipped.segmenter.dictionary.trie
        var words = Self.reference.words
        var rng = SystemRandomNumberGenerator()
        let common = Array("的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要".unicodeScalars.map(\.value))
        for i in 0..<800 {
            var w: [UInt32] = (0..<Int.random(in: 1...4, using: &rng)).map { _ in common.randomElement(using: &rng)! }
            // Some words bring characters no word had, in and above the BMP.
            if i % 7 == 0 { w.append(0xE000 + UInt32(i)) }
            if i % 11 == 0 { w.insert(0x30000 + UInt32(i), at: 0) }
            let weight = Float(i % 40)
            trie.setWeight(weight, for: w)
            words[w] = weight
        }
        trie.setWeight(DictionaryTrie.removed, for: Array("清华大学".unicodeScalars.map(\.value)))
        words[Array("清华大学".unicodeScalars.map(\.value))] = DictionaryTrie.removed
        #expect(Self.mismatches(trie, words) == 0)
        // The shared segmenter's trie is untouched.
        #expect(Shipped.segmenter.dictionary.trie.weight(of: Array("清华大学".unicodeScalars.map(\.value))) >= 0)
    }

    @Test("the compiled cache reads back the very same tables")
    func cacheRoundTrip() throws {
        let folder = try TemporaryFolder("cache-test")
        defer { folder.remove() }
        let cache = folder.sub("cache")
        let built = try Segmenter.load(directory: Shipped.dictionaryDirectory, cacheDirectory: cache)
        let read = try Segmenter.load(directory: Shipped.dictionaryDirectory, cacheDirectory: cache)
        let a = built.dictionary.trie, b = read.dictionary.trie
        #expect(a.units == b.units)
        #expect(a.codeTable == b.codeTable)
        #expect(a.wideCodes == b.wideCodes)
        #expect(a.weights == b.weights)
        #expect(a.codeCount == b.codeCount && a.count == b.count)
        #expect(built.dictionary.scores.elementsEqual(read.dictionary.scores) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(built.totalFrequency == read.totalFrequency)
        // Every base leaves room for every code, so lookups need no bounds test.
        let maxBase = b.units.map { DictionaryTrie.base($0) }.max() ?? 0
        #expect(maxBase + b.codeCount <= b.units.count)
    }

    @Test("the code table gives each scalar's class, and full-width ASCII the code of its ASCII form")
    func codeTable() {
        let trie = Shipped.segmenter.dictionary.trie
        var wrongClass = 0, wrongFold = 0
        for v in 0..<UInt32(DictionaryTrie.codeTableSize) {
            let t = trie.codeTable[Int(v)]
            if t >> DictionaryTrie.classShift != UInt32(ScalarClass.of(v).rawValue) { wrongClass += 1 }
            if v >= 0xFF01 && v <= 0xFF5E && t & DictionaryTrie.codeMask != trie.codeTable[Int(v - 0xFEE0)] & DictionaryTrie.codeMask {
                wrongFold += 1
            }
        }
        #expect(wrongClass == 0 && wrongFold == 0)
        // Frequent characters get small codes.
        #expect(trie.code(0x7684) < 100)  // 的
        #expect(trie.code(0x41) > 0)  // A, in words such as B超 and 卡拉OK
    }
}
