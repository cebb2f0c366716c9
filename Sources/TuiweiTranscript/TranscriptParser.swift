import TuiweiCore
import TuiweiCorpus

/// Turns decoded text into a `Document`: calls, turns, speakers, events and exchanges for a
/// transcript; paragraphs for an article. Every non-blank character of the input ends up in a
/// turn, a label, a header, an event, the preamble, a paragraph, unattributed text or noise.
public enum TranscriptParser {
    public static func parse(_ src: SourceText, conventions: TranscriptConventions = .standard) -> Document {
        var noise: [NoiseLine] = []
        var content: [SourceLine] = []
        for line in src.lines where !line.isBlank {
            if line.isBarePageNumber {
                noise.append(NoiseLine(kind: .pageNumber, line: line.number, text: line.contentString))
            } else {
                content.append(line)
            }
        }
        var diagnostics = src.warnings.map { Diagnostic(.warning, file: src.path, $0) }
        let layout = Layout(lines: content)
        let labels = LabelSet.discover(lines: content, conventions: conventions)
        if !labels.isEmpty, case let transcript = TranscriptBuilder(src: src, lines: content, labels: labels, layout: layout, conventions: conventions).build(),
           transcript.isDialogue {
            diagnostics += transcript.diagnostics
            return Document(id: src.id, path: src.path, kind: .transcript, status: .analysed, encoding: src.encoding,
                            preamble: transcript.preamble, calls: transcript.calls, noise: noise, diagnostics: diagnostics,
                            labels: labels.decisions)
        }
        if let reply = Replies.read(src: src, lines: content, layout: layout, labels: labels, conventions: conventions) {
            diagnostics += reply.diagnostics
            return Document(id: src.id, path: src.path, kind: .transcript, status: .analysed, encoding: src.encoding,
                            preamble: reply.preamble, calls: reply.calls, noise: noise, diagnostics: diagnostics,
                            labels: labels.decisions)
        }
        let paragraphs = Prose.paragraphs(content, document: src.id, layout: layout, conventions: conventions)
        let kind: DocumentKind = Prose.looksLikeArticle(paragraphs, conventions: conventions) ? .article : .other
        // Spans shaped like labels that were all turned down: a dialogue that could not be read
        // says so rather than pass for an empty document.
        let candidates = labels.decisions.filter { d in !d.reasons.contains { $0.contains("metadata") || $0.contains("salutation") || $0.contains("heading") || $0.contains("stage direction") } }
        if kind != .article, candidates.count >= 2, candidates.reduce(0, { $0 + $1.count }) >= 3 {
            let shown = candidates.prefix(3).map { "'\($0.written)：' (line \($0.line))" }.joined(separator: ", ")
            let reason = "\(candidates.reduce(0) { $0 + $1.count }) spans look like speaker labels (\(shown)) but no dialogue could be read from them; `tuiwei parse --explain` shows why"
            diagnostics.append(Diagnostic(.warning, file: src.path, reason))
            return Document(id: src.id, path: src.path, kind: kind, status: .unread(reason: reason), encoding: src.encoding,
                            paragraphs: paragraphs, noise: noise, diagnostics: diagnostics, labels: labels.decisions)
        }
        if content.isEmpty {
            diagnostics.append(Diagnostic(.warning, file: src.path, "the file holds no text (only blank lines or page numbers)"))
        } else if kind == .other {
            diagnostics.append(Diagnostic(.note, file: src.path,
                "no alternating speaker labels (such as `ＣＬＢ：` … `某某工会：`) and no news-article markers found; kept as plain paragraphs"))
        }
        return Document(id: src.id, path: src.path, kind: kind, status: .analysed, encoding: src.encoding,
                        paragraphs: paragraphs, noise: noise, diagnostics: diagnostics, labels: labels.decisions)
    }
}

/// Line-width statistics of a document: a wrapped PDF line is close to the page width, so a
/// markedly shorter line that ends a sentence ends a paragraph.
struct Layout {
    let typicalWidth: Int

    init(lines: [SourceLine]) {
        var widths = lines.map { line in line.content.reduce(0) { $0 + TextNormaliser.displayWidth($1) } }
        widths.sort()
        typicalWidth = widths.isEmpty ? 0 : widths[min(widths.count - 1, widths.count * 8 / 10)]
    }

    func width(_ line: SourceLine) -> Int { line.content.reduce(0) { $0 + TextNormaliser.displayWidth($1) } }

    func isShort(_ line: SourceLine, ratio: Double = 0.8) -> Bool {
        Double(width(line)) < Double(typicalWidth) * ratio
    }

    /// The line ends a sentence (closing quotes and brackets after the stop are allowed).
    static func endsSentence(_ line: SourceLine) -> Bool {
        var i = line.contentEnd - 1
        while i >= line.contentStart, TextNormaliser.isClosingQuote(line.scalars[i]) { i -= 1 }
        return i >= line.contentStart && TextNormaliser.endsProse(line.scalars[i])
    }
}

struct TurnDraft {
    let label: String           // canonical
    let alias: String           // as written, folded
    let labelPassage: Passage
    var translation = false
    var main: PassageBuilder
    var pending: [PassageBuilder] = []
    var absorbed = false
    /// The last line appended ended a paragraph (short, ends a sentence).
    var atParagraphEnd = false
}

struct CallDraft {
    var header: Passage?
    var meta: CallHeader?
    var turns: [(draft: TurnDraft, passage: Passage)] = []
    var events: [Event] = []
    var unattributed: [Passage] = []
}

struct TranscriptResult {
    let preamble: [Passage]
    let calls: [Call]
    let diagnostics: [Diagnostic]

    /// At least one call where two speakers take turns.
    var isDialogue: Bool { calls.contains { Set($0.turns.map(\.speaker)).count >= 2 } }
}

private struct TranscriptBuilder {
    let src: SourceText
    let lines: [SourceLine]
    let labels: LabelSet
    let layout: Layout
    let conventions: TranscriptConventions

    func build() -> TranscriptResult {
        var diagnostics: [Diagnostic] = []
        var preambleSegments: [(line: SourceLine, range: Range<Int>)] = []
        var calls: [CallDraft] = []
        var current: CallDraft?
        var turn: TurnDraft?
        var k = 0
        var bare = 0

        func warn(_ line: Int, _ message: String) {
            diagnostics.append(Diagnostic(.warning, file: src.path, line: line, message))
        }

        /// Closes the open turn; `next` is the canonical label of the turn that follows, if any.
        func closeTurn(next: String?) {
            guard var t = turn else { return }
            turn = nil
            if current == nil { current = CallDraft() }
            if !t.pending.isEmpty {
                if next == nil || next != t.label {
                    for p in t.pending {
                        t.main.appendParagraphBreak()
                        let built = p.build()
                        for piece in built.map.pieces {
                            t.main.append(lines[lineIndex(piece.line)], (piece.column - 1)..<(piece.column - 1 + piece.length))
                        }
                    }
                    t.absorbed = true
                } else {
                    for p in t.pending {
                        let passage = p.build()
                        current!.unattributed.append(passage)
                        warn(passage.lines.lowerBound,
                             "paragraph without a speaker label between two turns of '\(t.label)'; kept as unattributed text")
                    }
                }
                t.pending = []
            }
            let passage = t.main.build()
            if passage.text.isEmpty {
                warn(t.labelPassage.lines.lowerBound, "label '\(t.alias)' has no speech after it")
            }
            current!.turns.append((t, passage))
        }

        func closeCall() {
            if let c = current { calls.append(c) }
            current = nil
        }

        func appendPlain(_ line: SourceLine, _ range: Range<Int>, endsLine: Bool) {
            guard !range.isEmpty else { return }
            if turn != nil {
                if turn!.atParagraphEnd {
                    var b = PassageBuilder(document: src.id)
                    b.append(line, range)
                    turn!.pending.append(b)
                } else if !turn!.pending.isEmpty {
                    turn!.pending[turn!.pending.count - 1].append(line, range)
                } else {
                    turn!.main.append(line, range)
                }
                turn!.atParagraphEnd = endsLine && Layout.endsSentence(line) && layout.isShort(line)
            } else if current == nil && calls.isEmpty {
                preambleSegments.append((line, range))
            } else {
                if current == nil { current = CallDraft() }
                var b = PassageBuilder(document: src.id)
                b.append(line, range)
                let passage = b.build()
                current!.unattributed.append(passage)
                warn(line.number, "text without a speaker label outside any turn; kept as unattributed text")
            }
        }

        while k < lines.count {
            let first = lines[k]
            let content = Array(first.content)
            if let header = CallHeader.parse(content, conventions: conventions) {
                closeTurn(next: nil)
                closeCall()
                var b = PassageBuilder(document: src.id)
                b.append(first, first.contentStart..<first.contentEnd)
                current = CallDraft(header: b.build(), meta: header)
                k += 1
                continue
            }
            var hits = labels.hits(in: first)
            var from = first.contentStart
            if hits.first?.atLineStart != true, let kind = EventMarker.kind(of: content, conventions: conventions) {
                closeTurn(next: nil)
                if current == nil { current = CallDraft() }
                var b = PassageBuilder(document: src.id)
                // A recording in brackets may wrap over lines, and turns may follow it on its last line.
                var endLine = k
                if kind == .voicemail {
                    while endLine < lines.count, endLine <= k + 6, closingBracket(in: lines[endLine]) == nil { endLine += 1 }
                    if endLine >= lines.count || endLine > k + 6 { endLine = min(lines.count - 1, k + 6) }
                }
                for j in k..<endLine { b.append(lines[j], lines[j].contentStart..<lines[j].contentEnd) }
                let last = lines[endLine]
                let close = kind == .voicemail ? closingBracket(in: last) : nil
                let rest = close.map { c in (endLine == k ? hits : labels.hits(in: last)).filter { $0.start > c } } ?? []
                let eventEnd = rest.isEmpty ? last.contentEnd : close! + 1
                b.append(last, last.contentStart..<eventEnd)
                let after = current!.turns.isEmpty ? nil : current!.turns.count - 1
                current!.events.append(Event(kind: kind, passage: b.build(), afterTurn: after))
                guard !rest.isEmpty else {
                    k = endLine + 1
                    continue
                }
                k = endLine
                hits = rest
                from = eventEnd
            }
            let line = lines[k]  // the last line of a recording, when turns follow it there
            // Text before the first label on this line continues the open turn.
            let firstStart = hits.first?.start ?? line.contentEnd
            appendPlain(line, trimmed(line, from..<firstStart), endsLine: hits.isEmpty)
            for (h, hit) in hits.enumerated() {
                var canonical = labels.canonical[hit.name]!
                if hit.shape == .bare {
                    canonical = labels.anonymous[bare % labels.anonymous.count]
                    bare += 1
                }
                closeTurn(next: canonical)
                if current == nil { current = CallDraft() }
                var lb = PassageBuilder(document: src.id)
                lb.append(line, hit.start..<hit.end)
                let end = h + 1 < hits.count ? hits[h + 1].start : line.contentEnd
                var main = PassageBuilder(document: src.id)
                let speech = trimmed(line, hit.end..<end)
                main.append(line, speech)
                var draft = TurnDraft(label: canonical, alias: hit.written.isEmpty ? canonical : hit.written, labelPassage: lb.build(), main: main)
                draft.translation = labels.translations[hit.name] != nil
                if h + 1 == hits.count {
                    draft.atParagraphEnd = !speech.isEmpty && Layout.endsSentence(line) && layout.isShort(line)
                }
                turn = draft
            }
            k += 1
        }
        closeTurn(next: nil)
        closeCall()

        let preamble = Prose.paragraphs(preambleSegments, document: src.id, layout: layout, conventions: conventions)
        var context: [Unicode.Scalar] = []
        for p in preamble { context += conventions.fold(p.text); context.append("\n") }
        for c in calls {
            if let h = c.header { context += conventions.fold(h.text); context.append("\n") }
            for u in c.unattributed { context += conventions.fold(u.text); context.append("\n") }
        }
        let roles = SideAssignment(calls: calls.map { $0.turns.filter { !$0.draft.translation }.map { ($0.draft.label, $0.passage.text) } },
                                   labels: labels, context: context,
                                   headerOrganisations: Set(calls.compactMap { $0.meta?.organisation }), conventions: conventions)
        var built: [Call] = []
        let documentOrganisation = calls.compactMap { $0.meta?.organisation }.first
        for (n, c) in calls.enumerated() {
            built.append(makeCall(index: n + 1, draft: c, roles: roles, documentOrganisation: documentOrganisation))
        }
        return TranscriptResult(preamble: preamble, calls: built, diagnostics: diagnostics)
    }

    /// Where a bracketed recording closes on a line, if it does.
    private func closingBracket(in line: SourceLine) -> Int? {
        (line.contentStart..<line.contentEnd).first { "]】)）〕".unicodeScalars.contains(conventions.fold(line.scalars[$0])) }
    }

    private func lineIndex(_ number: Int) -> Int {
        // `lines` is sorted by number; binary search.
        var lo = 0, hi = lines.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if lines[mid].number < number { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private func trimmed(_ line: SourceLine, _ range: Range<Int>) -> Range<Int> { line.trimmed(range) }

    private func makeCall(index: Int, draft: CallDraft, roles: SideAssignment, documentOrganisation: String?) -> Call {
        var order: [String] = []
        var aliases: [String: [String]] = [:]
        var texts: [String: [String]] = [:]
        var uses: [String: Int] = [:]
        for (t, p) in draft.turns {
            if aliases[t.label] == nil { order.append(t.label) }
            if !(aliases[t.label] ?? []).contains(t.alias) { aliases[t.label, default: []].append(t.alias) }
            uses[t.alias, default: 0] += 1
            if !t.translation { texts[t.label, default: []].append(p.text) }
        }
        /// The label as most often written (the first of equals), not the folded name it is known by.
        func shown(_ label: String) -> String {
            let best = (aliases[label] ?? [label]).enumerated().max { a, b in (uses[a.element] ?? 0, -a.offset) < (uses[b.element] ?? 0, -b.offset) }?.element ?? label
            // `接待人员说` is written for `接待人员`: the speech verb is not part of the name.
            let u = Array(best.unicodeScalars), name = Array(label.unicodeScalars)
            if u.count > name.count, conventions.fold(u.prefix(name.count)) == name,
               conventions.speechVerbs.contains(where: { conventions.fold(u.dropFirst(name.count)) == $0 }) {
                return u.prefix(name.count).string
            }
            return best
        }
        let ids = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let speakers: [Speaker] = order.enumerated().map { id, label in
            let judged = roles.judgement(of: label)
            let role = judged?.role ?? .unknown
            let said = texts[label] ?? []
            let attributes = SpeakerAttributes.read(label: shown(label), role: role, turns: said, header: draft.meta,
                                                    person: judged?.person,
                                                    documentOrganisation: documentOrganisation,
                                                    mentioned: judged?.mentionedOrganisation, conventions: conventions)
            return Speaker(id: id, label: shown(label), aliases: aliases[label] ?? [label], role: role,
                           organisation: attributes.organisation, department: attributes.department,
                           surname: attributes.surname, title: judged?.title, person: judged?.person,
                           evidence: judged?.evidence ?? [])
        }
        let turns: [Turn] = draft.turns.enumerated().map { i, item in
            let sid = ids[item.draft.label]!
            let attribution: Turn.Attribution = item.draft.translation ? .translation : item.draft.absorbed ? .continuation : .label
            return Turn(index: i, speaker: sid, role: speakers[sid].role, passage: item.passage,
                        attribution: attribution, label: item.draft.labelPassage)
        }
        return Call(index: index, header: draft.header, organisation: draft.meta?.organisation,
                    department: draft.meta?.department, person: draft.meta?.person, speakers: speakers,
                    turns: turns, events: draft.events, exchanges: Exchanges.build(turns), unattributed: draft.unattributed)
    }
}

/// Groups turns into exchanges: each run of caller turns with the official turns that follow it.
public enum Exchanges {
    public static func build(_ turns: [Turn]) -> [Exchange] {
        var out: [Exchange] = []
        var callers: [Int] = []
        var officials: [Int] = []
        func flush() {
            if !callers.isEmpty || !officials.isEmpty {
                out.append(Exchange(index: out.count, callerTurns: callers, officialTurns: officials))
            }
            callers = []
            officials = []
        }
        for t in turns where t.role != .narrator {
            if t.role == .caller {
                if !officials.isEmpty { flush() }
                callers.append(t.index)
            } else {
                officials.append(t.index)
            }
        }
        flush()
        return out
    }
}

extension SourceLine {
    /// `range` without the white space at either end.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var s = range.lowerBound, e = range.upperBound
        while s < e, TextNormaliser.isSpace(scalars[s]) { s += 1 }
        while e > s, TextNormaliser.isSpace(scalars[e - 1]) { e -= 1 }
        return s..<e
    }
}
