import TuiweiCore
import TuiweiCorpus

/// Turns decoded text into a `Document`: calls, turns, speakers, events and exchanges for a
/// transcript; paragraphs for an article. Every non-blank character of the input ends up in a
/// turn, a label, a header, an event, the preamble, a paragraph, unattributed text or noise.
public enum TranscriptParser {
    /// A line the parse reads: not blank, not a page number.
    static func isContent(_ line: SourceLine) -> Bool { !line.isBlank && !line.isBarePageNumber }

    public static func parse(_ src: SourceText, conventions: TranscriptConventions = .standard) -> Document {
        var noise: [NoiseLine] = []
        var content: [SourceLine] = []
        for line in src.lines where !line.isBlank {
            if isContent(line) {
                content.append(line)
            } else {
                noise.append(NoiseLine(kind: .pageNumber, line: line.number, text: line.contentString))
            }
        }
        var diagnostics = src.warnings.map { Diagnostic(.warning, file: src.path, $0) }
        let layout = Layout(lines: content)
        let labels = LabelSet.discover(lines: content, conventions: conventions)
        if !labels.isEmpty, case let transcript = TranscriptResult(src: src, lines: content, labels: labels, layout: layout, conventions: conventions),
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
struct Layout: Sendable {
    let typicalWidth: Int

    init(lines: [SourceLine]) {
        var widths = Widths()
        for line in lines { widths.add(line) }
        self = widths.layout
    }

    init(typicalWidth: Int) { self.typicalWidth = typicalWidth }

    /// The widths of a document's lines, counted line by line.
    struct Widths {
        private var counts: [Int: Int] = [:]
        private var lines = 0

        mutating func add(_ line: SourceLine) {
            counts[line.content.reduce(0) { $0 + TextNormaliser.displayWidth($1) }, default: 0] += 1
            lines += 1
        }

        /// The width four lines in five are no wider than.
        var layout: Layout {
            guard lines > 0 else { return Layout(typicalWidth: 0) }
            let rank = min(lines - 1, lines * 8 / 10)
            var below = 0
            for (width, n) in counts.sorted(by: { $0.key < $1.key }) {
                below += n
                if below > rank { return Layout(typicalWidth: width) }
            }
            return Layout(typicalWidth: 0)
        }
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
    var pending: [PendingParagraph] = []
    var absorbed = false
    /// The last line appended ended a paragraph (short, ends a sentence).
    var atParagraphEnd = false
}

/// A paragraph after a turn that ended a paragraph: the turn's if the same speaker does not
/// speak next, else unattributed text.
struct PendingParagraph {
    var builder: PassageBuilder
    var segments: [(line: SourceLine, range: Range<Int>)]

    init(document: String, _ line: SourceLine, _ range: Range<Int>) {
        builder = PassageBuilder(document: document)
        segments = []
        append(line, range)
    }

    mutating func append(_ line: SourceLine, _ range: Range<Int>) {
        builder.append(line, range)
        if !range.isEmpty { segments.append((line, range)) }
    }
}

struct CallDraft {
    var header: Passage?
    var meta: CallHeader?
    var turns: [(draft: TurnDraft, passage: Passage)] = []
    var events: [Event] = []
    var unattributed: [Passage] = []

    /// Two speakers take turns in it.
    var isDialogue: Bool { Set(turns.map(\.draft.label)).count >= 2 }
}

struct TranscriptResult {
    let preamble: [Passage]
    let calls: [Call]
    let diagnostics: [Diagnostic]

    /// At least one call where two speakers take turns.
    var isDialogue: Bool { calls.contains { Set($0.turns.map(\.speaker)).count >= 2 } }
}

extension TranscriptResult {
    /// A transcript read from its content lines held in memory.
    init(src: SourceText, lines: [SourceLine], labels: LabelSet, layout: Layout, conventions: TranscriptConventions) {
        var builder = TranscriptBuilder(document: src.id, path: src.path, labels: labels, layout: layout, conventions: conventions)
        var drafts: [CallDraft] = []
        for line in lines {
            builder.feed(line)
            if !builder.ready.isEmpty { drafts += builder.takeReady() }
        }
        builder.finish()
        drafts += builder.takeReady()
        var evidence = DocumentEvidence(labels: labels, conventions: conventions)
        for d in drafts { evidence.add(d) }
        let preamble = builder.preamble()
        let assembly = evidence.judge(preamble: preamble)
        self.init(preamble: preamble, calls: drafts.enumerated().map { assembly.makeCall(index: $0.offset + 1, draft: $0.element) },
                  diagnostics: builder.diagnostics)
    }
}

/// What the calls of a transcript show of its speakers, gathered call by call.
struct DocumentEvidence {
    private let labels: LabelSet
    private let conventions: TranscriptConventions
    private var speakers: SideAssignment.Evidence
    /// The folded headers and narration of the calls so far.
    private var context: [Unicode.Scalar] = []
    private(set) var documentOrganisation: String?
    private(set) var calls = 0
    private(set) var isDialogue = false

    init(labels: LabelSet, conventions: TranscriptConventions) {
        self.labels = labels
        self.conventions = conventions
        speakers = SideAssignment.Evidence(labels: labels, conventions: conventions)
    }

    mutating func add(_ call: CallDraft) {
        calls += 1
        if call.isDialogue { isDialogue = true }
        if documentOrganisation == nil, let org = call.meta?.organisation { documentOrganisation = org }
        if let h = call.header { context += conventions.fold(h.text); context.append("\n") }
        for u in call.unattributed { context += conventions.fold(u.text); context.append("\n") }
        speakers.startCall()
        for t in call.turns where !t.draft.translation { speakers.add(label: t.draft.label, text: t.passage.text) }
    }

    /// Every speaker judged, ready to make the calls.
    consuming func judge(preamble: [Passage]) -> CallAssembly {
        var around: [Unicode.Scalar] = []
        for p in preamble { around += conventions.fold(p.text); around.append("\n") }
        around += context
        let roles = speakers.judge(labels: labels, context: around, headerOrganisation: documentOrganisation)
        return CallAssembly(labels: labels, conventions: conventions, roles: roles, documentOrganisation: documentOrganisation)
    }
}

/// Reads a transcript's content lines, one at a time, into call drafts; a call's draft is ready
/// once the next call's header comes, or the text ends.
struct TranscriptBuilder {
    let document: String
    let path: String
    let labels: LabelSet
    let layout: Layout
    let conventions: TranscriptConventions
    private(set) var diagnostics: [Diagnostic] = []
    /// The calls closed and not yet taken.
    private(set) var ready: [CallDraft] = []
    private var preambleSegments: [(line: SourceLine, range: Range<Int>)] = []
    private var current: CallDraft?
    private var turn: TurnDraft?
    private var closed = 0
    private var bare = 0
    /// Lines fed and not yet read: a recording in brackets is looked ahead through.
    private var window: [SourceLine] = []
    private var head = 0
    /// How many lines a recording in brackets may wrap over, after its first.
    static let recordingReach = 6

    init(document: String, path: String, labels: LabelSet, layout: Layout, conventions: TranscriptConventions) {
        self.document = document
        self.path = path
        self.labels = labels
        self.layout = layout
        self.conventions = conventions
    }

    mutating func feed(_ line: SourceLine) {
        window.append(line)
        while window.count - head > Self.recordingReach { step() }
        if head >= 1024 { window.removeFirst(head); head = 0 }
    }

    mutating func finish() {
        while head < window.count { step() }
        window = []
        head = 0
        closeTurn(next: nil)
        closeCall()
        for message in overflowing {
            let r = repeats[message]!
            diagnostics.append(Diagnostic(.warning, file: path, line: r.kept,
                "\(r.count - Self.warningsKept) more warnings like this one after line \(r.kept), the last at line \(r.last): \(message)"))
        }
        overflowing = []
    }

    mutating func takeReady() -> [CallDraft] {
        defer { ready = [] }
        return ready
    }

    /// The text before the first call or turn, as paragraphs.
    func preamble() -> [Passage] {
        Prose.paragraphs(preambleSegments, document: document, layout: layout, conventions: conventions)
    }

    /// A document keeps this many warnings of one message; the rest are counted in one more,
    /// so that a large file in an odd layout does not hold a warning for every line.
    static let warningsKept = 100
    /// Each message's count and the line of its last warning, and the messages past the limit.
    private var repeats: [String: (count: Int, kept: Int, last: Int)] = [:]
    private var overflowing: [String] = []

    private mutating func warn(_ line: Int, _ message: String) {
        var r = repeats[message] ?? (0, 0, 0)
        r.count += 1
        r.last = line
        if r.count <= Self.warningsKept {
            r.kept = line
            diagnostics.append(Diagnostic(.warning, file: path, line: line, message))
        } else if r.count == Self.warningsKept + 1 {
            overflowing.append(message)
        }
        repeats[message] = r
    }

    /// Closes the open turn; `next` is the canonical label of the turn that follows, if any.
    private mutating func closeTurn(next: String?) {
        guard var t = turn else { return }
        turn = nil
        if current == nil { current = CallDraft() }
        if !t.pending.isEmpty {
            if next == nil || next != t.label {
                for p in t.pending {
                    t.main.appendParagraphBreak()
                    for (line, range) in p.segments { t.main.append(line, range) }
                }
                t.absorbed = true
            } else {
                for p in t.pending {
                    let passage = p.builder.build()
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

    private mutating func closeCall() {
        if let c = current {
            ready.append(c)
            closed += 1
        }
        current = nil
    }

    private mutating func appendPlain(_ line: SourceLine, _ range: Range<Int>, endsLine: Bool) {
        guard !range.isEmpty else { return }
        if turn != nil {
            if turn!.atParagraphEnd {
                turn!.pending.append(PendingParagraph(document: document, line, range))
            } else if !turn!.pending.isEmpty {
                turn!.pending[turn!.pending.count - 1].append(line, range)
            } else {
                turn!.main.append(line, range)
            }
            turn!.atParagraphEnd = endsLine && Layout.endsSentence(line) && layout.isShort(line)
        } else if current == nil && closed == 0 {
            preambleSegments.append((line, range))
        } else {
            if current == nil { current = CallDraft() }
            var b = PassageBuilder(document: document)
            b.append(line, range)
            let passage = b.build()
            current!.unattributed.append(passage)
            warn(line.number, "text without a speaker label outside any turn; kept as unattributed text")
        }
    }

    /// Reads the line at `head`, and the lines a recording that opens on it wraps over.
    private mutating func step() {
        let k = head
        let lines = window
        let first = lines[k]
        let content = Array(first.content)
        if let header = CallHeader.parse(content, conventions: conventions) {
            closeTurn(next: nil)
            closeCall()
            var b = PassageBuilder(document: document)
            b.append(first, first.contentStart..<first.contentEnd)
            current = CallDraft(header: b.build(), meta: header)
            head = k + 1
            return
        }
        var hits = labels.hits(in: first)
        var from = first.contentStart
        var at = k
        if hits.first?.atLineStart != true, let kind = EventMarker.kind(of: content, conventions: conventions) {
            closeTurn(next: nil)
            if current == nil { current = CallDraft() }
            var b = PassageBuilder(document: document)
            // A recording in brackets may wrap over lines, and turns may follow it on its last line.
            var endLine = k
            let reach = Self.recordingReach
            if kind == .voicemail {
                while endLine < lines.count, endLine <= k + reach, closingBracket(in: lines[endLine]) == nil { endLine += 1 }
                if endLine >= lines.count || endLine > k + reach { endLine = min(lines.count - 1, k + reach) }
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
                head = endLine + 1
                return
            }
            at = endLine
            hits = rest
            from = eventEnd
        }
        let line = lines[at]  // the last line of a recording, when turns follow it there
        // Text before the first label on this line continues the open turn.
        let firstStart = hits.first?.start ?? line.contentEnd
        appendPlain(line, line.trimmed(from..<firstStart), endsLine: hits.isEmpty)
        for (h, hit) in hits.enumerated() {
            var canonical = labels.canonical[hit.name]!
            if hit.shape == .bare {
                canonical = labels.anonymous[bare % labels.anonymous.count]
                bare += 1
            }
            closeTurn(next: canonical)
            if current == nil { current = CallDraft() }
            var lb = PassageBuilder(document: document)
            lb.append(line, hit.start..<hit.end)
            let end = h + 1 < hits.count ? hits[h + 1].start : line.contentEnd
            var main = PassageBuilder(document: document)
            let speech = line.trimmed(hit.end..<end)
            main.append(line, speech)
            var draft = TurnDraft(label: canonical, alias: hit.written.isEmpty ? canonical : hit.written, labelPassage: lb.build(), main: main)
            draft.translation = labels.translations[hit.name] != nil
            if h + 1 == hits.count {
                draft.atParagraphEnd = !speech.isEmpty && Layout.endsSentence(line) && layout.isShort(line)
            }
            turn = draft
        }
        head = at + 1
    }

    /// Where a bracketed recording closes on a line, if it does.
    private func closingBracket(in line: SourceLine) -> Int? {
        (line.contentStart..<line.contentEnd).first { "]】)）〕".unicodeScalars.contains(conventions.fold(line.scalars[$0])) }
    }

}

/// Makes a transcript's calls from their drafts once every speaker has been judged.
struct CallAssembly: Sendable {
    let labels: LabelSet
    let conventions: TranscriptConventions
    let roles: SideAssignment
    let documentOrganisation: String?

    func makeCall(index: Int, draft: CallDraft) -> Call {
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
