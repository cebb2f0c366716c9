import Foundation
import TuiweiCore
import TuiweiCorpus
import TuiweiReports
import TuiweiAggregates
import TuiweiScoring
import TuiweiTranscript

/// What a streaming run must know before it counts its first document: which calls repeat
/// another (the fuller call is counted, wherever it comes in the corpus) and the phrases of the
/// article documents that official speech is compared with.
public struct CorpusSurvey: Sendable {
    public let referenceNgrams: Set<String>
    /// `document#call` → the call it repeats.
    public let copies: [CallID: DuplicateLink]
}

extension CorpusSurvey {
    /// Every document of `sources` read and parsed, concurrently, for its call fingerprints, and
    /// `phrases` taken from each; parsed documents are held in `holding` while its budget lasts.
    /// The first pass of every command that must know which calls repeat another before it
    /// shows the first document.
    /// A file of `streamedBytes` or more is read in passes, a call at a time (`StreamedTranscript`),
    /// and its plan held in `holding`.
    /// - Returns: the calls that repeat another document's call, and the phrases.
    public static func read(_ sources: [CorpusSource], conventions: TranscriptConventions, jobs: Int,
                            holding: HeldDocuments? = nil, phrases: (@Sendable (Document) -> Set<String>)? = nil,
                            streamedBytes: Int = StreamedTranscript.defaultMinimumBytes,
                            progress: RunProgress? = nil) async -> (links: [DuplicateLink], phrases: Set<String>) {
        var calls = DuplicateCalls.Index()
        var reference: Set<String> = []
        try? await orderedMap(count: sources.count, jobs: jobs) { i in
            if let plan = StreamedTranscript.plan(sources[i], conventions: conventions, minimumBytes: streamedBytes) {
                var prints: [DuplicateCalls.Fingerprint] = []
                var calls = plan.calls()
                while let c = calls.next() { if let f = DuplicateCalls.fingerprint(of: c, in: plan.shell.id) { prints.append(f) } }
                holding?.put(i, plan)
                return (prints, Set<String>(), true)
            }
            let document = TranscriptReader.read(sources[i], conventions: conventions)
            let prints = DuplicateCalls.fingerprints(of: document)
            let size = HeldDocuments.size(of: document)
            if let holding, holding.reserve(size) { holding.put(i, document) }
            return (prints, phrases?(document) ?? [], size >= FreedMemory.largeDocumentBytes)
        } consume: { i, found in
            for f in found.0 { calls.add(f) }
            reference.formUnion(found.1)
            if found.2 { FreedMemory.release() }
            progress?("reading", i + 1, sources.count)
        }
        // Every linked call was read in this pass, so every one is present.
        return (calls.links(), reference)
    }
}

/// How far a streaming run has got: `phase` is "reading" (the survey) or "analysing".
public typealias RunProgress = @Sendable (_ phase: String, _ done: Int, _ total: Int) -> Void

extension AnalysisEngine {
    /// Analyses `sources` and writes their reports while it goes, in two passes over the corpus:
    /// the survey reads and parses every document for its call fingerprints and article phrases;
    /// the second pass analyses each document, renders its rows where it was analysed and hands
    /// them to `stream` in corpus order. The documents the survey parsed are held for the second
    /// pass up to `heldTextBytes` of turn text, so a corpus of that size is read and parsed once;
    /// beyond it, a document is read again rather than held, and a corpus many times that size
    /// holds none (`HeldDocuments`). Memory holds the survey's duplicate
    /// links and article phrases, the held documents, the running totals and at most a window of
    /// documents in flight (of calls, for a document of many calls), whatever the size of the
    /// corpus; the survey's fingerprints take 4 bytes per sampled shingle.
    /// The output is the same whatever `jobs` is, and the same as `ReportWriter` gives for the
    /// whole analysis held in memory.
    /// - Parameter makeStream: builds the stream once the survey's context is known.
    public func stream(_ sources: [CorpusSource], jobs: Int, formats: [ReportFormat],
                       makeStream: (ReportStream.Context) throws -> ReportStream,
                       heldTextBytes: Int = defaultHeldTextBytes,
                       streamedBytes: Int = StreamedTranscript.defaultMinimumBytes,
                       progress: RunProgress? = nil) async throws -> ReportStream.Result {
        let ordered = sources.sorted { ($0.id, $0.path) < ($1.id, $1.path) }
        let held = HeldDocuments(budget: heldTextBytes)
        let survey = await self.survey(ordered, jobs: jobs, holding: held, streamedBytes: streamedBytes, progress: progress)
        // The survey's duplicate index is let go by now: the analysis pass need not sit on it.
        FreedMemory.release()
        let context = ReportStream.Context(resources: scoring, copies: survey.copies,
                                           referenceNgrams: survey.referenceNgrams, formats: formats,
                                           provenance: provenance)
        let stream = try makeStream(context)
        try await forEachPart(of: ordered, jobs: jobs, fingerprints: false, held: held, phrasesKnown: true,
                              streamedBytes: streamedBytes) { part in
            ReportStream.render(part, context: context)
        } consume: { rendered in
            try stream.add(rendered)
        } finished: { i, _ in
            progress?("analysing", i + 1, ordered.count)
        }
        return try stream.finish()
    }

    /// The first pass of a streaming run: every document read and parsed, concurrently, for its
    /// call fingerprints, and the articles analysed for their phrases. Parsed documents are held
    /// in `holding` while its budget lasts.
    public func survey(_ sources: [CorpusSource], jobs: Int, holding: HeldDocuments? = nil,
                       streamedBytes: Int = StreamedTranscript.defaultMinimumBytes,
                       progress: RunProgress? = nil) async -> CorpusSurvey {
        let found = await CorpusSurvey.read(sources, conventions: conventions, jobs: jobs, holding: holding,
                                            phrases: { $0.kind == .article ? self.analyse($0).referenceNgrams : [] },
                                            streamedBytes: streamedBytes, progress: progress)
        return CorpusSurvey(referenceNgrams: found.phrases, copies: CorpusAnalysis.copies(found.links))
    }

    /// The one scheduler of every run, whole or sharded: documents are read and parsed once each,
    /// `jobs` at a time, and analysed; each part of the result goes through `transform` where it
    /// was analysed, and to `consume` in corpus order. A document of a few calls is one part, its
    /// calls analysed concurrently; a document of many calls is handed on call by call, then as
    /// its document entry, so memory holds the document and a window of calls, not all their
    /// results. `finished` is called after each document's last part, with the document's call
    /// fingerprints when `fingerprints` is set.
    /// A document in `held` is taken from there, not read again. With `phrasesKnown` (the
    /// survey has taken the articles' phrases already) an article is not segmented again: its
    /// part is its document entry alone. A file of `streamedBytes` or more (its plan taken from
    /// `held`, or made here) is read once more, a batch of calls at a time.
    func forEachPart<T: Sendable>(of sources: [CorpusSource], jobs: Int, fingerprints: Bool, held: HeldDocuments? = nil,
                                  phrasesKnown: Bool = false, streamedBytes: Int = StreamedTranscript.defaultMinimumBytes,
                                  transform: @escaping @Sendable (CorpusAnalysis) -> T,
                                  consume: (T) async throws -> Void,
                                  finished: (_ document: Int, _ fingerprints: [DuplicateCalls.Fingerprint]) async throws -> Void) async throws {
        // A large document is given back once its piece is let go, at the next piece.
        var releaseDue = false
        try await orderedMap(count: sources.count, jobs: jobs) { i in
            if let plan = held?.takePlan(i)
                ?? (held?.hasDocument(i) == true ? nil : StreamedTranscript.plan(sources[i], conventions: self.conventions, minimumBytes: streamedBytes)) {
                return RunPiece<T>.streamed(plan)
            }
            let document = held?.take(i) ?? TranscriptReader.read(sources[i], conventions: self.conventions)
            let prints = fingerprints ? DuplicateCalls.fingerprints(of: document) : []
            if document.calls.count >= Self.callsStreamedOneByOne { return RunPiece<T>.manyCalls(document, prints) }
            if phrasesKnown, document.kind == .article {
                return RunPiece<T>.whole(transform(CorpusAnalysis(documents: [DocumentEntry(document)])), prints)
            }
            return RunPiece<T>.whole(transform(await self.analyseCalls(document)), prints)
        } consume: { i, piece in
            if releaseDue { FreedMemory.release(); releaseDue = false }
            switch piece {
            case .whole(let part, let prints):
                try await consume(part)
                try await finished(i, prints)
            case .manyCalls(let document, let prints):
                try await orderedMap(count: document.calls.count, jobs: jobs) { k in
                    transform(self.analyse(document.calls[k], of: document))
                } consume: { _, part in
                    try await consume(part)
                }
                try await consume(transform(CorpusAnalysis(documents: [DocumentEntry(document)])))
                try await finished(i, prints)
                releaseDue = HeldDocuments.size(of: document) >= FreedMemory.largeDocumentBytes
            case .streamed(let plan):
                // The calls are read in batches, each analysed `jobs` at a time, so memory holds
                // a batch, not the file.
                var calls = plan.calls()
                var prints: [DuplicateCalls.Fingerprint] = []
                let shell = plan.shell
                while true {
                    var batch: [Call] = []
                    var bytes = 0
                    while batch.count < Self.streamedBatchCalls, bytes < Self.streamedBatchBytes, let c = calls.next() {
                        batch.append(c)
                        for t in c.turns { bytes += t.text.utf8.count }
                    }
                    if batch.isEmpty { break }
                    if fingerprints { prints += batch.compactMap { DuplicateCalls.fingerprint(of: $0, in: shell.id) } }
                    let taken = batch
                    try await orderedMap(count: taken.count, jobs: jobs) { k in
                        transform(self.analyse(taken[k], of: shell))
                    } consume: { _, part in
                        try await consume(part)
                    }
                }
                try await consume(transform(CorpusAnalysis(documents: [DocumentEntry(shell, calls: plan.callCount)])))
                try await finished(i, prints)
                releaseDue = true
            }
        }
        if releaseDue { FreedMemory.release() }
    }

    /// A document this many calls long is handed on call by call.
    static let callsStreamedOneByOne = 8

    /// A file read a call at a time is analysed in batches of at most this many calls, or of
    /// turn text.
    static let streamedBatchCalls = 256
    static let streamedBatchBytes = 4 << 20

    /// How much turn text a streaming run holds parsed between its two passes: a parsed
    /// document takes about three and a half times its text, so this adds at most some 30 MB.
    public static let defaultHeldTextBytes = 8 << 20

    /// One call of `document`, without the document's entry.
    func analyse(_ call: Call, of document: Document) -> CorpusAnalysis {
        let single = Document(id: document.id, path: document.path, kind: document.kind, status: document.status,
                              encoding: document.encoding, calls: [call])
        let a = analyse(single)
        return CorpusAnalysis(calls: a.calls, answers: a.answers, referenceNgrams: a.referenceNgrams)
    }

    /// A document's analysis; a document of several calls has its calls analysed concurrently,
    /// so that its calls also use every core.
    func analyseCalls(_ document: Document) async -> CorpusAnalysis {
        guard document.calls.count > 1 else { return analyse(document) }
        let parts = await withTaskGroup(of: CorpusAnalysis.self) { group in
            for call in document.calls {
                group.addTask { self.analyse(call, of: document) }
            }
            var out: [CorpusAnalysis] = []
            for await part in group { out.append(part) }
            return out
        }
        return CorpusAnalysis.merged(parts + [CorpusAnalysis(documents: [DocumentEntry(document)])])
    }
}

/// Documents a streaming run's survey parsed, held for its second pass within a budget of turn
/// text; each is taken once, so its memory goes as soon as it is analysed. In a corpus many
/// times the budget, holding a part saves little of the second pass's reading and parsing, but
/// the held documents would stand beside the survey's duplicate index where memory peaks: once
/// the survey has read `corpusFactor` times the budget, what is held is let go and nothing more is.
public final class HeldDocuments: @unchecked Sendable {
    private let lock = NSLock()
    private var documents: [Int: Document] = [:]
    private var plans: [Int: StreamedTranscript] = [:]
    private let budget: Int
    private var left: Int
    private var read = 0
    /// Set once the corpus is known to be too large for holding to pay.
    private var givenUp = false
    static let corpusFactor = 4

    public init(budget: Int) {
        self.budget = budget
        left = budget
    }

    /// The bytes of turn and paragraph text `document` holds: what its memory grows with.
    static func size(of document: Document) -> Int {
        var bytes = 0
        for call in document.calls { for turn in call.turns { bytes += turn.text.utf8.count } }
        for p in document.paragraphs { bytes += p.text.utf8.count }
        return max(1, bytes)
    }

    /// Counts a document of `bytes` as read, and takes that much of the budget if that much is
    /// left and the corpus read so far is not too large for holding.
    func reserve(_ bytes: Int) -> Bool {
        lock.withLock {
            read += bytes
            if !givenUp, read / Self.corpusFactor > budget {
                givenUp = true
                documents = [:]
            }
            guard !givenUp, bytes <= left else { return false }
            left -= bytes
            return true
        }
    }

    func put(_ i: Int, _ document: Document) { lock.withLock { if !givenUp { documents[i] = document } } }

    public func take(_ i: Int) -> Document? { lock.withLock { documents.removeValue(forKey: i) } }

    /// The plan of a file read a call at a time, kept whatever the budget: it holds the
    /// document's decisions, not its text, and saves reading the file twice more.
    func put(_ i: Int, _ plan: StreamedTranscript) { lock.withLock { plans[i] = plan } }

    public func takePlan(_ i: Int) -> StreamedTranscript? { lock.withLock { plans.removeValue(forKey: i) } }

    func hasDocument(_ i: Int) -> Bool { lock.withLock { documents[i] != nil } }
}

/// A document's result, or a document of many calls, to be analysed call by call as it is
/// consumed, or a file to be read a call at a time.
private enum RunPiece<T: Sendable>: Sendable {
    case whole(T, [DuplicateCalls.Fingerprint])
    case manyCalls(Document, [DuplicateCalls.Fingerprint])
    case streamed(StreamedTranscript)
}

/// Runs `work` on items `0..<count` concurrently — at most `jobs` at once, and never more than a
/// small window ahead of the first item not yet consumed, so finished results wait in a bounded
/// buffer — and passes each result to `consume` in item order.
func orderedMap<T: Sendable>(count: Int, jobs: Int, work: @escaping @Sendable (Int) async -> T,
                             consume: (Int, T) async throws -> Void) async throws {
    let jobs = max(1, jobs)
    let window = jobs * 4
    try await withThrowingTaskGroup(of: (Int, T).self) { group in
        var next = 0
        var consumed = 0
        var waiting: [Int: T] = [:]
        var running = 0
        func fill() {
            while running < jobs, next < count, next - consumed < window {
                let i = next
                group.addTask { (i, await work(i)) }
                next += 1
                running += 1
            }
        }
        fill()
        while let (i, result) = try await group.next() {
            running -= 1
            waiting[i] = result
            while let ready = waiting.removeValue(forKey: consumed) {
                try await consume(consumed, ready)
                consumed += 1
            }
            fill()
        }
    }
}
