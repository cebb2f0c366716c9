/// One turn as every stage after the transcript sees it: its words, segmented once in the
/// dictionary's script, their scalar ranges in the turn's text, and its detections.
public struct TurnAnalysis: Sendable, Hashable {
    /// Index of the turn in `Call.turns`.
    public let turn: Int
    /// Scalar ranges of the words in the turn's text (empty without a segmenter).
    public let tokens: [Range<Int>]
    /// The words, folded to simplified script so they compare alike in either script.
    public let words: [String]
    /// The lexicon's detections, including codes given by events charged to this turn; empty
    /// for turns nobody answers in.
    public let detections: [Detection]

    public init(turn: Int, tokens: [Range<Int>], words: [String], detections: [Detection]) {
        self.turn = turn
        self.tokens = tokens
        self.words = words
        self.detections = detections
    }
}

/// A call with each of its turns analysed: what scoring, `parse`, `kwic` and `eval` all read.
public struct CallAnalysis: Sendable {
    public let call: Call
    /// One per turn, indexed as `call.turns`.
    public let turns: [TurnAnalysis]

    public init(call: Call, turns: [TurnAnalysis]) {
        precondition(turns.count == call.turns.count, "one analysis per turn")
        self.call = call
        self.turns = turns
    }

    /// The words of `exchange`'s question: its caller turns' words in order. Segmentation never
    /// joins words across the line break that separates the turns, so these are the words of
    /// `Call.question(of:)`.
    public func questionWords(of exchange: Exchange) -> [String] {
        exchange.callerTurns.filter { $0 < turns.count }.flatMap { turns[$0].words }
    }

    /// Detections by turn index, for the turns that have any.
    public var detectionsByTurn: [Int: [Detection]] {
        var out: [Int: [Detection]] = [:]
        for t in turns where !t.detections.isEmpty { out[t.turn] = t.detections }
        return out
    }
}
