import Testing
import TuiweiTestSupport
import TuiweiCore
@testable import TuiweiAggregates
import TuiweiScoring

/// The map of referrals on small corpora written for the test: counts per edge, calls, quotes,
/// chains across documents, and one organisation however its name is written.
@Suite struct ReferralMapTests {
    /// The few traditional characters the tests write, folded as the shipped table folds them.
    static let resources: ScoringResources = {
        var r = shipped
        let pairs: [Character: Character] = ["區": "区", "總": "总", "會": "会", "東": "东", "們": "们", "積": "积",
                                             "極": "极", "響": "响", "應": "应", "號": "号", "問": "问", "這": "这",
                                             "個": "个", "導": "导", "彙": "汇", "報": "报", "組": "组", "織": "织"]
        r.normaliser = TextNormaliser(pairs: pairs.map { ($0.key.unicodeScalars.first!.value, $0.value.unicodeScalars.first!.value) })
        return r
    }()

    /// Phrases the stand-in lexicon finds, with their codes.
    static let phrases: [(Code, String)] = [(.referral, "得问一下"), (.referral, "得問一下"), (.deferUp, "给领导汇报"),
                                            (.deferUp, "給領導彙報"), (.jurisdiction, "不归我们管"), (.deferAdmin, "響應區委區政府")]

    static func detections(_ turn: Turn) -> [Detection] {
        phrases.filter { turn.text.contains($0.1) }.map { code, phrase in
            var d = detect(code, phrase, in: turn.text, line: turn.lines.lowerBound)
            d = Detection(code: d.code, text: d.text, range: d.range, location: turn.passage.map.location(at: d.range.lowerBound),
                          rule: d.rule, weight: d.weight)
            return d
        }
    }

    /// A one-call transcript `id` of an official of `organisation`: each answer follows a question.
    static func document(_ id: String, organisation: String, answers: [String]) -> Document {
        var turns: [Turn] = []
        var exchanges: [Exchange] = []
        for (i, answer) in answers.enumerated() {
            turns.append(Turn(index: 2 * i, speaker: 0, role: .caller, passage: passage("这个问题工会管不管？", document: id, line: 2 + 2 * i), attribution: .label))
            turns.append(Turn(index: 2 * i + 1, speaker: 1, role: .official, passage: passage(answer, document: id, line: 3 + 2 * i), attribution: .label))
            exchanges.append(Exchange(index: i, callerTurns: [2 * i], officialTurns: [2 * i + 1]))
        }
        let caller = Speaker(id: 0, label: "问", aliases: ["问"], role: .caller, organisation: nil, department: nil, surname: nil)
        let official = Speaker(id: 1, label: "答", aliases: ["答"], role: .official, organisation: organisation, department: nil, surname: nil)
        let call = Call(index: 1, header: passage("第一通电话：\(organisation)", document: id, line: 1), organisation: organisation,
                        department: nil, person: nil, speakers: [caller, official], turns: turns, events: [],
                        exchanges: exchanges, unattributed: [])
        return Document(id: id, path: "corpus/\(id).txt", kind: .transcript, status: .analysed, encoding: "UTF-8", calls: [call])
    }

    static func summary(_ documents: [Document]) -> CorpusSummary {
        let scorer = AnswerScorer(resources: resources)
        let parts = documents.map { CorpusAnalysis.analysing($0, scorer: scorer, detections: detections, words: words) }
        return CorpusSummary(CorpusAnalysis.merged(parts), resources: resources)
    }

    @Test func countsPerEdgeOnAWrittenCorpus() throws {
        let map = Self.summary([
            Self.document("u1", organisation: "某区总工会", answers: ["这个你得问一下组织部，他们清楚。", "这个我得给领导汇报一下。", "那你得问一下组织部。"]),
            Self.document("u2", organisation: "某区总工会", answers: ["这个不归我们管。", "你得问一下组织部吧。"]),
        ]).referrals
        #expect(map.organisations.map(\.body) == ["组织部", "领导", ReferralTarget.unnamedBody])
        #expect(map.organisations.map(\.kind) == ["same-body", "leader", "unnamed"])
        let org = try #require(map.organisations.first)
        #expect((org.count, org.calls, org.callList) == (3, 2, ["u1#1", "u2#1"]))
        #expect(map.organisations.map(\.count) == [3, 1, 1])
        #expect(map.targets == 5)
        // One official: the official's edges are the organisation's.
        #expect(map.officials.map(\.body) == map.organisations.map(\.body))
        #expect(map.officials.allSatisfy { $0.official?.organisation == "某区总工会" })
        // The quote names the body and says where it was.
        #expect(org.quote.evidence == "组织部" && org.quote.text.contains("组织部"))
        #expect(org.quote.question == "这个问题工会管不管？")
        #expect(["u1", "u2"].contains(org.quote.location.document))
        #expect(map.chains.isEmpty)
    }

    /// Organisations' edges and officials' edges are listed apart, each by organisation (then
    /// official), then kind in table order, then most counted first.
    @Test func edgesAreListedApartAndInOrder() throws {
        let map = Self.summary([
            Self.document("c", organisation: "丙区总工会", answers: ["这个你得问一下组织部。", "这个我得给领导汇报一下。", "你得问一下组织部吧。"]),
            Self.document("a", organisation: "甲区总工会", answers: ["这个不归我们管。", "这个你得问一下组织部。"]),
            Self.document("b", organisation: "乙区总工会", answers: ["这个我得给领导汇报一下。"]),
        ]).referrals
        #expect(map.organisations.allSatisfy { $0.official == nil })
        #expect(map.officials.allSatisfy { $0.official != nil })
        #expect(map.organisations.count == 5 && map.officials.count == 5)
        let names = map.organisations.map(\.organisation)
        #expect(names == names.sorted() && Set(names) == ["丙区总工会", "甲区总工会", "乙区总工会"])
        #expect(map.officials.map(\.organisation) == names)
        let c = map.organisations.filter { $0.organisation == "丙区总工会" }
        #expect(c.map(\.body) == ["组织部", "领导"] && c.map(\.count) == [2, 1])
        #expect(map.officials.map(\.body) == map.organisations.map(\.body))
    }

    @Test func aChainAcrossTwoDocumentsPointsBack() throws {
        let union = Self.document("a", organisation: "重庆市巴南区总工会", answers: ["这个你得问一下人社局，他们清楚。"])
        let office = Self.document("b", organisation: "重庆市巴南区人社局", answers: ["这个你得问一下区总工会，他们清楚。"])
        let map = Self.summary([union, office]).referrals
        let chain = try #require(map.chains.first)
        #expect(map.chains.count == 1)
        #expect(chain.pointsBack)
        #expect(chain.hops.count == 2)
        // Listed once, from the organisation whose name sorts first; each hop names the called body.
        #expect(Set(chain.hops.map(\.organisation)) == ["重庆市巴南区总工会", "重庆市巴南区人社局"])
        let toOffice = try #require(chain.hops.first { $0.organisation == "重庆市巴南区总工会" })
        #expect((toOffice.body, toOffice.kind, toOffice.calledAs) == ("人社局", "department", "重庆市巴南区人社局"))
        let back = try #require(chain.hops.first { $0.organisation == "重庆市巴南区人社局" })
        #expect((back.body, back.kind, back.calledAs) == ("区工会", "union-down", "重庆市巴南区总工会"))
        // Without the office's call there is nothing to follow.
        #expect(Self.summary([union]).referrals.chains.isEmpty)
        // A place the pointing side does not name is another body: 江北区 is not 巴南区's.
        let elsewhere = Self.document("c", organisation: "重庆市江北区人社局", answers: ["这个你得问一下区总工会，他们清楚。"])
        #expect(Self.summary([union, elsewhere]).referrals.chains.isEmpty)
    }

    @Test func oneUnionHoweverItsNameIsWritten() throws {
        let s = Self.summary([
            Self.document("t1", organisation: "東莞市總工會", answers: ["這個你得問一下組織部，他們清楚。"]),
            Self.document("t2", organisation: "东莞市总工会", answers: ["这个我得给领导汇报一下。", "那你得问一下组织部。"]),
        ])
        // One organisation and one official, shown as first written in corpus order.
        #expect(s.organisations.map(\.organisation) == ["東莞市總工會"])
        #expect(s.organisations.first?.statistics.answers == 3)
        #expect(s.organisations.first?.statistics.calls == 2)
        #expect(s.officials.map(\.official.organisation) == ["東莞市總工會"])
        #expect(s.officials.first?.statistics.answers == 3)
        // Each answer keeps its name as written; the ranking maps it to the one official.
        #expect(Set(s.answers.map(\.official.organisation)) == ["東莞市總工會", "东莞市总工会"])
        #expect(Set(s.answers.map { s.rankedOfficial(of: $0) }).count == 1)
        // The map counts both spellings on one edge.
        #expect(s.referrals.organisations.map(\.organisation) == ["東莞市總工會", "東莞市總工會"])
        let edge = try #require(s.referrals.organisations.first { $0.body == "组织部" })
        #expect((edge.count, edge.calls) == (2, 2))
    }

    @Test func traditionalScriptTargetsAreNormalised() throws {
        let text = "我們也是積極響應區委區政府的號召。"
        let turn = Turn(index: 1, speaker: 1, role: .official, passage: passage(text, document: "t", line: 4), attribution: .label)
        let found = Self.resources.targets(of: Self.detections(turn), in: turn, own: ["某區總工會"])
        let t = try #require(found.first)
        #expect(found.count == 1)
        // Counted under the simplified name, quoted as written, at its own column.
        #expect((t.body, t.kind, t.text) == ("区委区政府", "government", "區委區政府"))
        #expect(t.location == SourceLocation(document: "t", line: 4, column: 9))
    }
}
