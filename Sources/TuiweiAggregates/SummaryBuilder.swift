import TuiweiCore
import TuiweiScoring

/// A document's result made ready to be counted: its call summaries and each answer's phrase
/// counts, computed where the document was analysed, so the one task that folds results in
/// corpus order has little left to do.
public struct PreparedPart: Sendable {
    public let analysis: CorpusAnalysis
    /// One per call of `analysis`, in order.
    public let calls: [CallSummary]
    /// Per answer of `analysis`: its word n-grams, and those also found in the articles.
    let phrases: [(total: Int, shared: [String])]
}

/// Folds per-document results, in corpus order, into a `CorpusSummary`.
///
/// Every aggregate is a running total (`ScoreTotals`, counts, phrase counts), and only the first
/// few documents, calls and answers are kept for the reports people read, so memory does not
/// grow with the number of documents. Calls that repeat another, and the article phrases that
/// boilerplate is measured against, are known before the first document is added.
public struct SummaryBuilder: Sendable {
    /// How many documents, calls and answers a summary keeps for the reports people read.
    public struct Limits: Sendable, Hashable {
        public var documents: Int
        public var calls: Int
        public var answers: Int

        public init(documents: Int = 2000, calls: Int = 500, answers: Int = 5000) {
            self.documents = documents
            self.calls = calls
            self.answers = answers
        }
    }

    struct OfficialTotals: Sendable {
        var labels: Set<String> = []
        var scores = ScoreTotals()
        var orientation = OrientationCounts()
        var ngrams = 0
        var shared: [String: Int] = [:]
    }

    struct OrganisationTotals: Sendable {
        var officials: Set<OfficialKey> = []
        var scores = ScoreTotals()
    }

    let resources: ScoringResources
    let duplicates: [CallID: DuplicateLink]
    let referenceNgrams: Set<String>
    let limits: Limits
    private var totals = RunTotals()
    private var documents: [DocumentEntry] = []
    private var skipped: [DocumentEntry] = []
    private var calls: [CallSummary] = []
    private var answers: [ScoredAnswer] = []
    private var officials: [OfficialKey: OfficialTotals] = [:]
    private var organisations: [String: OrganisationTotals] = [:]
    private var overall = ScoreTotals()
    private var referrals = ReferralMapBuilder()
    /// An official as written → as shown: the spelling first met of its organisation (compared
    /// folded, so 東莞市總工會 and 东莞市总工会 are one) and of the official.
    private var shownAs: [OfficialKey: OfficialKey] = [:]
    private var organisationNames: [String: String] = [:]
    private var officialNames: [OfficialKey: OfficialKey] = [:]

    /// - Parameters:
    ///   - duplicates: calls that repeat another, keyed `document#call` (`CorpusAnalysis.duplicateCalls`).
    ///   - referenceNgrams: word n-grams of the article documents.
    public init(resources: ScoringResources, duplicates: [CallID: DuplicateLink], referenceNgrams: Set<String>,
                limits: Limits = .init()) {
        self.resources = resources
        self.duplicates = duplicates
        self.referenceNgrams = referenceNgrams
        self.limits = limits
    }

    /// The summaries of a document's calls and its answers' phrases: a pure function, run
    /// concurrently where the document was analysed.
    public static func prepare(_ part: CorpusAnalysis, resources: ScoringResources,
                               duplicates: [CallID: DuplicateLink], referenceNgrams: Set<String> = []) -> PreparedPart {
        var byCall: [CallID: [ScoredAnswer]] = [:]
        for a in part.answers { byCall[a.callID, default: []].append(a) }
        let calls = part.calls.map { entry in
            let key = entry.id
            let answers = byCall[key] ?? []
            var totals = ScoreTotals()
            totals.add(call: answers, officialTurns: entry.officialTurns)
            return CallSummary(
                entry: entry, duplicateOf: duplicates[key],
                statistics: totals.statistics(weights: resources.weights, key: "call:\(key)"),
                series: answers.map { .init(officialTurn: $0.score.officialTurn, score: $0.score.score, grade: $0.score.grade) },
                quotes: tellingQuotes(answers, count: 3))
        }
        let n = max(1, Int(resources.weights["boilerplate.n"]))
        // With no article phrases to share, only the number of phrases is needed.
        let phrases = part.answers.map { a -> (Int, [String]) in
            if referenceNgrams.isEmpty { return (wordNgramCount(a.words, n: n, stopWords: resources.stopWordSet), []) }
            let grams = wordNgrams(a.words, n: n, stopWords: resources.stopWordSet)
            return (grams.count, grams.filter(referenceNgrams.contains))
        }
        return PreparedPart(analysis: part, calls: calls, phrases: phrases)
    }

    /// Adds the next document's result, in corpus order.
    public mutating func add(_ part: PreparedPart) {
        let a = part.analysis
        for d in a.documents {
            totals.documents += 1
            if d.status.isAnalysed { totals.analysed += 1 } else { skipped.append(d) }
            if documents.count < limits.documents { documents.append(d) }
        }
        totals.calls += a.calls.count
        totals.answers += a.answers.count
        for c in part.calls {
            if c.duplicateOf != nil { totals.duplicateCalls += 1 }
            if calls.count < limits.calls { calls.append(c) }
        }
        for answer in a.answers where answers.count < limits.answers { answers.append(answer) }

        var sizes: [CallID: Int] = [:]
        for c in a.calls { sizes[c.id] = c.officialTurns }
        // Answers are in (call, turn) order: each run of one call is added as that call.
        var start = 0
        while start < a.answers.count {
            let first = a.answers[start].score
            var end = start + 1
            while end < a.answers.count, a.answers[end].score.call == first.call, a.answers[end].score.document == first.document { end += 1 }
            let key = CallID(document: first.document, call: first.call)
            if duplicates[key] == nil { count(a.answers[start..<end], phrases: part.phrases[start..<end], officialTurns: sizes[key] ?? 1) }
            start = end
        }
    }

    /// The official `key` is counted as: names compared with script and full-width forms folded,
    /// shown as first written in corpus order (so the same in every run and merge).
    private mutating func shown(_ key: OfficialKey) -> OfficialKey {
        if let s = shownAs[key] { return s }
        let resources = self.resources
        let name = { (s: String) in String(String.UnicodeScalarView(resources.folded(s).compactMap(Unicode.Scalar.init))) }
        let organisation = name(key.organisation)
        if organisationNames[organisation] == nil { organisationNames[organisation] = key.organisation }
        let folded = OfficialKey(organisation: organisation, department: key.department.map(name), surname: key.surname.map(name))
        let s = officialNames[folded] ?? OfficialKey(organisation: organisationNames[organisation]!,
                                                     department: key.department, surname: key.surname)
        officialNames[folded] = s
        shownAs[key] = s
        return s
    }

    private mutating func count(_ answers: ArraySlice<ScoredAnswer>, phrases: ArraySlice<(total: Int, shared: [String])>, officialTurns: Int) {
        overall.add(call: answers, officialTurns: officialTurns)
        var byOfficial: [OfficialKey: [ScoredAnswer]] = [:]
        for (a, p) in zip(answers, phrases) {
            let official = shown(a.official)
            byOfficial[official, default: []].append(a)
            // Updated in place: a copy taken out of the dictionary would copy its sets on every answer.
            Self.fold(a, phrases: p, into: &officials[official, default: OfficialTotals()])
            referrals.add(a, as: official)
        }
        var byOrganisation: [String: [ScoredAnswer]] = [:]
        for (key, group) in byOfficial {
            officials[key]!.scores.add(call: group, officialTurns: officialTurns)
            byOrganisation[key.organisation, default: []].append(contentsOf: group)
            organisations[key.organisation, default: OrganisationTotals()].officials.insert(key)
        }
        for (org, group) in byOrganisation {
            organisations[org]!.scores.add(call: group, officialTurns: officialTurns)
        }
    }

    private static func fold(_ a: ScoredAnswer, phrases: (total: Int, shared: [String]), into o: inout OfficialTotals) {
        o.labels.insert(a.speaker)
        o.orientation.add(a.orientation)
        o.ngrams += phrases.total
        for g in phrases.shared { o.shared[g, default: 0] += 1 }
    }

    /// The summary of everything added. The builder is used up: the referral map's edges are
    /// handed over to the summary rather than copied.
    public mutating func finish() -> CorpusSummary {
        let w = resources.weights
        let top = w.values["boilerplate.top"].map { Int($0) } ?? 5
        // The groups' bootstraps are the one costly step left: officials, organisations and the
        // corpus are spread over the cores together, the largest groups first, so that no large
        // group runs alone after the rest.
        let entries = Array(self.officials)
        let organisationEntries = Array(self.organisations)
        let groups = entries.map { ($0.value.scores, "official:\($0.key)") }
            + organisationEntries.map { ($0.value.scores, "organisation:\($0.key)") } + [(overall, "corpus")]
        let largestFirst = groups.indices.sorted { groups[$0].0.answers > groups[$1].0.answers }
        let computed = concurrentMap(groups.count) { groups[largestFirst[$0]].0.statistics(weights: w, key: groups[largestFirst[$0]].1) }
        var rank = [Int](repeating: 0, count: groups.count)
        for (k, g) in largestFirst.enumerated() { rank[g] = k }
        func statistics(_ group: Int) -> ScoreStatistics { computed[rank[group]] }
        let officials = entries.enumerated().map { i, entry in
            let (key, o) = entry
            let phrases = o.shared.map { BoilerplateProfile.PhraseCount(phrase: $0.key, count: $0.value) }
                .sorted { ($1.count, $0.phrase) < ($0.count, $1.phrase) }
            return OfficialSummary(
                official: key, labels: o.labels.sorted(),
                statistics: statistics(i),
                orientation: OrientationProfile(counts: o.orientation),
                boilerplate: BoilerplateProfile(ngrams: o.ngrams, shared: o.shared.values.reduce(0, +),
                                                topPhrases: Array(phrases.prefix(top))))
        }.sorted { a, b in
            let ma = a.statistics.mean?.mean ?? .infinity, mb = b.statistics.mean?.mean ?? .infinity
            return ma != mb ? ma < mb : a.official < b.official
        }
        let organisations = organisationEntries.enumerated().map { i, entry in
            OrganisationSummary(organisation: entry.key, officials: entry.value.officials.count,
                                statistics: statistics(entries.count + i))
        }.sorted { $0.organisation < $1.organisation }
        return CorpusSummary(totals: totals, officials: officials, calls: calls, organisations: organisations,
                             overall: statistics(groups.count - 1),
                             gradeThresholds: [w["grade.1"], w["grade.2"], w["grade.3"]],
                             documents: documents, skipped: skipped, answers: answers, duplicates: duplicates,
                             referrals: referrals.finish(called: Set(self.organisations.keys), resources: resources),
                             intervalLevel: w.intervalLevel, shownAs: shownAs)
    }
}

extension CorpusAnalysis {
    /// The analysis cut into one part per document, in corpus order, as a run produces them.
    public func documentParts() -> [CorpusAnalysis] {
        var entries: [String: [DocumentEntry]] = [:]
        var calls: [String: [CallEntry]] = [:]
        var answers: [String: [ScoredAnswer]] = [:]
        for d in documents { entries[d.id, default: []].append(d) }
        for c in self.calls { calls[c.document, default: []].append(c) }
        for a in self.answers { answers[a.score.document, default: []].append(a) }
        let ids = Set(entries.keys).union(calls.keys).union(answers.keys).sorted()
        return ids.map { CorpusAnalysis(documents: entries[$0] ?? [], calls: calls[$0] ?? [], answers: answers[$0] ?? []) }
    }
}
