import TuiweiCore

/// Who answered: the official as far as the transcript says.
public struct OfficialKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let organisation: String
    public let department: String?
    public let surname: String?

    public init(organisation: String, department: String?, surname: String?) {
        self.organisation = organisation
        self.department = department
        self.surname = surname
    }

    /// `organisation / department / surname`, leaving out what is unknown.
    public var description: String {
        ([organisation] + [department, surname].compactMap { $0 }).joined(separator: " / ")
    }

    public static func < (a: OfficialKey, b: OfficialKey) -> Bool {
        (a.organisation, a.department ?? "", a.surname ?? "") < (b.organisation, b.department ?? "", b.surname ?? "")
    }
}

/// One input document as the reports list it.
public struct DocumentEntry: Sendable, Hashable, Codable {
    public let id: String
    public let path: String
    public let kind: DocumentKind
    public let status: DocumentStatus
    public let encoding: String?
    public let calls: Int
    public let paragraphs: Int
    public let diagnostics: [Diagnostic]

    public init(_ d: Document) {
        id = d.id
        path = d.path
        kind = d.kind
        status = d.status
        encoding = d.encoding
        calls = d.calls.count
        paragraphs = d.paragraphs.count
        diagnostics = d.diagnostics
    }
}

/// One call as the reports list it.
public struct CallEntry: Sendable, Hashable, Codable {
    public let document: String
    public let call: Int
    /// The header line, if the call has one.
    public let header: String?
    public let headerLine: Int?
    public let organisation: String?
    public let turns: Int
    public let officialTurns: Int
    public let events: [Event.Kind]

    public init(document: String, call: Int, header: String?, headerLine: Int?, organisation: String?,
                turns: Int, officialTurns: Int, events: [Event.Kind]) {
        self.document = document
        self.call = call
        self.header = header
        self.headerLine = headerLine
        self.organisation = organisation
        self.turns = turns
        self.officialTurns = officialTurns
        self.events = events
    }
}

/// Terms of the orientation lexicon found in a piece of speech.
public struct OrientationCounts: Sendable, Hashable, Codable {
    /// Scalars of speech, punctuation and spaces left out.
    public var characters: Int
    public var authority: Int
    public var grassroots: Int
    /// Term → hits.
    public var terms: [String: Int]

    public init(characters: Int = 0, authority: Int = 0, grassroots: Int = 0, terms: [String: Int] = [:]) {
        self.characters = characters
        self.authority = authority
        self.grassroots = grassroots
        self.terms = terms
    }

    public mutating func add(_ o: OrientationCounts) {
        characters += o.characters
        authority += o.authority
        grassroots += o.grassroots
        for (t, n) in o.terms { terms[t, default: 0] += n }
    }
}

/// One scored official turn with what the reports show beside the score.
public struct ScoredAnswer: Sendable, Hashable, Codable {
    public let score: AnswerScore
    /// The speaker's label as written.
    public let speaker: String
    public let official: OfficialKey
    /// First original line of the turn.
    public let line: Int
    public let text: String
    public let question: String
    public let questionType: QuestionType
    public let orientation: OrientationCounts
    /// Segmented words of the turn (for the boilerplate index).
    public let words: [String]
    /// Hang-ups that ended the call after this turn, before the official spoke again.
    public let hangUps: Int

    public init(score: AnswerScore, speaker: String, official: OfficialKey, line: Int, text: String, question: String,
                questionType: QuestionType, orientation: OrientationCounts, words: [String], hangUps: Int) {
        self.score = score
        self.speaker = speaker
        self.official = official
        self.line = line
        self.text = text
        self.question = question
        self.questionType = questionType
        self.orientation = orientation
        self.words = words
        self.hangUps = hangUps
    }
}

/// The raw result of analysing a corpus, or any part of it.
///
/// Partial results (one per document or shard) combine with `merging`, and every array is kept in
/// a canonical order, so the totals and the reports are the same whatever order shards finish in.
public struct CorpusAnalysis: Sendable, Hashable, Codable {
    public private(set) var documents: [DocumentEntry]
    public private(set) var calls: [CallEntry]
    public private(set) var answers: [ScoredAnswer]
    public private(set) var duplicates: [DuplicateLink]
    /// Word n-grams of the official-media (article) documents.
    public private(set) var referenceNgrams: Set<String>

    public init(documents: [DocumentEntry] = [], calls: [CallEntry] = [], answers: [ScoredAnswer] = [],
                duplicates: [DuplicateLink] = [], referenceNgrams: Set<String> = []) {
        self.documents = documents
        self.calls = calls
        self.answers = answers
        self.duplicates = duplicates
        self.referenceNgrams = referenceNgrams
        canonicalise()
    }

    /// This result and `other` together.
    public func merging(_ other: CorpusAnalysis) -> CorpusAnalysis {
        CorpusAnalysis(documents: documents + other.documents, calls: calls + other.calls,
                       answers: answers + other.answers, duplicates: duplicates + other.duplicates,
                       referenceNgrams: referenceNgrams.union(other.referenceNgrams))
    }

    /// All parts together, in any order.
    public static func merged(_ parts: [CorpusAnalysis]) -> CorpusAnalysis {
        CorpusAnalysis(documents: parts.flatMap(\.documents), calls: parts.flatMap(\.calls),
                       answers: parts.flatMap(\.answers), duplicates: parts.flatMap(\.duplicates),
                       referenceNgrams: parts.reduce(into: Set<String>()) { $0.formUnion($1.referenceNgrams) })
    }

    /// Adds the duplicate-call links found across documents (`TranscriptReader.duplicates`).
    public func addingDuplicates(_ links: [DuplicateLink]) -> CorpusAnalysis {
        CorpusAnalysis(documents: documents, calls: calls, answers: answers, duplicates: duplicates + links,
                       referenceNgrams: referenceNgrams)
    }

    private mutating func canonicalise() {
        documents.sort { ($0.id, $0.path) < ($1.id, $1.path) }
        calls.sort { ($0.document, $0.call) < ($1.document, $1.call) }
        answers.sort { ($0.score.document, $0.score.call, $0.score.turn) < ($1.score.document, $1.score.call, $1.score.turn) }
        var seen: Set<DuplicateLink> = []
        duplicates = duplicates.filter { seen.insert($0).inserted }
            .sorted { ($0.document, $0.call, $0.original, $0.originalCall) < ($1.document, $1.call, $1.original, $1.originalCall) }
    }

    /// Calls that repeat another analysed call: listed, but left out of every aggregate.
    public var duplicateCalls: [String: DuplicateLink] {
        let present = Set(calls.map { "\($0.document)#\($0.call)" })
        let linked = Set(duplicates.map { "\($0.document)#\($0.call)>\($0.original)#\($0.originalCall)" })
        var out: [String: DuplicateLink] = [:]
        for link in duplicates {
            let copy = "\(link.document)#\(link.call)", original = "\(link.original)#\(link.originalCall)"
            guard present.contains(copy), present.contains(original), copy != original else { continue }
            // Two calls naming each other: the one that sorts first stays the original.
            if linked.contains("\(original)>\(copy)"), copy < original { continue }
            if out[copy] == nil { out[copy] = link }
        }
        return out
    }
}

extension CorpusAnalysis {
    /// The partial result of one document: scores for every official turn of a transcript, or the
    /// reference n-grams of an article. A pure function of its inputs, safe to run concurrently.
    /// - Parameters:
    ///   - detections: the lexicon stage's detections for a turn.
    ///   - words: the segmenter's words of a text.
    public static func analysing(_ document: Document, scorer: AnswerScorer,
                                 detections: (Turn) -> [Detection],
                                 words: (String) -> [String]) -> CorpusAnalysis {
        let entry = DocumentEntry(document)
        guard document.status.isAnalysed else { return CorpusAnalysis(documents: [entry]) }
        let n = max(1, Int(scorer.resources.weights["boilerplate.n"]))
        if document.kind == .article {
            var grams: Set<String> = []
            for p in document.preamble + document.paragraphs {
                for g in wordNgrams(words(p.text), n: n, stopWords: scorer.resources.stopWords) { grams.insert(g) }
            }
            return CorpusAnalysis(documents: [entry], referenceNgrams: grams)
        }
        var calls: [CallEntry] = []
        var answers: [ScoredAnswer] = []
        for call in document.calls {
            calls.append(CallEntry(document: document.id, call: call.index, header: call.header?.text,
                                   headerLine: call.header?.lines.lowerBound, organisation: call.organisation,
                                   turns: call.turns.count, officialTurns: call.officialTurns.count,
                                   events: call.events.map(\.kind)))
            // A hang-up is charged to the last official turn before it.
            var hangUpsAfter: [Int: Int] = [:]
            for e in call.events where e.kind == .hangUp {
                let before = call.turns.last { $0.role == .official && $0.index <= (e.afterTurn ?? -1) }
                if let t = before { hangUpsAfter[t.index, default: 0] += 1 }
            }
            let contexts = AnswerContext.contexts(in: call, document: document.id, detections: detections, words: words)
            for ctx in contexts {
                let turn = call.turns[ctx.turn]
                let speaker = turn.speaker < call.speakers.count ? call.speakers[turn.speaker] : nil
                let official = OfficialKey(
                    organisation: speaker?.organisation ?? call.organisation ?? speaker?.label ?? "?",
                    department: speaker?.department ?? call.department,
                    surname: speaker?.surname ?? call.person)
                answers.append(ScoredAnswer(
                    score: scorer.score(ctx), speaker: speaker?.label ?? "?", official: official,
                    line: turn.lines.lowerBound, text: turn.text, question: ctx.question,
                    questionType: scorer.resources.questionType(of: ctx.question),
                    orientation: scorer.resources.orientation(of: turn.text),
                    words: ctx.answerWords, hangUps: hangUpsAfter[turn.index] ?? 0))
            }
        }
        return CorpusAnalysis(documents: [entry], calls: calls, answers: answers)
    }
}

extension ScoringResources {
    /// Authority and grassroots terms in `text`, and its length without punctuation.
    public func orientation(of text: String) -> OrientationCounts {
        let s = foldedScalars(text)
        var counts = OrientationCounts(characters: s.reduce(0) { $0 + (isPunctuationOrSpace($1) ? 0 : 1) })
        for m in orientationMatcher.matches(in: s) {
            if m.term < orientation["authority"].count { counts.authority += 1 } else { counts.grassroots += 1 }
            counts.terms[orientationMatcher.terms[m.term], default: 0] += 1
        }
        return counts
    }
}

/// Word n-grams that do not cross punctuation and neither begin nor end with a stop word (so that
/// 的 and 在 do not make phrases match), joined without spaces.
public func wordNgrams(_ words: [String], n: Int, stopWords: Set<String>) -> [String] {
    var out: [String] = []
    var run: [String] = []
    func flush() {
        if run.count >= n {
            for i in 0...(run.count - n) {
                let g = run[i..<(i + n)]
                if !stopWords.contains(g.first!), !stopWords.contains(g.last!) { out.append(g.joined()) }
            }
        }
        run.removeAll(keepingCapacity: true)
    }
    for w in words {
        if w.isEmpty || w.allSatisfy({ $0 == " " }) { continue }
        if isPunctuationWord(w) { flush() } else { run.append(w) }
    }
    flush()
    return out
}
