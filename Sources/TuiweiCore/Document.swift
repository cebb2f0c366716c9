/// What a document is.
public enum DocumentKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Telephone call transcript(s) with speaker labels.
    case transcript
    /// A news article (e.g. a union newspaper page): the "official media" reference text.
    case article
    /// Anything else that could be read.
    case other
}

/// Whether a document took part in the analysis.
public enum DocumentStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    case analysed
    case skipped(reason: String)
    /// Read, but it looks like dialogue and no turns could be read from it: it takes no part in
    /// the analysis, and says so rather than pass for an empty transcript.
    case unread(reason: String)

    public var description: String {
        switch self {
        case .analysed: "analysed"
        case .skipped(let reason): "skipped: \(reason)"
        case .unread(let reason): "not read as a transcript: \(reason)"
        }
    }

    /// `analysed`, `skipped` or `unread`, the word the machine-readable outputs use.
    public var name: String {
        switch self {
        case .analysed: "analysed"
        case .skipped: "skipped"
        case .unread: "unread"
        }
    }

    /// Why the document took no part, or nil when it did.
    public var reason: String? {
        switch self {
        case .analysed: nil
        case .skipped(let reason), .unread(let reason): reason
        }
    }

    public var isAnalysed: Bool { if case .analysed = self { true } else { false } }
}

/// A line removed by normalisation, recorded so that nothing disappears unaccounted.
public struct NoiseLine: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A bare page number left by a PDF export.
        case pageNumber = "page-number"
    }
    public let kind: Kind
    public let line: Int
    public let text: String

    public init(kind: Kind, line: Int, text: String) {
        self.kind = kind
        self.line = line
        self.text = text
    }
}

/// One input file after loading and structuring.
public struct Document: Sendable, Hashable, Codable {
    /// File name without extension (`000_43baa8c35279a078`), or `stdin`.
    public let id: String
    /// The path as given by the user.
    public let path: String
    public let kind: DocumentKind
    public let status: DocumentStatus
    /// Encoding the file was decoded from (`UTF-8`, `UTF-16LE`, `GB18030`), nil if unreadable.
    public let encoding: String?
    /// Text before the first call or label (a transcript's title, an article's headline).
    public let preamble: [Passage]
    /// Calls, for transcripts.
    public let calls: [Call]
    /// Paragraphs, for articles and other documents (wrapped lines re-joined).
    public let paragraphs: [Passage]
    /// Removed page numbers and similar noise.
    public let noise: [NoiseLine]
    /// Warnings and notes raised while reading (e.g. unattributed text).
    public let diagnostics: [Diagnostic]
    /// Every span that had the shape of a speaker label, taken or not, and why.
    public let labels: [LabelDecision]

    public init(id: String, path: String, kind: DocumentKind, status: DocumentStatus, encoding: String?,
                preamble: [Passage] = [], calls: [Call] = [], paragraphs: [Passage] = [],
                noise: [NoiseLine] = [], diagnostics: [Diagnostic] = [], labels: [LabelDecision] = []) {
        self.id = id
        self.path = path
        self.kind = kind
        self.status = status
        self.encoding = encoding
        self.preamble = preamble
        self.calls = calls
        self.paragraphs = paragraphs
        self.noise = noise
        self.diagnostics = diagnostics
        self.labels = labels
    }

    /// A document that could not be read, carrying the reason.
    public static func skipped(id: String, path: String, reason: String, encoding: String? = nil) -> Document {
        Document(id: id, path: path, kind: .other, status: .skipped(reason: reason), encoding: encoding,
                 diagnostics: [Diagnostic(.error, file: path, reason)])
    }
}

/// A call found again in another document (an excerpt), so that later stages count it once.
public struct DuplicateLink: Sendable, Hashable, Codable {
    /// The copy: document id and 1-based call index.
    public let document: String
    public let call: Int
    /// The call it repeats.
    public let original: String
    public let originalCall: Int
    /// Share of the copy's official speech found in the original (0–1).
    public let containment: Double
    /// Share of the original's official speech the copy covers (0–1).
    public let coverage: Double

    public init(document: String, call: Int, original: String, originalCall: Int, containment: Double, coverage: Double) {
        self.document = document
        self.call = call
        self.original = original
        self.originalCall = originalCall
        self.containment = containment
        self.coverage = coverage
    }
}

/// Whether a span shaped like a speaker label (`记者：`, `[王德学]`, `问：`) was taken as one, and why.
public struct LabelDecision: Sendable, Hashable, Codable {
    /// The label as written (without its colon or brackets).
    public let written: String
    /// Where it first occurs (1-based line and column).
    public let line: Int
    public let column: Int
    /// How many times the same name occurs in that shape.
    public let count: Int
    /// The speaker it was read as, or nil when it was not taken as a label.
    public let speaker: String?
    /// The evidence for and against, in the order it was weighed.
    public let reasons: [String]

    public init(written: String, line: Int, column: Int, count: Int, speaker: String?, reasons: [String]) {
        self.written = written
        self.line = line
        self.column = column
        self.count = count
        self.speaker = speaker
        self.reasons = reasons
    }

    public var accepted: Bool { speaker != nil }
}
