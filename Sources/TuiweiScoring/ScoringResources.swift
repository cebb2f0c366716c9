import Foundation
import TuiweiCore

/// Everything the scorer and the aggregates read from `lexicons/scoring/`, loaded once and shared.
public struct ScoringResources: Sendable {
    public private(set) var weights: ScoringWeights
    /// Words left out of the question–answer overlap and of the content count.
    public let stopWords: Set<String>
    /// Fillers, greetings, yes/no answer words and question markers (`cues.tsv`).
    public let cues: TermTable
    /// `authority` and `grassroots` terms (`orientation.tsv`) that name no body.
    public let orientation: TermTable
    /// The bodies officials point to (`bodies.tsv`): the targets of referrals, and the orientation
    /// profile's words for bodies.
    public let bodies: BodyTable
    public let targets: TargetFinder

    let fillers: PhraseMatcher
    let greetings: PhraseMatcher
    let yesNoAnswers: PhraseMatcher
    /// Markers of each kind of question (`question-…` in `cues.tsv`).
    let questionMarkers: [QuestionType: PhraseMatcher]
    /// Verbs that embed a question of fact in a yes/no one (你知道有多少家吗).
    let knowingVerbs: PhraseMatcher
    let numerals: Set<UInt32>
    let measures: PhraseMatcher
    /// Both poles in one matcher, so the longest term wins across poles: the orientation terms
    /// and the bodies whose kind has a pole.
    let orientationMatcher: PhraseMatcher
    /// Per term of `orientationMatcher`, whether it counts for authority (else for the grassroots).
    let orientationIsAuthority: [Bool]
    let fillerWords: Set<String>
    let greetingWords: Set<String>
    /// Stop words, fillers and greetings in one set: a word is looked up once, not three times.
    let nonContentWords: WordSet
    /// `stopWords`, looked up as phrases are cut.
    public let stopWordSet: WordSet
    /// The run's text normaliser, so that a traditional-script answer meets the simplified term
    /// lists; nil folds width only.
    public var normaliser: TextNormaliser?

    /// `text`'s scalars width folded and, with a normaliser, script folded.
    public func folded(_ text: String) -> [UInt32] {
        normaliser?.widthAndScript(text) ?? TextNormaliser.widthScalars(text)
    }

    /// Categories allowed in `cues.tsv`.
    public static let cueCategories = ["filler", "greeting", "yes-no-answer", "question-yes-no", "question-identity", "question-tag",
                                       "question-request", "question-which", "question-who", "question-where", "question-when",
                                       "question-how-many", "question-why", "question-how", "question-open", "question-knowing",
                                       "numeral", "measure"]
    /// Categories allowed in `orientation.tsv`.
    public static let orientationCategories = ["authority", "grassroots"]

    public init(weights: ScoringWeights, stopWords: Set<String>, cues: TermTable, orientation: TermTable,
                bodies: BodyTable = .empty) {
        self.weights = weights
        self.stopWords = stopWords
        self.cues = cues
        self.orientation = orientation
        self.bodies = bodies
        targets = TargetFinder(table: bodies)
        fillers = PhraseMatcher(terms: cues["filler"])
        greetings = PhraseMatcher(terms: cues["greeting"])
        yesNoAnswers = PhraseMatcher(terms: cues["yes-no-answer"])
        var markers: [QuestionType: PhraseMatcher] = [:]
        for type in QuestionType.allCases where type != .none {
            // `question-open` is the older name of the how-questions' markers.
            let extra = type == .how ? cues["question-open"] : []
            markers[type] = PhraseMatcher(terms: cues["question-" + type.rawValue] + extra)
        }
        questionMarkers = markers
        knowingVerbs = PhraseMatcher(terms: cues["question-knowing"])
        numerals = Set(cues["numeral"].flatMap { TextNormaliser.widthScalars($0) })
        measures = PhraseMatcher(terms: cues["measure"])
        let authority = orientation["authority"] + bodies.terms(on: .authority)
        let grassroots = orientation["grassroots"] + bodies.terms(on: .grassroots)
        orientationMatcher = PhraseMatcher(terms: authority + grassroots)
        orientationIsAuthority = authority.map { _ in true } + grassroots.map { _ in false }
        fillerWords = Set(cues["filler"])
        greetingWords = Set(cues["greeting"])
        nonContentWords = WordSet(stopWords.union(fillerWords).union(greetingWords))
        stopWordSet = WordSet(stopWords)
    }

    /// The same term lists scored with other weights, without building their matchers again.
    public func with(weights: ScoringWeights) -> ScoringResources {
        var copy = self
        copy.weights = weights
        return copy
    }

    /// Loads `weights.tsv`, `stopwords.txt`, `cues.tsv`, `orientation.tsv` and `bodies.tsv` from `directory`.
    /// - Parameter weights: a weights file to use instead of `directory`'s `weights.tsv`.
    public static func load(directory: String, weights: String? = nil) throws(Diagnostic) -> ScoringResources {
        let d = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        return ScoringResources(
            weights: try ScoringWeights.load(path: weights ?? d + "/" + FileName.weights),
            stopWords: try WordList.load(path: d + "/" + FileName.stopWords),
            cues: try TermTable.load(path: d + "/" + FileName.cues, categories: cueCategories),
            orientation: try TermTable.load(path: d + "/" + FileName.orientation, categories: orientationCategories),
            bodies: try BodyTable.load(path: d + "/" + FileName.bodies))
    }

    /// The files of a scoring folder.
    public enum FileName {
        public static let weights = "weights.tsv", stopWords = "stopwords.txt", cues = "cues.tsv"
        public static let orientation = "orientation.tsv", bodies = "bodies.tsv"
        public static let all = [weights, stopWords, cues, orientation, bodies]
    }

    /// Every problem of the files `load(directory:weights:)` reads, through the same readers, so
    /// what is an error here stops a run: for `tuiwei lexicon check`. The bodies table is also
    /// checked against the orientation terms and, when given, the transcript stage's bodies.tsv.
    public static func check(directory: String, weights: String? = nil, transcriptBodies: String? = nil,
                             normaliser: TextNormaliser? = nil) -> [Diagnostic] {
        let d = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var out: [Diagnostic] = []
        func attempt(_ load: () throws -> Void) {
            do { try load() } catch let problem as Diagnostic { out.append(problem) } catch { out.append(Diagnostic(.error, file: d, "\(error)")) }
        }
        attempt { _ = try ScoringWeights.load(path: weights ?? d + "/" + FileName.weights) }
        attempt { _ = try WordList.load(path: d + "/" + FileName.stopWords) }
        attempt { _ = try TermTable.load(path: d + "/" + FileName.cues, categories: cueCategories) }
        attempt { _ = try TermTable.load(path: d + "/" + FileName.orientation, categories: orientationCategories) }
        out += BodyTable.lint(path: d + "/" + FileName.bodies, orientation: d + "/" + FileName.orientation,
                              transcriptBodies: transcriptBodies, normaliser: normaliser)
        return out
    }

    /// Loads the scoring part and weights file of `layout`.
    public static func load(layout: LexiconLayout) throws(Diagnostic) -> ScoringResources {
        try load(directory: layout.scoring, weights: layout.weights)
    }

    /// Loads from the project's `lexicons/scoring/`.
    public static func loadDefault() throws(Diagnostic) -> ScoringResources {
        guard let dir = ProjectLayout.lexiconsDirectory() else {
            throw Diagnostic(.error, file: "lexicons/scoring",
                             "cannot find the project's lexicons/ folder; run from the project folder or set TUIWEI_HOME")
        }
        return try load(directory: dir + "/scoring")
    }
}
