import Foundation
import Testing
import TuiweiCore
@testable import TuiweiSegmentation

@Suite("Token offsets")
struct OffsetTests {
    let seg = Shipped.segmenter

    static let samples = [
        "ＣＬＢ：喂，请问是巴南区总工会吗？ 投资兴业，招商咨询电话 023-43765699。",
        "  AK47和2020年的３．５％，  嗯……\t我們來到臺灣😀𠀀 B超 e\u{301}cole",
        "增长31.8%，共1,000元；iPhone12、C++和.NET",
    ]

    @Test("every token's offsets slice back to its text; tokens cover every non-space scalar in order",
          arguments: samples)
    func roundTrip(text: String) {
        let scalars = Array(text.unicodeScalars)
        let utf8 = Array(text.utf8)
        var covered: [Unicode.Scalar] = []
        var last = 0
        for t in seg.tokens(in: text) {
            #expect(t.scalarRange.lowerBound >= last)
            last = t.scalarRange.upperBound
            let byScalars = String(String.UnicodeScalarView(scalars[t.scalarRange]))
            let byBytes = String(decoding: utf8[t.utf8Range], as: UTF8.self)
            #expect(byScalars == byBytes)
            #expect(t.text(in: text) == byScalars)
            covered += scalars[t.scalarRange]
        }
        let nonSpace = scalars.filter { ScalarClass.of($0.value) != .space }
        #expect(covered == nonSpace)
    }

    @Test("with and without the HMM, over the whole corpus, coverage holds")
    func corpusCoverage() throws {
        let dir = Shipped.root + "/corpus"
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".txt") }
        #expect(!files.isEmpty)
        for f in files {
            let text = try String(contentsOfFile: dir + "/" + f, encoding: .utf8)
            for hmm in [true, false] {
                let tokens = seg.tokens(in: text, options: .init(hmm: hmm))
                let joined = tokens.map { $0.text(in: text) }.joined()
                #expect(joined.unicodeScalars.elementsEqual(text.unicodeScalars.filter { ScalarClass.of($0.value) != .space }))
            }
        }
    }

    @Test("one segmenter shared by concurrent tasks gives the same tokens as one task")
    func concurrent() async {
        let texts = Self.samples + ["他来到了网易杭研大厦", "工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作"]
        let expected = texts.map { seg.tokens(in: $0) }
        let shared = seg
        let results = await withTaskGroup(of: (Int, [Token]).self) { group in
            for round in 0..<8 {
                for (i, t) in texts.enumerated() {
                    group.addTask { (i + 0 * round, shared.tokens(in: t)) }
                }
            }
            var out: [(Int, [Token])] = []
            for await r in group { out.append(r) }
            return out
        }
        #expect(results.count == texts.count * 8)
        for (i, tokens) in results { #expect(tokens == expected[i]) }
    }

    @Test("bytes that are not UTF-8 become one .other token each and are never read past")
    func invalidBytes() {
        let bytes: [UInt8] = Array("工会".utf8) + [0xE5, 0xB7]
        let tokens = bytes.withUnsafeBufferPointer { seg.tokens(utf8: $0) }
        #expect(tokens.map(\.utf8Range) == [0..<6, 6..<7, 7..<8])
        #expect(tokens.map(\.kind) == [.word, .other, .other])
    }

    @Test("a text longer than one working piece segments as its lines and sentences do, offsets and all")
    func longText() throws {
        let dir = Shipped.root + "/corpus"
        let corpus = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".txt") }.sorted()
            .map { try String(contentsOfFile: dir + "/" + $0, encoding: .utf8) }.joined(separator: "\n")
        // With line breaks: pieces are cut at whitespace.
        let text = String(repeating: corpus + "\n", count: 2)
        #expect(text.utf8.count > 1 << 17)
        var expected: [Token] = []
        var scalarBase = 0, byteBase = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            for t in seg.tokens(in: String(line)) {
                expected.append(Token(scalarRange: (t.scalarRange.lowerBound + scalarBase)..<(t.scalarRange.upperBound + scalarBase),
                                      utf8Range: (t.utf8Range.lowerBound + byteBase)..<(t.utf8Range.upperBound + byteBase), kind: t.kind))
            }
            scalarBase += line.unicodeScalars.count + 1
            byteBase += line.utf8.count + 1
        }
        #expect(seg.tokens(in: text) == expected)
        // Without whitespace: pieces are cut after a full stop.
        let dense = String(String.UnicodeScalarView(text.unicodeScalars.filter { ScalarClass.of($0.value) != .space }))
        let sentences = dense.split(separator: "。", omittingEmptySubsequences: false)
        let bySentence = sentences.enumerated().flatMap { i, s in seg.words(in: String(s) + (i < sentences.count - 1 ? "。" : "")) }
        #expect(seg.words(in: dense) == bySentence)
    }

    @Test("a huge run with nowhere to cut is still segmented in bounded pieces, covering every scalar")
    func hugeRun() {
        let text = String(repeating: "ab", count: 50_000) + "工会" + String(repeating: "７", count: 40_000)
        let tokens = seg.tokens(in: text)
        #expect(tokens.map { $0.text(in: text) }.joined() == text)
        #expect(tokens.contains { $0.text(in: text) == "工会" })
        #expect(tokens.allSatisfy { $0.utf8Range.count <= 1 << 16 })
    }
}

@Suite("Streaming tokens")
struct StreamingTests {
    @Test("segment(utf8:) hands over the same tokens as tokens(utf8:), line by line and whole")
    func sameAsTokens() throws {
        let seg = Shipped.segmenter
        let text = try String(contentsOfFile: Shipped.root + "/corpus/000_43baa8c35279a078.txt", encoding: .utf8)
        for line in text.split(separator: "\n").map(String.init) + [text] {
            var line = line
            line.withUTF8 { b in
                var streamed: [Token] = []
                seg.segment(utf8: b) { streamed.append($0) }
                #expect(streamed == seg.tokens(utf8: b))
            }
        }
    }
}
