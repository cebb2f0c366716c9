import Foundation
import TuiweiCore
import TuiweiCorpus
import TuiweiLexicon
import TuiweiAggregates
import TuiweiScoring
import TuiweiSegmentation
import TuiweiTranscript

/// Everything a run needs — segmenter, detector, scoring weights — loaded once and shared by
/// every task. Analysing a document is a pure function of the document.
public struct AnalysisEngine: Sendable {
    public let detection: DeflectionDetection
    public let segmenter: Segmenter
    public let scoring: ScoringResources
    public let scorer: AnswerScorer
    /// The transcript stage's words every document of the run is read with.
    public let conventions: TranscriptConventions
    /// The release and data files the engine was loaded from; nil for an engine put together
    /// in code.
    public let provenance: RunProvenance?

    /// - Parameter scoring: its term lists are matched through the lexicons' script folding, so
    ///   a transcript in traditional script is scored like a simplified one.
    public init(detection: DeflectionDetection, segmenter: Segmenter, scoring: ScoringResources,
                conventions: TranscriptConventions = .standard, provenance: RunProvenance? = nil) {
        var scoring = scoring
        scoring.normaliser = detection.detector.lexicon.normaliser
        self.detection = detection
        self.segmenter = segmenter
        self.scoring = scoring
        self.scorer = AnswerScorer(resources: scoring)
        self.conventions = conventions
        self.provenance = provenance
    }

    /// The same engine scoring with `weights`.
    public func with(weights: ScoringWeights) -> AnalysisEngine {
        AnalysisEngine(detection: detection, segmenter: segmenter, scoring: scoring.with(weights: weights), conventions: conventions,
                       provenance: provenance?.with(weights: weights))
    }

    /// Loads the deflection lexicons of `layout` (unless `defaultLexicons` is false) plus
    /// `lexicons`, and the layout's segmentation dictionary, scoring files, weights and
    /// transcript words.
    /// - Parameter layout: the shipped `lexicons/` when nil.
    /// - Throws: a `Diagnostic` (or lexicon error) naming the file and line that could not be used.
    public static func load(lexicons: [String] = [], defaultLexicons: Bool = true, layout: LexiconLayout? = nil) throws -> AnalysisEngine {
        let layout = try layout ?? LexiconLayout.shipped()
        let detection = try DeflectionDetection.load(extra: lexicons, defaults: defaultLexicons, layout: layout)
        guard let segmenter = detection.segmenter else {
            throw Diagnostic(.error, file: layout.dictionary, "cannot load the segmentation dictionary")
        }
        let conventions = try TranscriptConventions.load(directory: layout.transcript, normaliser: detection.detector.lexicon.normaliser)
        let scoring = try ScoringResources.load(layout: layout)
        // Hashed after loading, so a file that cannot be used is reported by its loader first.
        let provenance = try RunProvenance.ofRun(layout: layout, lexicons: lexicons, defaultLexicons: defaultLexicons)
        return AnalysisEngine(detection: detection, segmenter: segmenter, scoring: scoring,
                              conventions: conventions, provenance: provenance)
    }

    /// One document through detection and scoring, each turn analysed once
    /// (`DeflectionDetection.analyse(_:)`).
    /// - Parameter scorer: another scorer than the engine's (fitting scores with unit weights).
    public func analyse(_ document: Document, scorer: AnswerScorer? = nil) -> CorpusAnalysis {
        let calls = detection.analyse(document)
        // An article's paragraphs give the phrases boilerplate is recognised by.
        let paragraphWords = document.kind == .article
            ? (document.preamble + document.paragraphs).map { detection.words(in: $0.text) } : []
        return CorpusAnalysis.analysing(document, calls: calls, paragraphWords: paragraphWords, scorer: scorer ?? self.scorer)
    }
}

/// The result of a run over a corpus (or over one shard of it).
public struct CorpusRun: Sendable {
    /// Every document's result, duplicate calls not yet linked.
    public let partial: CorpusAnalysis
    /// What duplicate detection needs of each call, so shards can be linked when merged.
    public let fingerprints: [DuplicateCalls.Fingerprint]

    public init(partial: CorpusAnalysis, fingerprints: [DuplicateCalls.Fingerprint]) {
        self.partial = partial
        self.fingerprints = fingerprints
    }

    /// The complete result, with calls that repeat another linked to it.
    public var analysis: CorpusAnalysis { partial.addingDuplicates(DuplicateCalls.find(fingerprints)) }

    /// Documents that could not be analysed, with their reasons.
    public var skipped: [DocumentEntry] { partial.documents.filter { !$0.status.isAnalysed } }

    /// Runs over disjoint parts of a corpus, as one.
    public static func merged(_ runs: [CorpusRun]) -> CorpusRun {
        CorpusRun(partial: CorpusAnalysis.merged(runs.map(\.partial)), fingerprints: runs.flatMap(\.fingerprints))
    }
}

extension AnalysisEngine {
    /// Analyses every source through the run's one scheduler (`forEachPart`) and keeps the
    /// result in memory: the run of one shard, or of a corpus small enough to hold. The partial
    /// results are combined canonically, so the output is the same whatever `jobs` is.
    /// `progress` is called after each document with (done, total).
    /// A file of `streamedBytes` or more is read a call at a time.
    public func run(_ sources: [CorpusSource], jobs: Int, streamedBytes: Int = StreamedTranscript.defaultMinimumBytes,
                    progress: (@Sendable (Int, Int) -> Void)? = nil) async -> CorpusRun {
        var parts: [CorpusAnalysis] = []
        var fingerprints: [DuplicateCalls.Fingerprint] = []
        // Nothing in the transform or the consumer throws.
        try? await forEachPart(of: sources, jobs: jobs, fingerprints: true, streamedBytes: streamedBytes) { $0 } consume: { part in
            parts.append(part)
        } finished: { i, prints in
            fingerprints += prints
            progress?(i + 1, sources.count)
        }
        return CorpusRun(partial: CorpusAnalysis.merged(parts), fingerprints: fingerprints)
    }

    /// The subset of `sources` a shard `index` of `count` (1-based) processes: every count-th
    /// document, so shards are deterministic and balanced.
    public static func shard(_ sources: [CorpusSource], index: Int, count: Int) -> [CorpusSource] {
        sources.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }
}
