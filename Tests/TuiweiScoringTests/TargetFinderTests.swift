import Testing
import TuiweiTestSupport
import TuiweiCore
@testable import TuiweiScoring

/// Which body a detection points to, on turns written for the test, with the shipped bodies table.
@Suite struct TargetFinderTests {
    /// A turn on line 7 of document `t`, from column 5; with `wrapAt`, the text from that offset
    /// continues on line 8 at column 1 (as a wrapped line re-joined).
    static func turn(_ text: String, wrapAt: Int? = nil) -> Turn {
        let n = text.unicodeScalars.count
        var pieces = [SourceMap.Piece(offset: 0, line: 7, column: 5, length: wrapAt ?? n)]
        if let w = wrapAt { pieces.append(.init(offset: w, line: 8, column: 1, length: n - w)) }
        return Turn(index: 3, speaker: 1, role: .official, passage: Passage(text: text, map: SourceMap(document: "t", pieces: pieces)),
                    attribution: .label)
    }

    static func targets(_ text: String, _ detected: [(Code, String)], own: [String] = ["某区总工会"], wrapAt: Int? = nil) -> [ReferralTarget] {
        let t = turn(text, wrapAt: wrapAt)
        let detections = detected.map { code, phrase in
            var d = detect(code, phrase, in: text)
            d = Detection(code: d.code, text: d.text, range: d.range, location: t.passage.map.location(at: d.range.lowerBound),
                          rule: d.rule, weight: d.weight)
            return d
        }
        return shipped.targets(of: detections, in: t, own: own)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let text: String, code: Code, phrase: String
        let body: String, kind: String, basis: ReferralTarget.Basis
        var testDescription: String { "\(kind): \(text)" }
    }

    /// One turn for every kind of the shipped table.
    static let cases: [Case] = [
        Case(text: "这个肯定是得先党组研究之后才能定。", code: .deferUp, phrase: "得先党组研究", body: "党组", kind: "party", basis: .inside),
        Case(text: "我们也是积极响应区委区政府的号召。", code: .deferAdmin, phrase: "响应区委区政府", body: "区委区政府", kind: "government", basis: .inside),
        Case(text: "都是有政府部门在核查的。", code: .deferAdmin, phrase: "政府部门在核查", body: "政府职能部门", kind: "department", basis: .inside),
        Case(text: "复工现在主要还是由它所在的镇街来管理。", code: .deferAdmin, phrase: "是由它所在的镇街来管理", body: "镇街", kind: "below", basis: .inside),
        Case(text: "区里专门有一个疫情防控指挥部，有专人，他们那边可能更清楚一点。", code: .referral, phrase: "他们那边可能更清楚",
             body: "指挥部", kind: "command", basis: .before),
        Case(text: "我们一般还是根据市总工会的统一安排部署来做。", code: .deferUp, phrase: "根据市总工会的统一安排部署", body: "市总工会", kind: "union-up", basis: .inside),
        Case(text: "这些任务通知下达，然后区工会再负责跟他们基层对接。", code: .referral, phrase: "区工会再负责", body: "区工会", kind: "union-down", basis: .inside),
        Case(text: "您要了解这个，可以问一下他们的基层工会。", code: .referral, phrase: "可以问一下", body: "基层工会", kind: "grassroots", basis: .after),
        Case(text: "那这个你得问一下组织部，他们清楚。", code: .referral, phrase: "得问一下", body: "组织部", kind: "same-body", basis: .after),
        Case(text: "你说的这个建议很好，我给领导汇报一下吧。", code: .deferUp, phrase: "给领导汇报", body: "领导", kind: "leader", basis: .inside),
        Case(text: "他好像是个央企，组织关系没有在我们这边。", code: .jurisdiction, phrase: "组织关系没有在", body: "央企", kind: "enterprise", basis: .before),
        Case(text: "呃，这些数据我们具体是另外一个部门在负责。", code: .referral, phrase: "另外一个部门在负责", body: "另外一个部门", kind: "unnamed", basis: .inside),
        Case(text: "这个平常都没有工作联系。", code: .jurisdiction, phrase: "平常都没有工作联系", body: ReferralTarget.unnamedBody, kind: "unnamed", basis: .none),
    ]

    @Test(arguments: cases) func eachKindIsFound(_ c: Case) throws {
        let found = Self.targets(c.text, [(c.code, c.phrase)])
        let t = try #require(found.first)
        #expect(found.count == 1)
        #expect((t.body, t.kind, t.basis) == (c.body, c.kind, c.basis))
        #expect(t.code == c.code && t.detection == 0)
        #expect(shipped.bodies.kind(t.kind) != nil)
        // Every target names the table row that decided it.
        #expect(t.rule.file.hasSuffix("bodies.tsv") && t.rule.line > 0)
        if c.basis == .none {
            // An unnamed target stands where its detection does.
            #expect(t.text.isEmpty && t.range == detect(c.code, c.phrase, in: c.text).range)
            #expect(t.location.column == 5 + t.range.lowerBound)
        } else {
            let scalars = Array(c.text.unicodeScalars)
            #expect(String(String.UnicodeScalarView(scalars[t.range])) == t.text)
            #expect(t.location == SourceLocation(document: "t", line: 7, column: 5 + t.range.lowerBound))
        }
    }

    @Test func everyKindOfTheShippedTableIsCovered() {
        #expect(Set(Self.cases.map(\.kind)) == Set(shipped.bodies.kinds.map(\.id)))
    }

    @Test func oneDetectionCanPointToTwoBodies() {
        let found = Self.targets("我们一般还是根据市总工会还有区委区政府的统一安排部署来做。",
                                 [(.deferUp, "根据市总工会还有区委区政府的统一安排部署")])
        #expect(found.map(\.body) == ["市总工会", "区委区政府"])
        #expect(found.map(\.kind) == ["union-up", "government"])
        #expect(found.allSatisfy { $0.basis == .inside && $0.detection == 0 })
    }

    @Test func twoDetectionsOfOneTurnPointToTheirOwnBodies() {
        let text = "这个你得问一下组织部。我也会给领导汇报一下。"
        let found = Self.targets(text, [(.referral, "得问一下"), (.deferUp, "给领导汇报")])
        #expect(found.map(\.body) == ["组织部", "领导"])
        #expect(found.map(\.detection) == [0, 1])
        // 组织部 lies after the first detection; the sentence ends before 领导, so it is not taken for it.
        #expect(found.map(\.basis) == [.after, .inside])
    }

    @Test func aBodyInTheNextSentenceIsNotTaken() {
        let found = Self.targets("这个不归我们管。镇街那边有人负责。", [(.jurisdiction, "不归我们")])
        #expect(found.map(\.body) == [ReferralTarget.unnamedBody])
    }

    @Test func theOfficialsOwnOrganisationIsNotATarget() {
        // 区总工会 is a lower union for a city union, but here it ends the speaker's own name.
        let found = Self.targets("攀钢他不是我们巴南区总工会下属的工会，他的上级工会是产业工会。",
                                 [(.jurisdiction, "不是我们巴南区总工会下属")], own: ["巴南区总工会", "办公室"])
        #expect(found.map(\.body) == ["上级工会"])
        #expect(found.first?.basis == .after)
    }

    @Test func spellingsOfOneBodyShareItsName() {
        let a = Self.targets("要根据疫情防控指挥部来统一调度。", [(.deferAdmin, "指挥部来统一调度")])
        let b = Self.targets("要根据指挥部来统一调度。", [(.deferAdmin, "指挥部来统一调度")])
        #expect(a.map(\.body) == ["指挥部"] && b.map(\.body) == ["指挥部"])
        #expect(a.first?.text == "疫情防控指挥部" && b.first?.text == "指挥部")
    }

    @Test func gatekeepingCountsOnlyABodyItNames() {
        let named = Self.targets("你通过我们这边正常宣传部门来联系吧。", [(.gatekeeping, "通过我们这边正常宣传部门")])
        #expect(named.map(\.body) == ["宣传部门"])
        // Gatekeeping that names no office points nowhere: no unnamed target either.
        #expect(Self.targets("您这边有正常的手续吗？组织部知道。", [(.gatekeeping, "您这边有正常的手续")]).isEmpty)
        // Codes the table does not follow get no target.
        #expect(Self.targets("这个我不清楚，你问组织部。", [(.ignorance, "不清楚")]).isEmpty)
    }

    @Test func aTargetOnAWrappedLineGetsItsOwnLine() throws {
        let text = "那这个你得问一下组织部，他们清楚。"
        let t = try #require(Self.targets(text, [(.referral, "得问一下")], wrapAt: 9).first)
        #expect(t.range == 8..<11)
        #expect(t.location == SourceLocation(document: "t", line: 7, column: 13))
        let u = try #require(Self.targets(text, [(.referral, "得问一下")], wrapAt: 8).first)
        #expect(u.location == SourceLocation(document: "t", line: 8, column: 1))
    }
}
