import TuiweiCore
import TuiweiScoring

/// One edge of the map of referrals: an official or an organisation pointing to a body.
public struct ReferralEdge: Sendable, Hashable, Codable {
    public let organisation: String
    /// The official, for an official's edge; nil for an organisation's.
    public let official: OfficialKey?
    /// Normalised body (`ReferralTarget.body`).
    public let body: String
    /// Kind id from the bodies table.
    public let kind: String
    /// Targets counted on this edge (one per detection and body).
    public internal(set) var count: Int
    /// Distinct calls they were found in.
    public internal(set) var calls: Int
    /// The first calls, as `document#call`, at most `ReferralMap.listedCalls`.
    public internal(set) var callList: [String]
    /// The strongest quote: from the lowest-scored answer (the first such one in corpus order),
    /// its evidence the words that name the body (the detected words, when unnamed).
    public internal(set) var quote: Quote
}

/// A chain across the corpus: a body pointed to was itself called and pointed on.
public struct ReferralChain: Sendable, Hashable, Codable {
    public struct Hop: Sendable, Hashable, Codable {
        /// The organisation that pointed.
        public let organisation: String
        public let body: String
        public let kind: String
        /// The called organisation taken to be that body, when there is one.
        public let calledAs: String?
        public let count: Int
        public let quote: Quote
    }

    public let hops: [Hop]
    /// Whether the last body pointed to is the organisation the chain starts from.
    public let pointsBack: Bool
}

/// Where the buck goes: per official and per organisation, the bodies pointed to, and the chains.
public struct ReferralMap: Sendable, Hashable {
    /// Calls listed per edge; `count` and `calls` always hold the full figures.
    public static let listedCalls = 8
    /// Organisations' edges: by organisation, then kind (in table order), most counted first, then body.
    public let organisations: [ReferralEdge]
    /// Officials' edges, in the same order by official.
    public let officials: [ReferralEdge]
    public let chains: [ReferralChain]
    /// The kinds of the bodies table, in table order (for labels and the diagram's order).
    public let kinds: [BodyTable.Kind]

    public static let empty = ReferralMap(organisations: [], officials: [], chains: [], kinds: [])

    /// Targets counted, over all organisations.
    public var targets: Int { organisations.reduce(0) { $0 + $1.count } }

    public func label(ofKind id: String) -> String { kinds.first { $0.id == id }?.label ?? id }
}

/// Running totals of the map, fed answer by answer in corpus order: one entry per edge, holding
/// its counts and its strongest quote only, so memory grows with the edges, not with the corpus.
/// Edges are found by small numbers standing for their names, each name held once: a large
/// corpus has tens of thousands of edges among far fewer organisations, officials and bodies.
struct ReferralMapBuilder: Sendable {
    private struct Key: Hashable {
        let organisation: Int32
        /// -1 for an organisation's edge.
        let official: Int32
        let body: Int32
        let kind: Int32
    }

    /// Organisations, bodies and kinds, each by its number.
    private var names: [String: Int32] = [:]
    private var officials: [OfficialKey: Int32] = [:]
    private var index: [Key: Int32] = [:]
    private var edges: [ReferralEdge] = []
    /// The last call counted on each edge.
    private var lastCalls: [CallID] = []

    private mutating func number(_ name: String) -> Int32 {
        if let n = names[name] { return n }
        let n = Int32(names.count)
        names[name] = n
        return n
    }

    private mutating func number(_ official: OfficialKey) -> Int32 {
        if let n = officials[official] { return n }
        let n = Int32(officials.count)
        officials[official] = n
        return n
    }

    /// Counts `answer`'s targets on the edges of `official` (the answer's official as the
    /// summary shows it) and of its organisation.
    mutating func add(_ answer: ScoredAnswer, as shown: OfficialKey? = nil) {
        let official = shown ?? answer.official
        guard !answer.targets.isEmpty else { return }
        let call = answer.callID
        let organisation = number(official.organisation), person = number(official)
        for t in answer.targets {
            let body = number(t.body), kind = number(t.kind)
            for edgeOfficial in [official as OfficialKey?, nil] {
                let key = Key(organisation: organisation, official: edgeOfficial == nil ? -1 : person, body: body, kind: kind)
                if let i = index[key].map(Int.init) {
                    edges[i].count += 1
                    // Answers come call by call, so a call is new exactly when it differs from the last.
                    if lastCalls[i] != call {
                        edges[i].calls += 1
                        if edges[i].callList.count < ReferralMap.listedCalls { edges[i].callList.append(call.description) }
                        lastCalls[i] = call
                    }
                    if answer.score.score < edges[i].quote.score { edges[i].quote = Self.quote(t, answer) }
                } else {
                    index[key] = Int32(edges.count)
                    edges.append(ReferralEdge(organisation: official.organisation, official: edgeOfficial, body: t.body,
                                              kind: t.kind, count: 1, calls: 1, callList: [call.description],
                                              quote: Self.quote(t, answer)))
                    lastCalls.append(call)
                }
            }
        }
    }

    static func quote(_ t: ReferralTarget, _ a: ScoredAnswer) -> Quote {
        let d = t.detection < a.score.detections.count ? a.score.detections[t.detection] : nil
        let around = t.basis == .none ? (d?.range ?? t.range) : t.range
        return Quote(text: TuiweiAggregates.clause(around: around, in: a.text), evidence: t.text.isEmpty ? (d?.text ?? "") : t.text,
                     code: t.code, location: t.location, answer: a)
    }

    /// The map; `called` are the organisations that answered in the corpus, for chains. The
    /// edges are handed over to it, not copied: they are sorted where they stand, officials'
    /// edges first, and only the organisations' (far fewer) are moved to a list of their own.
    /// The builder is left empty.
    mutating func finish(called: Set<String>, resources: ScoringResources) -> ReferralMap {
        let kindRank = Dictionary(resources.bodies.kinds.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        func order(_ a: ReferralEdge, _ b: ReferralEdge) -> Bool {
            if a.organisation != b.organisation { return a.organisation < b.organisation }
            switch (a.official, b.official) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return true
            case (_?, nil): return false
            default: break
            }
            let ka = kindRank[a.kind] ?? Int.max, kb = kindRank[b.kind] ?? Int.max
            return (ka, b.count, a.body) < (kb, a.count, b.body)
        }
        var all: [ReferralEdge] = []
        swap(&all, &edges)
        self = ReferralMapBuilder()
        all.sort { a, b in (a.official == nil) == (b.official == nil) ? order(a, b) : a.official != nil }
        let split = all.firstIndex { $0.official == nil } ?? all.count
        let organisations = Array(all[split...])
        all.removeSubrange(split...)
        return ReferralMap(organisations: organisations, officials: all,
                           chains: Self.chains(organisations, called: called.sorted(), resources: resources),
                           kinds: resources.bodies.kinds)
    }

    /// Chains listed at most; a corpus of many organisations pointing at each other has more.
    static let maximumChains = 200

    /// Chains of two to four hops: P points to a body that is a called organisation O, and O
    /// points on. A cycle is listed once, from the organisation whose name sorts first.
    static func chains(_ edges: [ReferralEdge], called: [String], resources: ScoringResources) -> [ReferralChain] {
        // Which called organisation each edge's body is, worked out once per edge: the walk
        // below meets an edge many times, and each answer compares names across the corpus.
        let names = CalledNames(called, resources: resources)
        let calledAs: [String?] = edges.map { names.organisation(named: $0) }
        var byOrganisation: [String: [Int]] = [:]
        for (i, e) in edges.enumerated() { byOrganisation[e.organisation, default: []].append(i) }
        var out: [ReferralChain] = []
        func hop(_ i: Int) -> ReferralChain.Hop {
            let e = edges[i]
            return ReferralChain.Hop(organisation: e.organisation, body: e.body, kind: e.kind, calledAs: calledAs[i], count: e.count, quote: e.quote)
        }
        func walk(_ path: [ReferralChain.Hop], visited: [String]) {
            guard out.count < maximumChains else { return }
            let start = path[0].organisation
            guard let next = path[path.count - 1].calledAs else {
                if path.count >= 2 { out.append(ReferralChain(hops: path, pointsBack: false)) }
                return
            }
            if next == start {
                if path.count >= 2, visited.min() == start { out.append(ReferralChain(hops: path, pointsBack: true)) }
                return
            }
            let onward = visited.contains(next) ? [] : byOrganisation[next] ?? []
            if onward.isEmpty || path.count >= 4 {
                if path.count >= 2 { out.append(ReferralChain(hops: path, pointsBack: false)) }
                return
            }
            for i in onward { walk(path + [hop(i)], visited: visited + [next]) }
        }
        for i in edges.indices {
            guard let target = calledAs[i], byOrganisation[target] != nil else { continue }
            walk([hop(i)], visited: [edges[i].organisation])
        }
        return out
    }
}

extension ScoringResources {
    /// The last place of a prefix such as `重庆市巴南区`: the level word at its end dropped, then
    /// what follows the last level word left (`巴南`); the whole prefix when that leaves nothing.
    static func finestPlace(_ prefix: [UInt32]) -> [UInt32] {
        // 省 市 县 区 镇
        let levels: Set<UInt32> = [0x7701, 0x5E02, 0x53BF, 0x533A, 0x9547]
        var p = prefix
        while let last = p.last, levels.contains(last) { p.removeLast() }
        if let cut = p.lastIndex(where: levels.contains) { p = Array(p[(cut + 1)...]) }
        return p.isEmpty ? prefix : p
    }

    fileprivate static func contains(_ haystack: [UInt32], _ needle: [UInt32]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for i in 0...(haystack.count - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
        return false
    }
}

/// The called organisations' names, folded once, and the spellings of each body pointed to,
/// folded once per body: a corpus's edges are each compared with every called organisation.
private struct CalledNames {
    let called: [(name: String, folded: [UInt32])]
    let resources: ScoringResources
    /// Body name → its name and its terms' texts, folded, in the body table's order.
    let spellings: [String: [[UInt32]]]

    init(_ called: [String], resources: ScoringResources) {
        self.called = called.map { ($0, resources.folded($0)) }
        self.resources = resources
        var spellings: [String: [[UInt32]]] = [:]
        for term in resources.bodies.terms { spellings[term.name, default: []].append(resources.folded(term.text)) }
        self.spellings = spellings
    }

    /// The first called organisation, other than the edge's own, that is the body the edge
    /// points to. A called organisation is that body when its name ends with the body's name or
    /// one of its terms (`安阳市总工会` ends with `市总工会`), and what stands before that is no
    /// other place — nothing, or a place that the pointing organisation's name or the quote also
    /// names. The place is the finest one the prefix names (`重庆市巴南区` → `巴南`), so two
    /// districts of one city stay apart.
    func organisation(named edge: ReferralEdge) -> String? {
        guard edge.body != ReferralTarget.unnamedBody else { return nil }
        let forms = [resources.folded(edge.body)] + (spellings[edge.body] ?? [])
        var contexts: [[UInt32]]?
        for (organisation, name) in called where organisation != edge.organisation {
            for t in forms {
                guard !t.isEmpty, name.count >= t.count, name.suffix(t.count).elementsEqual(t) else { continue }
                let prefix = name.dropLast(t.count)
                if prefix.isEmpty { return organisation }
                let place = Array(ScoringResources.finestPlace(Array(prefix)).prefix(2))
                if contexts == nil { contexts = [resources.folded(edge.organisation), resources.folded(edge.quote.text)] }
                if contexts!.contains(where: { ScoringResources.contains($0, place) }) { return organisation }
            }
        }
        return nil
    }
}

extension Quote {
    /// The sentence-like stretch of `text` around the scalars `range`, as the quotes of the
    /// reports cut it.
    public static func clause(around range: Range<Int>, in text: String) -> String {
        TuiweiAggregates.clause(around: range, in: text)
    }
}
