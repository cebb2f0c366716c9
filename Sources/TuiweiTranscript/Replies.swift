import TuiweiCore
import TuiweiCorpus

/// Official replies to the public — a message board's reply, a mayor's mailbox, a bureau's
/// answer to a deputy's proposal — read as one exchange, so the reply is scored like an answer:
/// the question quoted in running text (`具体留言是「…」`) or named by the letter's salutation
/// (`任海霞代表：您好`), and the reply quoted (`回复内容是「…」`) or following the salutation.
enum Replies {
    struct Result {
        let preamble: [Passage]
        let calls: [Call]
        let diagnostics: [Diagnostic]
    }

    /// A point in the content lines: line index and scalar index.
    private struct Point: Comparable {
        let line: Int
        let column: Int
        static func < (a: Point, b: Point) -> Bool { (a.line, a.column) < (b.line, b.column) }
    }

    static func read(src: SourceText, lines: [SourceLine], layout: Layout, labels: LabelSet,
                     conventions c: TranscriptConventions) -> Result? {
        var question: (from: Point, to: Point)?
        var reply: (from: Point, to: Point)?
        var addressee: String?
        var evidence: [String] = []
        if let r = quoted(after: c.replyIntros, in: lines, from: Point(line: 0, column: 0), c) {
            evidence.append("a reply quoted after '\(r.intro)'")
            question = quoted(after: c.messageIntros, in: lines, from: Point(line: 0, column: 0), c).flatMap { $0.to <= r.from ? $0 : nil }
                .map { (Point(line: $0.from.line, column: $0.from.column), Point(line: $0.to.line, column: $0.to.column)) }
            reply = (r.from, r.to)
        } else if let salutation = labels.decisions.first(where: { $0.reasons.contains { $0.contains("salutation") } }),
                  let n = lines.firstIndex(where: { $0.number == salutation.line }),
                  let hit = labels.shapes.lineStart(lines[n].scalars, from: lines[n].contentStart, to: lines[n].contentEnd) {
            var start = Point(line: n, column: hit.end)
            while start.column < lines[n].contentEnd, TextNormaliser.isSpace(lines[n].scalars[start.column]) { start = Point(line: n, column: start.column + 1) }
            if start.column >= lines[n].contentEnd { start = Point(line: n + 1, column: n + 1 < lines.count ? lines[n + 1].contentStart : 0) }
            guard start.line < lines.count else { return nil }
            reply = (start, Point(line: lines.count - 1, column: lines[lines.count - 1].contentEnd))
            addressee = salutation.written
            evidence.append("a letter that answers '\(salutation.written)' (salutation on line \(salutation.line))")
        }
        guard let reply else { return nil }

        var preambleSegments: [(line: SourceLine, range: Range<Int>)] = []
        var unattributed: [Passage] = []
        var questionText = PassageBuilder(document: src.id)
        var replyText = PassageBuilder(document: src.id)
        for (n, line) in lines.enumerated() {
            var cuts: [(Range<Int>, Int)] = []  // 0 outside, 1 question, 2 reply
            func inside(_ span: (from: Point, to: Point)?, _ kind: Int) {
                guard let span, span.from.line <= n, n <= span.to.line else { return }
                let a = span.from.line == n ? span.from.column : line.contentStart
                let b = span.to.line == n ? span.to.column : line.contentEnd
                if a < b { cuts.append((a..<b, kind)) }
            }
            inside(question, 1)
            inside(reply, 2)
            cuts.sort { $0.0.lowerBound < $1.0.lowerBound }
            var at = line.contentStart
            func outside(_ r: Range<Int>) {
                let t = trimmed(line, r)
                guard !t.isEmpty else { return }
                if Point(line: n, column: t.lowerBound) < reply.from && (question == nil || Point(line: n, column: t.lowerBound) < question!.from || questionText.isEmpty) {
                    preambleSegments.append((line, t))
                } else {
                    var b = PassageBuilder(document: src.id)
                    b.append(line, t)
                    unattributed.append(b.build())
                }
            }
            for (r, kind) in cuts {
                outside(at..<r.lowerBound)
                let t = trimmed(line, r)
                if !t.isEmpty {
                    if kind == 1 { if !questionText.isEmpty { questionText.appendParagraphBreak() }; questionText.append(line, t) }
                    else { if !replyText.isEmpty { replyText.appendParagraphBreak() }; replyText.append(line, t) }
                }
                at = r.upperBound
            }
            outside(at..<line.contentEnd)
        }
        guard !replyText.isEmpty else { return nil }
        let organisation = publisher(in: lines, c) ?? body(before: reply.from, in: lines, c)
        var speakers: [Speaker] = []
        var turns: [Turn] = []
        if !questionText.isEmpty || addressee != nil {
            speakers.append(Speaker(id: 0, label: addressee ?? "(question)", aliases: [addressee ?? "(question)"], role: .caller,
                                    organisation: nil, department: nil, surname: nil,
                                    evidence: ["side questioner", addressee == nil ? "the message from the public the reply answers" : "the addressee of the reply"]))
        }
        if !questionText.isEmpty {
            turns.append(Turn(index: 0, speaker: 0, role: .caller, passage: questionText.build(), attribution: .quoted))
        }
        let replier = speakers.count
        speakers.append(Speaker(id: replier, label: "(reply)", aliases: ["(reply)"], role: .official, organisation: organisation,
                                department: nil, surname: nil,
                                evidence: ["side answerer"] + evidence + ["official: a body's reply to a question from the public"]
                                    + (organisation.map { ["organisation '\($0)' from the page"] } ?? [])))
        turns.append(Turn(index: turns.count, speaker: replier, role: .official, passage: replyText.build(), attribution: .quoted))
        let call = Call(index: 1, header: nil, organisation: organisation, department: nil, person: nil, speakers: speakers,
                        turns: turns, events: [], exchanges: Exchanges.build(turns), unattributed: unattributed)
        let preamble = Prose.paragraphs(preambleSegments, document: src.id, layout: layout, conventions: c)
        let note = Diagnostic(.note, file: src.path, line: lines[reply.from.line].number,
                              "read as an official reply to the public: \(evidence.joined(separator: "; "))")
        return Result(preamble: preamble, calls: [call], diagnostics: [note])
    }

    /// The first text quoted right after one of `intros` (`回复内容是，「…」`), up to its closing quote
    /// or the end of the document.
    private static func quoted(after intros: [[Unicode.Scalar]], in lines: [SourceLine], from: Point, _ c: TranscriptConventions)
        -> (from: Point, to: Point, intro: String)? {
        let opening: [Unicode.Scalar: Unicode.Scalar] = ["「": "」", "“": "”", "『": "』", "\"": "\""]
        for (n, line) in lines.enumerated() where n >= from.line {
            let f = c.fold(line.scalars)
            for intro in intros {
                var search = line.contentStart
                while let at = f.firstIndex(of: intro, from: search) {
                    search = at + 1
                    var j = at + intro.count
                    while j < line.contentEnd, TextNormaliser.isSpace(f[j]) || ",，:：".unicodeScalars.contains(f[j]) { j += 1 }
                    guard j < line.contentEnd, let close = opening[f[j]] else { continue }
                    var start = Point(line: n, column: j + 1)
                    // The quote's end: the first closing mark, on this line or a later one.
                    var m = n, k = j + 1
                    while m < lines.count {
                        let g = lines[m].scalars
                        while k < lines[m].contentEnd, g[k] != close { k += 1 }
                        if k < lines[m].contentEnd { break }
                        m += 1
                        if m < lines.count { k = lines[m].contentStart }
                    }
                    let end = m < lines.count ? Point(line: m, column: k) : Point(line: lines.count - 1, column: lines[lines.count - 1].contentEnd)
                    if start.column >= lines[n].contentEnd, n + 1 < lines.count { start = Point(line: n + 1, column: lines[n + 1].contentStart) }
                    return (start, end, intro.string)
                }
            }
        }
        return nil
    }

    /// `发布机构：人社局` → `人社局`.
    private static func publisher(in lines: [SourceLine], _ c: TranscriptConventions) -> String? {
        for line in lines.prefix(40) {
            let f = c.fold(line.content)
            for key in c.publishers where f.starts(with: key) {
                var j = key.count
                guard j < f.count, LabelShapes.isColon(f[j]) else { continue }
                j += 1
                let value = line.content.dropFirst(j).string.trimmingSpaces
                if !value.isEmpty { return value }
            }
        }
        return nil
    }

    /// The body named just before the reply (`郑州市12345市长热线回复，回复内容是「`).
    private static func body(before p: Point, in lines: [SourceLine], _ c: TranscriptConventions) -> String? {
        let line = lines[p.line]
        let f = c.fold(line.scalars)
        // The first reply verb on the line before the quote; the body stands right before it.
        guard let end = ["回复", "答复", "回应"].map(\.scalarArray).compactMap({ f.firstIndex(of: $0) }).filter({ $0 < p.column }).min(),
              end > line.contentStart else { return nil }
        var start = end
        while start > line.contentStart, TextNormaliser.isHan(f[start - 1]) || f[start - 1] == "0", end - start < 16 { start -= 1 }
        let run = Array(f[start..<end])
        guard run.count >= 2, c.bodyWords.contains(where: run.contains) else { return nil }
        return line.scalars[start..<end].string
    }

    private static func trimmed(_ line: SourceLine, _ range: Range<Int>) -> Range<Int> { line.trimmed(range) }
}
