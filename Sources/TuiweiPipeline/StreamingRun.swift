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

/// How far a streaming run has got: `phase` is "reading" (the survey) or "analysing".
public typealias RunProgress = @Sendable (_ phase: String, _ done: Int, _ total: Int) -> Void

extension AnalysisEngine {
    /// Analyses `sources` and writes their reports while it goes, in two passes over the corpus:
    /// the survey reads and parses every document for its call fingerprints and article phrases;
    /// the second pass analyses each document, renders its rows where it was analysed and hands
    /// them to `stream` in corpus order. Memory holds the survey's duplicate links and article
    /// phrases, the running totals and at most a window of documents in flight (of calls, for a
    /// document of many calls), whatever the size of the corpus; the survey itself peaks at its
    /// call fingerprints, 8 bytes per sampled shingle.
    /// The output is the same whatever `jobs` is, and the same as `ReportWriter` gives for the
    /// whole analysis held in memory.
    /// - Parameter makeStream: builds the stream once the survey's context is known.
    public func stream(_ sources: [CorpusSource], jobs: Int, formats: [ReportFormat],
                       makeStream: (ReportStream.Context) throws -> ReportStream,
                       progress: RunProgress? = nil) async throws -> ReportStream.Result {
        let ordered = sources.sorted { ($0.id, $0.path) < ($1.id, $1.path) }
        let survey = await self.survey(ordered, jobs: jobs, progress: progress)
        let context = ReportStream.Context(resources: scoring, copies: survey.copies,
                                           referenceNgrams: survey.referenceNgrams, formats: formats,
                                           provenance: provenance)
        let stream = try makeStream(context)
        /// A document's output, or a document of many calls, streamed call by call as it is consumed.
        enum Piece: Sendable {
            case rendered(ReportStream.Rendered)
            case manyCalls(Document)
        }
        try await orderedMap(count: ordered.count, jobs: jobs) { i in
            let document = TranscriptReader.read(ordered[i], conventions: self.conventions)
            if document.calls.count >= Self.callsStreamedOneByOne { return Piece.manyCalls(document) }
            return .rendered(ReportStream.render(await self.analyseCalls(document), context: context))
        } consume: { i, piece in
            switch piece {
            case .rendered(let rendered):
                try stream.add(rendered)
            case .manyCalls(let document):
                // One large file: its calls are analysed on every core and written as they come,
                // so memory holds the document and a window of calls, not all their results.
                try await orderedMap(count: document.calls.count, jobs: jobs) { k in
                    ReportStream.render(self.analyse(document.calls[k], of: document), context: context)
                } consume: { _, rendered in
                    try stream.add(rendered)
                }
                try stream.add(ReportStream.render(CorpusAnalysis(documents: [DocumentEntry(document)]), context: context))
            }
            progress?("analysing", i + 1, ordered.count)
        }
        return try stream.finish()
    }

    /// The first pass of a streaming run: every document read and parsed, concurrently, for its
    /// call fingerprints, and the articles analysed for their phrases.
    public func survey(_ sources: [CorpusSource], jobs: Int, progress: RunProgress? = nil) async -> CorpusSurvey {
        var calls = DuplicateCalls.Index()
        var reference: Set<String> = []
        try? await orderedMap(count: sources.count, jobs: jobs) { i in
            let document = TranscriptReader.read(sources[i], conventions: self.conventions)
            let grams = document.kind == .article ? self.analyse(document).referenceNgrams : []
            return (DuplicateCalls.fingerprints(of: document), grams)
        } consume: { i, found in
            for f in found.0 { calls.add(f) }
            reference.formUnion(found.1)
            progress?("reading", i + 1, sources.count)
        }
        // Every linked call was read in this survey, so every one is present.
        return CorpusSurvey(referenceNgrams: reference, copies: CorpusAnalysis.copies(calls.links()))
    }

    /// A document this many calls long is written call by call.
    static let callsStreamedOneByOne = 8

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
