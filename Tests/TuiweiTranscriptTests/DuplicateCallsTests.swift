import Foundation
import Testing
import TuiweiCore
@testable import TuiweiTranscript

@Suite struct DuplicateCallsTests {
    static let original = SampleCorpus.document("000")
    static let excerpt = SampleCorpus.document("001")

    /// The call of `d` under another document id.
    static func renamed(_ d: Document, _ id: String) -> DuplicateCalls.Fingerprint {
        let f = DuplicateCalls.fingerprints(of: d)[0]
        return DuplicateCalls.Fingerprint(document: id, call: f.call, shingles: f.shingles, short: f.short)
    }

    @Test func theExcerptIsLinkedWhicheverComesFirst() {
        let a = DuplicateCalls.find([Self.renamed(Self.excerpt, "a"), Self.renamed(Self.original, "b")])
        let b = DuplicateCalls.find([Self.renamed(Self.original, "a"), Self.renamed(Self.excerpt, "b")])
        #expect(a.map(\.document) == ["a"] && a.map(\.original) == ["b"])
        #expect(b.map(\.document) == ["b"] && b.map(\.original) == ["a"])
    }

    @Test func aFingerprintIsSmallAndSortedAndFindsTheSameThroughTheIndex() {
        let f = DuplicateCalls.fingerprints(of: Self.original)[0]
        let officialScalars = Self.original.calls[0].officialTurns.reduce(0) { $0 + $1.text.unicodeScalars.count }
        #expect(f.shingles.count >= 4 && f.shingles.count < officialScalars / 32)
        #expect(f.shingles == f.shingles.sorted() && Set(f.shingles).count == f.shingles.count)
        var index = DuplicateCalls.Index()
        for d in SampleCorpus.documents { for f in DuplicateCalls.fingerprints(of: d) { index.add(f) } }
        #expect(index.links() == TranscriptReader.duplicates(in: SampleCorpus.documents))
    }

    /// Shingles fall in every bucket of the index, and every one is counted: an excerpt made of
    /// every other shingle of a call is wholly contained in it and covers exactly half of it,
    /// in whatever order the calls are added.
    @Test func everySharedShingleCountsWhateverItsBucket() {
        let whole = (0..<600).map { UInt32($0) &* 2_654_435_761 }.sorted()
        let half = stride(from: 0, to: whole.count, by: 2).map { whole[$0] }
        #expect(Set(whole.map(DuplicateCalls.Index.bucket(of:))).count == DuplicateCalls.Index.buckets)
        let prints = [DuplicateCalls.Fingerprint(document: "whole", call: 1, shingles: whole),
                      DuplicateCalls.Fingerprint(document: "part", call: 1, shingles: half),
                      DuplicateCalls.Fingerprint(document: "other", call: 1, shingles: whole.map { $0 &+ 1 }.sorted())]
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            let links = DuplicateCalls.find(order.map { prints[$0] })
            #expect(links.map(\.document) == ["part"])
            #expect(links.first?.original == "whole")
            #expect(links.first?.containment == 1 && links.first?.coverage == 0.5)
        }
    }

    /// A call longer than a piece is read whole: a call whose shingles all fall in one bucket,
    /// over two pieces, is found again in an excerpt made of its second half.
    @Test func aCallOverManyPiecesIsReadWhole() {
        let n = 3 * DuplicateCalls.Index.pieceSize / 2
        let whole = (1...n).map { UInt32(0x7F00_0000 + $0) }
        #expect(Set(whole.map(DuplicateCalls.Index.bucket(of:))).count == 1)
        let prints = [DuplicateCalls.Fingerprint(document: "whole", call: 1, shingles: whole),
                      DuplicateCalls.Fingerprint(document: "part", call: 1, shingles: Array(whole.suffix(n / 2)))]
        let links = DuplicateCalls.find(prints)
        #expect(links.map(\.document) == ["part"])
        #expect(links.first?.containment == 1 && links.first?.coverage == 0.5)
    }

    /// Pairs of calls that can no longer share enough are not counted, but that never loses a
    /// copy: two calls of 600 shingles that share exactly half, all in the last buckets, are
    /// still linked (the later name as the copy); sharing one shingle fewer, they are not.
    @Test func halfSharedOnlyInTheLastBucketsIsStillACopy() {
        func call(_ name: String, own: UInt32, shared: Int) -> DuplicateCalls.Fingerprint {
            let mine = (0..<UInt32(600 - shared)).map { ($0 % 128) << 24 | ($0 + own) }
            let common = (0..<UInt32(shared)).map { (128 + $0 % 128) << 24 | $0 }
            return DuplicateCalls.Fingerprint(document: name, call: 1, shingles: (mine + common).sorted())
        }
        let links = DuplicateCalls.find([call("a", own: 100_000, shared: 300), call("b", own: 200_000, shared: 300)])
        #expect(links.map(\.document) == ["b"] && links.first?.original == "a")
        #expect(links.first?.containment == 0.5 && links.first?.coverage == 0.5)
        #expect(DuplicateCalls.find([call("a", own: 100_000, shared: 299), call("b", own: 200_000, shared: 299)]).isEmpty)
    }

    /// Asking for the links uses up only the index it is asked of: the index kept gives the same
    /// links again and takes more calls.
    @Test func anIndexKeptAfterItsLinksStillWorks() {
        var index = DuplicateCalls.Index()
        for f in [Self.renamed(Self.excerpt, "a"), Self.renamed(Self.original, "b")] { index.add(f) }
        let first = index.links()
        #expect(first.map(\.document) == ["a"])
        #expect(index.links() == first)
        index.add(Self.renamed(Self.excerpt, "c"))
        #expect(index.links().map(\.document) == ["a", "c"])
    }

    @Test func fiftyCopiesOfACallAreCountedOnce() {
        let copies = (0..<50).map { Self.renamed(Self.original, String(format: "copy%02d", $0)) }
        let links = DuplicateCalls.find(copies)
        #expect(links.count == 49)
        #expect(Set(links.map(\.document)) == Set(copies.dropFirst().map(\.document)))
        #expect(links.allSatisfy { $0.original == "copy00" && $0.containment == 1 })
    }

    @Test func theFullerCallIsCountedHoweverOftenItsExcerptRecurs() {
        let excerpts = (0..<60).map { Self.renamed(Self.excerpt, "excerpt\($0)") }
        let links = DuplicateCalls.find(excerpts + [Self.renamed(Self.original, "whole")])
        #expect(links.count == 60)
        #expect(!links.contains { $0.document == "whole" })
        #expect(links.allSatisfy { $0.original == "whole" })
    }

    static let shortCall = """
        第一通电话：东城区总工会
        ＣＬＢ：您好，请问是东城区总工会吗？我想问一下拖欠工资的事情。
        东城区总工会：这个事情你去找劳动监察大队吧，我们这里管不了。
        ＣＬＢ：好的，谢谢。
        """

    @Test func aShortCallGivenTwiceIsCountedOnce() throws {
        let a = TranscriptReader.parse(text: Self.shortCall, id: "a", path: "a.txt")
        let b = TranscriptReader.parse(text: Self.shortCall, id: "b", path: "b.txt")
        #expect(DuplicateCalls.shingles(try #require(a.calls.first)).count < 4)
        let prints = DuplicateCalls.fingerprints(of: a)
        #expect(prints.count == 1 && prints[0].short)
        let links = DuplicateCalls.find(in: [a, b])
        #expect(links.map(\.document) == ["b"] && links.map(\.original) == ["a"])
    }

    @Test func differentCallsSharingStockLinesAreNotLinked() {
        // Two short calls: the same official lines, different questions.
        let other = Self.shortCall.replacingOccurrences(of: "请问是东城区总工会吗？我想问一下拖欠工资的事情。",
                                                        with: "请问你们对工厂里的职业病问题有什么规定吗？")
        let a = TranscriptReader.parse(text: Self.shortCall, id: "a", path: "a.txt")
        let b = TranscriptReader.parse(text: other, id: "b", path: "b.txt")
        #expect(DuplicateCalls.fingerprints(of: b).count == 1)
        #expect(DuplicateCalls.find(in: [a, b]).isEmpty)
        // Two long calls that share a few stock lines of an official but are otherwise different.
        let stock = (0..<3).map { UInt32(1_000 + $0) }
        let first = DuplicateCalls.Fingerprint(document: "x", call: 1, shingles: stock + (0..<12).map { UInt32(2_000 + $0) })
        let second = DuplicateCalls.Fingerprint(document: "y", call: 1, shingles: stock + (0..<12).map { UInt32(3_000 + $0) })
        #expect(DuplicateCalls.find([first, second]).isEmpty)
        // Wording found in very many different calls is not evidence either, even where it is half of a call.
        let many = (0...DuplicateCalls.maxCallsPerShingle).map { k in
            DuplicateCalls.Fingerprint(document: "d\(k)", call: 1, shingles: stock + [UInt32(900)] + (0..<4).map { UInt32(10_000 * (k + 1) + $0) })
        }
        #expect(DuplicateCalls.find(many).isEmpty)
    }

    @Test func callsOfOneDocumentAreNotCopiesOfEachOther() {
        let f = Self.renamed(Self.original, "same")
        let g = DuplicateCalls.Fingerprint(document: "same", call: 2, shingles: f.shingles)
        #expect(DuplicateCalls.find([f, g]).isEmpty)
    }
}
