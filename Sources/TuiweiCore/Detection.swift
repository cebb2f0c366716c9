/// The categories of `TAXONOMY.md`: twelve deflections, two modifiers, four answer signs.
public enum Code: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case ignorance = "IGNORANCE"
    case referral = "REFERRAL"
    case jurisdiction = "JURISDICTION"
    case deferUp = "DEFER_UP"
    case deferAdmin = "DEFER_ADMIN"
    case nonCommitment = "NON_COMMITMENT"
    case gatekeeping = "GATEKEEPING"
    case resourceExcuse = "RESOURCE_EXCUSE"
    case vagueFuture = "VAGUE_FUTURE"
    case boilerplate = "BOILERPLATE"
    case counterQuestion = "COUNTER_QUESTION"
    case termination = "TERMINATION"
    case hedge = "HEDGE"
    case backchannel = "BACKCHANNEL"
    case direct = "DIRECT"
    case specific = "SPECIFIC"
    case acknowledge = "ACKNOWLEDGE"
    case commit = "COMMIT"

    public enum Kind: String, Sendable, Hashable, Codable { case deflection, modifier, answer }

    public var kind: Kind {
        switch self {
        case .hedge, .backchannel: .modifier
        case .direct, .specific, .acknowledge, .commit: .answer
        default: .deflection
        }
    }

    public static var deflections: [Code] { allCases.filter { $0.kind == .deflection } }

    public static func < (a: Code, b: Code) -> Bool { a.rawValue < b.rawValue }
}

/// Where a detection came from: the lexicon file and line of the entry that fired.
public struct RuleReference: Sendable, Hashable, Codable, CustomStringConvertible {
    public let file: String
    public let line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line`; a rule that is not a file's line (line 0, such as `question:how-many`) is its name alone.
    public var description: String { line > 0 ? "\(file):\(line)" : file }
}

/// One phrase found in an official's turn, with its exact span and its place in the original.
public struct Detection: Sendable, Hashable, Codable {
    public let code: Code
    /// The matched text as it stands in the turn.
    public let text: String
    /// Scalar offsets of the match in `Turn.text`.
    public let range: Range<Int>
    /// Original line and column of the match's first character.
    public let location: SourceLocation
    /// The lexicon entry that produced it.
    public let rule: RuleReference
    /// The entry's weight (used by scoring).
    public let weight: Double

    public init(code: Code, text: String, range: Range<Int>, location: SourceLocation, rule: RuleReference, weight: Double) {
        self.code = code
        self.text = text
        self.range = range
        self.location = location
        self.rule = rule
        self.weight = weight
    }
}

/// One term of a score, so that every score can be explained.
public struct Contribution: Sendable, Hashable, Codable {
    /// Feature name as written in the weights file (`deflection.IGNORANCE`, `overlap`, …).
    public let feature: String
    /// Points added to (or, when negative, taken from) the score.
    public let points: Double
    /// What triggered it, e.g. the matched text.
    public let detail: String

    public init(feature: String, points: Double, detail: String) {
        self.feature = feature
        self.points = points
        self.detail = detail
    }
}

/// The responsiveness judgement of one official turn inside its exchange.
public struct AnswerScore: Sendable, Hashable, Codable {
    public let document: String
    /// 1-based call index in the document.
    public let call: Int
    /// Index of the turn in `Call.turns`.
    public let turn: Int
    /// 1-based position among the call's official turns (the numbering of the gold files).
    public let officialTurn: Int
    /// 0–100.
    public let score: Double
    /// 0–3, or nil when the turn is a greeting or backchannel only.
    public let grade: Int?
    public let detections: [Detection]
    public let contributions: [Contribution]

    public init(document: String, call: Int, turn: Int, officialTurn: Int, score: Double, grade: Int?,
                detections: [Detection], contributions: [Contribution]) {
        self.document = document
        self.call = call
        self.turn = turn
        self.officialTurn = officialTurn
        self.score = score
        self.grade = grade
        self.detections = detections
        self.contributions = contributions
    }
}
