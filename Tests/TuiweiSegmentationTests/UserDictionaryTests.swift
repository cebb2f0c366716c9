import Foundation
import Testing
import TuiweiCore
import TuiweiTestSupport
@testable import TuiweiSegmentation

@Suite("User dictionaries and word edits")
struct UserDictionaryTests {
    @Test("BOM, CRLF, blank lines, tags, missing frequencies and words with spaces load")
    func tolerantFormat() throws {
        let text = "\u{FEFF}杭研大厦 10 nt\r\n\r\n  \r\n攀钢重庆钛业 n\r\nNew York 5\r\n钛业集团\r\n"
        let folder = try TemporaryFolder("seg-test")
        defer { folder.remove() }
        let path = try folder.write("dict.txt", bytes: Array(text.utf8))
        var seg = Shipped.segmenter
        try seg.loadUserDictionary(at: path)
        #expect(seg.frequency(of: "杭研大厦") == 10)
        #expect(seg.frequency(of: "New York") == 5)
        #expect(seg.frequency(of: "攀钢重庆钛业") > 0)
        #expect(seg.cut("攀钢重庆钛业聚集性感染事件").first == "攀钢重庆钛业")
        #expect(seg.cut("钛业集团复工") .first == "钛业集团")
        // The shared value is untouched.
        #expect(Shipped.segmenter.frequency(of: "攀钢重庆钛业") == 0)
    }

    @Test("user dictionaries stack on the main one through load(directory:userDictionaries:)")
    func stacking() throws {
        let folder = try TemporaryFolder("seg-test")
        defer { folder.remove() }
        let a = try folder.write("a.txt", bytes: Array("杭研 5\n".utf8))
        let b = try folder.write("b.txt", bytes: Array("杭研大厦 50\n".utf8))
        let seg = try Segmenter.load(directory: Shipped.dictionaryDirectory, userDictionaries: [a, b], cacheDirectory: Shipped.cacheDirectory)
        #expect(seg.frequency(of: "杭研") == 5)
        #expect(seg.frequency(of: "杭研大厦") == 50)
        #expect(seg.frequency(of: "清华大学") == 922)
    }

    @Test("a malformed line is an error naming the file and line", arguments: [
        ("工会 12 n\n总工会 12x n\n", 2),
        ("工会 5\n\n\n工会主席 -3\n", 4),
        ("工会 3.5\n", 1),
    ])
    func malformed(text: String, line: Int) throws {
        let folder = try TemporaryFolder("seg-test")
        defer { folder.remove() }
        let path = try folder.write("dict.txt", bytes: Array(text.utf8))
        var seg = Shipped.segmenter
        do {
            try seg.loadUserDictionary(at: path)
            Issue.record("no error for \(text)")
        } catch let d as Diagnostic {
            #expect(d.file == path)
            #expect(d.line == line)
            #expect(d.description.hasPrefix("\(path):\(line): error: frequency"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("invalid UTF-8 is an error on its line; a missing file names the file")
    func badBytes() throws {
        let folder = try TemporaryFolder("seg-test")
        defer { folder.remove() }
        let path = try folder.write("dict.txt", bytes: Array("工会 3\n".utf8) + [0xE5, 0x20, 0x33, 0x0A])
        var seg = Shipped.segmenter
        let bad = #expect(throws: Diagnostic.self) { try seg.loadUserDictionary(at: path) }
        #expect(bad?.line == 2)
        let missing = #expect(throws: Diagnostic.self) { try seg.loadUserDictionary(at: "/nonexistent/user.dict") }
        #expect(missing?.file == "/nonexistent/user.dict")
    }

    @Test("a removed word is split, also when the HMM would form it")
    func removeWord() {
        var seg = Shipped.segmenter
        #expect(seg.cut("我来到北京清华大学") == ["我", "来到", "北京", "清华大学"])
        seg.removeWord("清华大学")
        #expect(seg.cut("我来到北京清华大学") == ["我", "来到", "北京", "清华", "大学"])
        #expect(seg.frequency(of: "清华大学") == 0)
        seg.removeWord("杭研")
        #expect(!seg.cut("他来到了网易杭研大厦").contains("杭研"))
    }

    @Test("an added word without a frequency wins where it applies")
    func addWord() {
        var seg = Shipped.segmenter
        #expect(seg.cut("如果放到post中将出错") .contains("中将"))
        seg.addWord("中")
        seg.addWord("将")
        seg.addWord("台中")
        #expect(seg.cut("「台中」正确应该不会被切开") .contains("台中"))
        #expect(!seg.cut("他来到了网易杭研大厦").contains("杭研大厦"))
        seg.addWord("杭研大厦")
        #expect(seg.cut("他来到了网易杭研大厦").contains("杭研大厦"))
        #expect(seg.frequency(of: "杭研大厦") >= 1)
        seg.addWord("工会干事", frequency: 7)
        #expect(seg.frequency(of: "工会干事") == 7)
        #expect(seg.cut("他是工会干事") == ["他", "是", "工会干事"])
    }

    @Test("many added words grow the table and keep every word")
    func growth() {
        var trie = DictionaryTrie()
        var words: [[UInt32]] = []
        for i in 0..<5000 {
            let w: [UInt32] = [0x4E00 + UInt32(i % 97), 0x4E00 + UInt32(i / 97), 0x20000 + UInt32(i % 7)]
            words.append(w)
            trie.setWeight(Float(i % 50), for: w)
        }
        for (i, w) in words.enumerated() {
            #expect(trie.weight(of: w) == Float(i % 50))
            #expect(trie.weight(of: w.dropLast()) == DictionaryTrie.notWord)
        }
        // One node per distinct prefix: 97 first characters, 5,000 two-character prefixes, 5,000 words.
        #expect(trie.count == 97 + 5000 + 5000)
    }

    @Test("user words with a space inside match running text; other spaces still part words")
    func spacedWords() throws {
        var seg = Shipped.segmenter
        let corpus = try String(contentsOfFile: Shipped.root + "/corpus/003_e043e29df6182c7d.txt", encoding: .utf8)
        let before = seg.tokens(in: corpus)
        seg.addWord("New York", frequency: 20)
        seg.addWord("工会 主席", frequency: 20)
        #expect(seg.cut("他在New York工作") == ["他", "在", "New York", "工作"])
        #expect(seg.tokens(in: "在New York").last?.kind == .latin)
        #expect(seg.cut("去Hong Kong开会") == ["去", "Hong", "Kong", "开会"])
        #expect(seg.cut("New  York") == ["New", "York"])  // two spaces: not the word
        #expect(seg.cut("他是工会 主席") == ["他", "是", "工会 主席"])
        #expect(seg.cut("工会 会员 主席") == ["工会", "会员", "主席"])
        // Text without the spaced words segments exactly as before.
        #expect(seg.tokens(in: corpus) == before)
    }
}
