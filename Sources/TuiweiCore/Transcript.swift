/// Who a speaker is in the conversation: the side they are on and, for the answering side,
/// whether they speak for an official body.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// The questioning side: the caller, reporter, host or interviewer, `问`.
    case caller
    /// Answers and speaks for a state, Party, union, enterprise-management or other public body.
    case official
    /// Answers but speaks for no body (a worker, resident, activist, expert, journalist).
    case respondent
    /// Neither side: a narrator, voice-over or caption.
    case narrator
    /// Not determinable from the text.
    case unknown

    /// The side of the conversation this role is on.
    public var side: Side {
        switch self {
        case .caller: .questioner
        case .official, .respondent: .answerer
        case .narrator: .other
        case .unknown: .unknown
        }
    }
}

/// Which side of the questioning a speaker is on.
public enum Side: String, Sendable, Hashable, Codable, CaseIterable {
    case questioner, answerer, other, unknown
}

/// One participant of a call, possibly written under several labels (`工会苏主席`, `苏主席`).
public struct Speaker: Sendable, Hashable, Codable {
    /// Position in `Call.speakers`.
    public let id: Int
    /// The label the speaker is most often written under, full-width folded (`CLB`, `巴南区总工会`).
    public let label: String
    /// Every label the speaker appears under, including `label`.
    public let aliases: [String]
    public let role: Role
    /// The organisation the speaker represents (for officials, usually from the label or header).
    public let organisation: String?
    /// Department, when the text says (`办公室`, `劳动和经济工作部`).
    public let department: String?
    /// Surname, when the text says (`我姓曾`, `免贵姓李`).
    public let surname: String?
    /// The role word that names the speaker's position (`主席`, `发言人`, `工作人员`), a field of its
    /// own rather than a department.
    public let title: String?
    /// The person's name, when the label or the text gives it (`汪文斌`, `王德学`).
    public let person: String?
    /// Why the speaker was put on their side and judged an official or not, in reading order.
    public let evidence: [String]

    public init(id: Int, label: String, aliases: [String], role: Role,
                organisation: String?, department: String?, surname: String?,
                title: String? = nil, person: String? = nil, evidence: [String] = []) {
        self.id = id
        self.label = label
        self.aliases = aliases
        self.role = role
        self.organisation = organisation
        self.department = department
        self.surname = surname
        self.title = title
        self.person = person
        self.evidence = evidence
    }

    public var side: Side { role.side }
    /// Speaks for an official body.
    public var isOfficial: Bool { role == .official }
}

/// One speaker's uninterrupted speech, from its label to the next label.
public struct Turn: Sendable, Hashable, Codable {
    /// How the turn's speaker was determined.
    public enum Attribution: String, Sendable, Hashable, Codable {
        /// The text carries the speaker's label.
        case label
        /// The labelled speech absorbed an unlabeled paragraph that clearly continues it.
        case continuation
        /// The turn repeats the speaker's previous turn in another language (a bilingual
        /// transcript's English lines): kept, but not scored a second time.
        case translation
        /// Quoted in running text rather than labelled: a message from the public and the
        /// official reply to it.
        case quoted
    }

    /// 0-based position among all turns of the call.
    public let index: Int
    /// `Speaker.id` in the call.
    public let speaker: Int
    public let role: Role
    /// The speech without its label, wrapped lines re-joined; offsets in detections count its scalars.
    public let passage: Passage
    public let attribution: Attribution
    /// The label as written, colon included (`ＣＬＢ：`), nil for a turn that has none.
    public let label: Passage?

    public init(index: Int, speaker: Int, role: Role, passage: Passage, attribution: Attribution, label: Passage? = nil) {
        self.index = index
        self.speaker = speaker
        self.role = role
        self.passage = passage
        self.attribution = attribution
        self.label = label
    }

    public var text: String { passage.text }
    public var lines: ClosedRange<Int> { passage.lines }
}

/// Something that happens in a call that nobody says.
public struct Event: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case hangUp = "hang-up"
        case voicemail
        case refusedCallBack = "refused-call-back"
    }

    public let kind: Kind
    public let passage: Passage
    /// Index of the last turn before the event, or nil when it precedes every turn.
    public let afterTurn: Int?

    public init(kind: Kind, passage: Passage, afterTurn: Int?) {
        self.kind = kind
        self.passage = passage
        self.afterTurn = afterTurn
    }
}

/// The caller's question turn(s) and the official turns that answer them, up to the next caller turn.
public struct Exchange: Sendable, Hashable, Codable {
    /// 0-based position in `Call.exchanges`.
    public let index: Int
    /// Turn indices, in order. May be empty when officials speak first (a greeting).
    public let callerTurns: [Int]
    public let officialTurns: [Int]

    public init(index: Int, callerTurns: [Int], officialTurns: [Int]) {
        self.index = index
        self.callerTurns = callerTurns
        self.officialTurns = officialTurns
    }
}

/// One telephone conversation.
public struct Call: Sendable, Hashable, Codable {
    /// 1-based position in its document.
    public let index: Int
    /// The header line that opens the call (`第二通电话 安阳市总工会 劳动和经济工作部`), if any.
    public let header: Passage?
    /// Organisation, department and person named by the header.
    public let organisation: String?
    public let department: String?
    public let person: String?
    public let speakers: [Speaker]
    public let turns: [Turn]
    public let events: [Event]
    public let exchanges: [Exchange]
    /// Paragraphs that could not be attributed to a speaker; kept, never dropped.
    public let unattributed: [Passage]

    public init(index: Int, header: Passage?, organisation: String?, department: String?, person: String?,
                speakers: [Speaker], turns: [Turn], events: [Event], exchanges: [Exchange],
                unattributed: [Passage]) {
        self.index = index
        self.header = header
        self.organisation = organisation
        self.department = department
        self.person = person
        self.speakers = speakers
        self.turns = turns
        self.events = events
        self.exchanges = exchanges
        self.unattributed = unattributed
    }

    /// The turns spoken by officials, in order: the unit scoring and the gold files count. A
    /// turn that only translates the one before is not counted again.
    public var officialTurns: [Turn] { turns.filter { $0.role == .official && $0.attribution != .translation } }

    /// The official turn an event is charged to: the last official turn at or before the turn
    /// the event follows (a hang-up after the caller's reply still ends the official's answer).
    /// The one rule for event codes, hang-up counts, answer contexts and exports.
    public func officialTurn(before event: Event) -> Turn? {
        guard let after = event.afterTurn else { return nil }
        return turns.last { $0.index <= after && $0.role == .official }
    }

    /// What the caller asked in `exchange`: the caller's turns joined by line breaks (empty when
    /// the official speaks first).
    public func question(of exchange: Exchange) -> String {
        exchange.callerTurns.filter { $0 < turns.count }.map { turns[$0].text }.joined(separator: "\n")
    }
}
