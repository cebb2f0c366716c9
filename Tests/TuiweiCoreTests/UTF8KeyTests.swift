import Testing
import TuiweiCore

@Suite struct UTF8KeyTests {
    @Test func keysAreEqualExactlyWhenTheirBytesAre() {
        let texts = ["", "a", "工会", "工会主席", "工會", "e\u{301}", "\u{E9}", String(repeating: "不清楚", count: 40)]
        for a in texts {
            for b in texts {
                #expect((UTF8Key(a) == UTF8Key(b)) == Array(a.utf8).elementsEqual(Array(b.utf8)))
            }
        }
        // Canonically equivalent spellings stay apart: the key is the text as written.
        let table = Dictionary(uniqueKeysWithValues: texts.map { (UTF8Key($0), $0) })
        #expect(table.count == texts.count)
        for t in texts { #expect(table[UTF8Key(String(t.unicodeScalars))] == t) }
    }
}
