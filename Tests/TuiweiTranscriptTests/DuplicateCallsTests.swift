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
        return DuplicateCalls.Fingerprint(document: id, call: f.call, shingles: f.shingles)
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

    @Test func wordingSharedByVeryManyCallsIsNotEvidenceOfCopying() {
        let few = (0..<3).map { Self.renamed(Self.original, "copy\($0)") }
        #expect(DuplicateCalls.find(few).count == 2)  // the later two repeat the first
        let many = (0...DuplicateCalls.maxCallsPerShingle).map { Self.renamed(Self.original, "copy\($0)") }
        #expect(DuplicateCalls.find(many).isEmpty)
    }

    @Test func callsOfOneDocumentAreNotCopiesOfEachOther() {
        let f = Self.renamed(Self.original, "same")
        let g = DuplicateCalls.Fingerprint(document: "same", call: 2, shingles: f.shingles)
        #expect(DuplicateCalls.find([f, g]).isEmpty)
    }
}
