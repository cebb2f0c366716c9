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

    /// - Parameter calls: how many calls the document holds, when `d` holds none of them (a
    ///   document read a call at a time).
    public init(_ d: Document, calls: Int? = nil) {
        id = d.id
        path = d.path
        kind = d.kind
        status = d.status
        encoding = d.encoding
        self.calls = calls ?? d.calls.count
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
    /// Labels of those who answered without speaking for a body (workers, residents, experts):
    /// listed, not scored or ranked. Nil when there are none.
    public let respondents: [String]?

    public init(document: String, call: Int, header: String?, headerLine: Int?, organisation: String?,
                turns: Int, officialTurns: Int, events: [Event.Kind], respondents: [String] = []) {
        self.document = document
        self.call = call
        self.header = header
        self.headerLine = headerLine
        self.organisation = organisation
        self.turns = turns
        self.officialTurns = officialTurns
        self.events = events
        self.respondents = respondents.isEmpty ? nil : respondents
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
    /// The bodies the turn's referral and deference detections point to, in detection order.
    public let targets: [ReferralTarget]

    public init(score: AnswerScore, speaker: String, official: OfficialKey, line: Int, text: String, question: String,
                questionType: QuestionType, orientation: OrientationCounts, words: [String], hangUps: Int,
                targets: [ReferralTarget] = []) {
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
        self.targets = targets
    }
}

extension AnswerScore {
    /// The number every output gives the turn: its place among all turns of its call, counted
    /// from 1 (`turn` is the 0-based index into `Call.turns`). `officialTurn`, also from 1, is its
    /// place among the call's official turns, the number the gold files and the charts use.
    public var turnNumber: Int { turn + 1 }
}

extension CallEntry {
    public var id: CallID { CallID(document: document, call: call) }
}

extension ScoredAnswer {
    /// The call the answer was given in.
    public var callID: CallID { CallID(document: score.document, call: score.call) }
}
