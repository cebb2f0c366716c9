import TuiweiCore
import TuiweiCorpus

/// Paragraphs and sentences of running text (articles, preambles).
public enum Prose {
    static let leadMarkers = ["本报讯", "本报记者", "新华社", "据新华社", "记者"].map(\.scalarArray)
    static let articleMarkers = ["本报讯", "本报记者", "记者", "通讯员", "新华社", "日电", "报道"].map(\.scalarArray)

    /// Re-joins lines a PDF export wrapped; starts a paragraph after a line that ends a sentence,
    /// after a short line without punctuation (a headline), and before a dateline.
    static func paragraphs(_ lines: [SourceLine], document: String, layout: Layout, conventions: TranscriptConventions) -> [Passage] {
        paragraphs(lines.map { ($0, $0.contentStart..<$0.contentEnd) }, document: document, layout: layout, conventions: conventions)
    }

    /// The same over parts of lines (`range` within each line's scalars).
    static func paragraphs(_ segments: [(line: SourceLine, range: Range<Int>)], document: String, layout: Layout,
                           conventions: TranscriptConventions) -> [Passage] {
        var out: [Passage] = []
        var current = PassageBuilder(document: document)
        var previous: SourceLine?
        for (line, range) in segments where !range.isEmpty {
            if let p = previous, !current.isEmpty {
                let folded = conventions.fold(line.content.prefix(8))
                let startsLead = leadMarkers.contains { m in folded.starts(with: m) }
                if startsLead || !continues(p, layout: layout) {
                    out.append(current.build())
                    current = PassageBuilder(document: document)
                }
            }
            current.append(line, range)
            previous = line
        }
        if !current.isEmpty { out.append(current.build()) }
        return out
    }

    /// Whether the text goes on from `line` into the next line.
    static func continues(_ line: SourceLine, layout: Layout) -> Bool {
        if Layout.endsSentence(line) { return false }
        let last = TextNormaliser.width(line.scalars[line.contentEnd - 1])
        if "，,、：:；;（(“「《—".unicodeScalars.contains(last) { return true }
        if !layout.isShort(line, ratio: 0.75) { return true }
        // A short line that already has commas is prose cut mid-phrase; one without is a headline.
        return line.content.contains { TextNormaliser.width($0) == "，" || TextNormaliser.width($0) == "," }
    }

    static func looksLikeArticle(_ paragraphs: [Passage], conventions: TranscriptConventions) -> Bool {
        for p in paragraphs.prefix(200) {
            let s = conventions.fold(p.text)
            if articleMarkers.contains(where: s.contains) { return true }
        }
        let long = paragraphs.filter { $0.text.unicodeScalars.count >= 60 }
        return long.count >= 3
    }

    /// Splits a passage into sentences at its sentence ends (`TextNormaliser.stop`), keeping closing
    /// quotes and further marks with their sentence.
    public static func sentences(of passage: Passage) -> [Passage] {
        let s = Array(passage.text.unicodeScalars)
        var out: [Passage] = []
        var start = 0
        var i = 0
        func emit(_ end: Int) {
            var a = start, b = end
            while a < b, TextNormaliser.isBlank(s[a]) { a += 1 }
            while b > a, TextNormaliser.isBlank(s[b - 1]) { b -= 1 }
            if a < b {
                out.append(Passage(text: String(String.UnicodeScalarView(s[a..<b])), map: passage.map.slice(a..<b)))
            }
            start = end
        }
        while i < s.count {
            if TextNormaliser.isSentenceEnd(s[i]) {
                var j = i + 1
                while j < s.count, TextNormaliser.isClosingQuote(s[j]) || TextNormaliser.endsProse(s[j]) { j += 1 }
                emit(j)
                i = j
                continue
            }
            i += 1
        }
        emit(s.count)
        return out
    }
}
