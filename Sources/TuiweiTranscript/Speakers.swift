import TuiweiCore
import TuiweiCorpus

/// What the text shows about one speaker: the side they are on, whether they speak for a body,
/// their position and name, and the evidence for each.
struct SpeakerJudgement: Sendable {
    let role: Role
    let title: String?
    let person: String?
    /// From a mention in the text around the dialogue (`外交部发言人汪文斌`).
    let mentionedOrganisation: String?
    let evidence: [String]
}

/// Decides, for every label of a document, which side of the questioning the speaker is on and
/// whether an answerer speaks for an official body — from role words, who asks, how callers
/// introduce themselves, bodies named in the label, mentions around the dialogue, what the
/// speaker says about themself and the header, never from the name alone.
struct SideAssignment: Sendable {
    let judgements: [String: SpeakerJudgement]

    init(judgements: [String: SpeakerJudgement]) { self.judgements = judgements }

    /// What a document's turns show of each speaker, gathered turn by turn in document order, so
    /// that no turn need be held or folded twice: a file of many calls is read call by call.
    struct Evidence {
        private struct Tally {
            var turns = 0, marked = 0, worded = 0, greets = 0
            var intros: UInt64 = 0
            /// The first former office the speaker mentions, and whether they introduce themself
            /// in one of their first six turns.
            var former: String?
            var introduction: String?
            /// Where the speaker names another speaker with a position before the name.
            var mentions: MentionSearch
        }
        private let c: TranscriptConventions
        /// A search for every speaker's name that has found nothing: each speaker's search, and
        /// the context's, is a copy of it, sharing its tables.
        private let noMentions: MentionSearch
        private var tally: [String: Tally] = [:]
        private var order: [String] = []
        /// Who spoke just before each label's first turn, and what was said.
        private var before: [String: [Unicode.Scalar]] = [:]
        private var previous: [Unicode.Scalar]?
        private var turnInCall = 0

        /// - Parameter labels: the document's labels; every speaker's name may be introduced.
        init(labels: LabelSet, conventions: TranscriptConventions) {
            c = conventions
            var all = Set(labels.canonical.values)
            all.formUnion(labels.anonymous)
            noMentions = MentionSearch(names: all.sorted().map { conventions.fold(labels.fullNames[$0] ?? $0) }, conventions: conventions)
        }

        /// A call begins: its first turn is the one a greeting opens.
        mutating func startCall() {
            previous = nil
            turnInCall = 0
        }

        /// The next turn of the call, not a translation: its speaker's canonical label and text.
        mutating func add(label: String, text: String) {
            let f = c.fold(text)
            if tally[label] == nil {
                order.append(label)
                tally[label] = Tally(mentions: noMentions)
            }
            if before[label] == nil, let previous { before[label] = previous }
            var t = tally.removeValue(forKey: label)!
            if SideAssignment.isMarkedQuestion(f) { t.marked += 1 } else if SideAssignment.hasQuestionWord(f) { t.worded += 1 }
            t.intros |= c.introductions.found(in: f)
            if turnInCall == 0, f.count <= 8, f.contains("喂") || f.contains("您好".scalarArray) || f.contains("你好".scalarArray) { t.greets += 1 }
            if t.former == nil { t.former = SideAssignment.formerOffice(CollectionOfOne(f), conventions: c) }
            if t.introduction == nil, t.turns < 6 { t.introduction = SideAssignment.selfIntroduction(CollectionOfOne(f), conventions: c) }
            t.mentions.search(f)
            t.turns += 1
            tally[label] = t
            previous = f
            turnInCall += 1
        }

        /// Each speaker's side and, for those who answer, whether they speak for a body.
        /// - Parameters:
        ///   - context: the folded text around the dialogue: preamble, headers and narration.
        ///   - headerOrganisation: the body the first call header to name one names.
        consuming func judge(labels: LabelSet, context: [Unicode.Scalar], headerOrganisation: String?) -> SideAssignment {
            // Sides.
            var side: [String: Side] = [:]
            var evidence: [String: [String]] = [:]
            var score: [String: Double] = [:]
            var roleWords: [String: (word: [Unicode.Scalar], role: RoleWordClass)] = [:]
            for label in order {
                let t = tally[label]!
                let name = c.fold(label)
                var why: [String] = []
                let descriptor = labels.written[label].flatMap { LabelSet.descriptorRole(c.fold($0), c) }
                let rw = c.roleWord(endingAt: name) ?? descriptor
                    ?? labels.fullNames[label].flatMap { c.roleWord(endingAt: c.fold($0)) }
                    ?? labels.titles[label].flatMap { c.roleWord(endingAt: c.fold($0)) }
                if let rw { roleWords[label] = rw }
                // A role before a person's name (`贵州电视台记者 朱磊`) says less about the side taken
                // than a label that is the role itself.
                let weight = c.roleWord(endingAt: name) == nil && descriptor != nil ? 1.5 : 3.0
                let q = (3 * Double(t.marked) + 1.5 * Double(t.worded)) / Double(max(1, t.turns))
                var s = q + 4 * Double(min(3, t.intros.nonzeroBitCount)) - 2 * Double(t.greets)
                if t.marked + t.worded > 0 { why.append("asks in \(t.marked + t.worded) of \(t.turns) turns") }
                if t.intros != 0 { why.append("introduces themself as the one calling or asking") }
                if t.greets > 0 { why.append("answers the telephone with a greeting") }
                switch rw?.role {
                case .narrator?:
                    side[label] = .other
                    why.append("role word '\(rw!.word.string)': a narrator")
                case .questionLabel?:
                    side[label] = .questioner
                    why.append("the label '\(label)' marks questions")
                case .answerLabel?:
                    side[label] = .answerer
                    why.append("the label '\(label)' marks answers")
                case .questioner?:
                    s += weight
                    why.append("role word '\(rw!.word.string)' (questioner)")
                case .official?, .respondent?:
                    s -= weight
                    why.append("role word '\(rw!.word.string)' (\(rw!.role.rawValue))")
                case nil:
                    break
                }
                if side[label] == nil, c.bodyWords.contains(where: name.contains) {
                    s -= 6
                    why.append("the label names a body")
                }
                score[label] = s
                evidence[label] = why
            }
            let undecided = order.filter { side[$0] == nil }
            for label in undecided {
                let t = tally[label]!
                let s = score[label]!
                let asker = roleWords[label] == nil && t.turns >= 2 && Double(t.marked) / Double(t.turns) >= 0.6
                side[label] = s >= 3 || asker ? .questioner : .answerer
            }
            if !order.contains(where: { side[$0] == .questioner }),
               let best = undecided.max(by: { (score[$0]!, $1) < (score[$1]!, $0) }), score[best]! > 0 {
                side[best] = .questioner
                evidence[best, default: []].append("asks most of all speakers")
            }
            if !order.contains(where: { side[$0] == .answerer }), order.count >= 2,
               let least = undecided.min(by: { (score[$0]!, $0) < (score[$1]!, $1) }) {
                side[least] = .answerer
                evidence[least, default: []].append("asks least of all speakers")
            }
            let contextOfficial = c.officialContext.first(where: context.contains)
            // Those who ask introduce those who answer (`今天的嘉宾是…副会长吴江先生`): a name is
            // looked for in the text around the dialogue, then in each questioner's turns in turn,
            // each turn on its own; the first official introduction found counts, else the first.
            var search = noMentions
            search.search(context)
            var introduced = search.finish()
            for label in order where side[label] == .questioner {
                for (name, m) in tally[label]!.mentions.finish() { introduced[name] = m.over(introduced[name]) }
            }
            // Official or not, for the answering side.
            var out: [String: SpeakerJudgement] = [:]
            for label in order {
                var why = evidence[label] ?? []
                let name = c.fold(label)
                let rw = roleWords[label]
                // A label that names no one (`答：`, `部门回复：`) stands for the one official the text
                // introduces, if it introduces exactly one (`外交部发言人华春莹主持例行记者会`).
                let anonymous = rw?.role == .answerLabel || label.isEmpty || label.hasPrefix("(")
                let spoken = labels.fullNames[label] ?? label
                let mention = introduced[c.fold(spoken)].map { (official: $0.official, title: $0.title, organisation: $0.organisation, person: spoken as String?) }
                    ?? (anonymous ? SideAssignment.soleOfficial(in: context, conventions: c) : nil)
                // The role word as the label writes it (`工作人員`), else as the text introduces the speaker.
                let written = Array((labels.written[label] ?? label).unicodeScalars.filter { !TextNormaliser.isSpace($0) })
                let title = labels.titles[label]
                    ?? rw.flatMap { rw in
                        guard [.official, .respondent, .questioner].contains(rw.role), rw.word.count >= 2,
                              let at = c.fold(written).lastIndex(of: rw.word) else { return nil }
                        return written[at..<(at + rw.word.count)].string
                    }
                    ?? mention?.title
                let person = SideAssignment.personName(label, fullName: labels.fullNames[label], c) ?? mention?.person
                let s = side[label]!
                why.insert("side \(s.rawValue)", at: 0)
                guard s == .answerer else {
                    out[label] = SpeakerJudgement(role: s == .questioner ? .caller : .narrator, title: title, person: person,
                                                  mentionedOrganisation: nil, evidence: why)
                    continue
                }
                let t = tally[label]!
                var official: Bool?
                if let former = t.former {
                    official = false; why.append("says the office is a former one ('\(former)')")
                } else if let rw, rw.role == .official {
                    official = true; why.append("official: role word '\(rw.word.string)'")
                } else if let rw, rw.role == .respondent || rw.role == .questioner {
                    official = false; why.append("not an official: role word '\(rw.word.string)' (\(rw.role.rawValue))")
                } else if c.bodyWords.contains(where: name.contains) {
                    official = true; why.append("official: the label names a body")
                } else if let m = mention {
                    official = m.official
                    why.append(m.official ? "official: introduced as '\(m.title)'" : "not an official: introduced as '\(m.title)'")
                } else if let intro = t.introduction {
                    official = true; why.append("official: introduces themself as '\(intro)'")
                } else if let asked = before[label].flatMap({ SideAssignment.identityCheck($0, conventions: c) }) {
                    official = true; why.append("official: answers the question whether this is '\(asked)'")
                } else if let org = headerOrganisation {
                    official = true; why.append("official: the call's header names '\(org)'")
                } else if let ctx = contextOfficial {
                    official = true; why.append("official: the text around the dialogue speaks of '\(ctx.string)'")
                }
                if official == nil { why.append("not an official: nothing shows the speaker speaks for a body") }
                out[label] = SpeakerJudgement(role: official == true ? .official : .respondent, title: title, person: person,
                                              mentionedOrganisation: mention?.organisation, evidence: why)
            }
            return SideAssignment(judgements: out)
        }
    }

    func judgement(of label: String) -> SpeakerJudgement? { judgements[label] }

    // MARK: Evidence

    static func isMarkedQuestion(_ f: [Unicode.Scalar]) -> Bool {
        if f.contains("?") { return true }
        var e = f.count
        while e > 0, TextNormaliser.endsProse(f[e - 1]) || TextNormaliser.isClosingQuote(f[e - 1]) || TextNormaliser.isSpace(f[e - 1]) { e -= 1 }
        return e > 0 && (f[e - 1] == "吗" || f[e - 1] == "呢" || f[e - 1] == "么")
    }

    static let questionWords = ["什么", "怎么", "为什么", "能不能", "是不是", "有没有", "多少", "哪里", "哪儿", "是否", "可否", "如何"].map(\.scalarArray)

    static func hasQuestionWord(_ f: [Unicode.Scalar]) -> Bool { questionWords.contains(where: f.contains) }

    /// A person's name: a label of two to four ideographs with no role word, or a full name.
    static func personName(_ label: String, fullName: String?, _ c: TranscriptConventions) -> String? {
        func isName(_ s: String) -> Bool {
            let u = Array(s.unicodeScalars)
            let f = c.fold(u)
            return (2...4).contains(u.count) && u.allSatisfy(TextNormaliser.isHan) && c.roleWord(endingAt: f) == nil
                && !c.bodyWords.contains(where: f.contains) && c.surnames.contains(where: { f.starts(with: $0) && f.count > $0.count })
        }
        if let parts = Optional(label.split(separator: " ")), parts.count == 2, isName(String(parts[1])) { return String(parts[1]) }
        if isName(label) { return label }
        if let fullName, isName(fullName) { return fullName }
        return nil
    }

    /// Where the text names the speaker with a position: `外交部发言人汪文斌`, `副局长王德学`, `保安谢海宝`.
    /// An official position wins over another, unless it is a former one.
    static func mention(of name: String, in context: [Unicode.Scalar], conventions c: TranscriptConventions)
        -> (official: Bool, title: String, organisation: String?, person: String?)? {
        let n = c.fold(name)
        guard MentionSearch.canBeFound(n) else { return nil }
        var found: Introduction?
        var from = 0
        while let at = context.firstIndex(of: n, from: from) {
            from = at + 1
            if let m = introduction(before: Array(context[max(0, at - introductionReach)..<at]), c) { found = m.over(found) }
        }
        return found.map { ($0.official, $0.title, $0.organisation, name) }
    }

    /// What a position right before a name says of the one named.
    struct Introduction {
        let official: Bool
        let title: String
        let organisation: String?

        /// The one of the two to keep: the first found, unless this one is official and that not.
        func over(_ earlier: Introduction?) -> Introduction {
            guard let earlier else { return self }
            return official && !earlier.official ? self : earlier
        }
    }

    /// How far before a name its position and body are looked for.
    static let introductionReach = 16

    /// The position that ends `head` (the scalars right before a name), if it is an official's or a
    /// respondent's; with the words that qualify it (`副`, `常务` …), whether it is a former one,
    /// and the body named before it.
    static func introduction(before head: [Unicode.Scalar], _ c: TranscriptConventions) -> Introduction? {
        guard let rw = c.roleWord(endingAt: head), rw.role == .official || rw.role == .respondent else { return nil }
        var before = head.dropLast(rw.word.count)
        var title = rw.word
        while let last = before.last, "副常务总代正首席新闻执行".unicodeScalars.contains(last), title.count < rw.word.count + 3 {
            title.insert(last, at: 0); before = before.dropLast()
        }
        let former = c.formerMarkers.contains { m in before.suffix(m.count + 2).contains(m) }
        return Introduction(official: rw.role == .official && !former, title: title.string,
                            organisation: Self.organisation(endingAt: Array(before), c))
    }

    /// The one person the text introduces with an official position and a name right after it
    /// (`发言人华春莹`), when there is exactly one.
    static func soleOfficial(in context: [Unicode.Scalar], conventions c: TranscriptConventions)
        -> (official: Bool, title: String, organisation: String?, person: String?)? {
        var people: [String: (official: Bool, title: String, organisation: String?, person: String?)] = [:]
        for (word, role) in c.roleClasses where role == .official && word.count >= 2 {
            var from = 0
            while let at = context.firstIndex(of: word, from: from) {
                from = at + 1
                var end = at + word.count
                while end < context.count, end - at - word.count < 3, TextNormaliser.isHan(context[end]) { end += 1 }
                // A name is two or three characters; a verb after two ends it (`王毅表示`).
                if end - at - word.count == 3, "主介表说在就对和与答出指称会强回".unicodeScalars.contains(context[end - 1]) { end -= 1 }
                // Nor does a name start with a word of grammar (`领导人将…`).
                guard end - at - word.count >= 2, !"人们的了是在和与及等将应已被把对为向从也都".unicodeScalars.contains(context[at + word.count]) else { continue }
                let name = context[(at + word.count)..<end].string
                if let m = mention(of: name, in: context, conventions: c), m.official { people[name] = m }
            }
        }
        return people.count == 1 ? people.first!.value : nil
    }

    /// The body named right before a position (`外交部` in `外交部发言人`), if the run of ideographs
    /// there ends in a body word.
    static func organisation(endingAt text: [Unicode.Scalar], _ c: TranscriptConventions) -> String? {
        let end = text.count
        var start = end
        while start > 0, TextNormaliser.isHan(text[start - 1]), end - start < 14 { start -= 1 }
        // Not a date's last character (`8月19日外交部`), nor a verb that introduces the body (`请…`).
        if start > 0, start < end, "年月日时".unicodeScalars.contains(text[start]), text[start - 1] == "0" { start += 1 }
        while end - start > 3, "请由向据在对经和与及".unicodeScalars.contains(text[start]) { start += 1 }
        let run = Array(text[start..<end])
        guard run.count >= 2, c.bodyWords.contains(where: { run.count >= $0.count && run.suffix($0.count).elementsEqual($0) })
            || c.organisationEnds.contains(where: { run.count >= $0.count && run.suffix($0.count).elementsEqual($0) }) else { return nil }
        return run.string
    }

    /// `在大陆的时候我是沈阳市司法局局长`, `原局长`: an office the speaker no longer holds. A marker of
    /// one character counts right before a position; a longer one in a sentence where the speaker
    /// speaks of themself and of a position. Most turns hold no marker and are passed over.
    static func formerOffice<Turns: Sequence<[Unicode.Scalar]>>(_ turns: Turns, conventions c: TranscriptConventions) -> String? {
        let positions = c.officialPositions
        func isEnd(_ s: Unicode.Scalar) -> Bool { s == "。" || s == "!" || s == "?" || s == "\n" }
        for t in turns {
            for m in c.formerMarkers {
                var from = 0
                while let at = t.firstIndex(of: m, from: from) {
                    from = at + 1
                    let after = t[(at + m.count)...]
                    if m.count == 1 {
                        if positions.contains(where: { after.starts(with: $0) }) { return m.string }
                        continue
                    }
                    var a = at, b = at
                    while a > 0, !isEnd(t[a - 1]) { a -= 1 }
                    while b < t.count, !isEnd(t[b]) { b += 1 }
                    let sentence = Array(t[a..<b])
                    if sentence.contains("我"), positions.contains(where: sentence.contains) { return m.string }
                }
            }
        }
        return nil
    }

    /// `我是…主任`, `这里是…工会`, `这边是办公室` in the speaker's own turns.
    static func selfIntroduction<Turns: Sequence<[Unicode.Scalar]>>(_ turns: Turns, conventions c: TranscriptConventions) -> String? {
        for t in turns.prefix(6) {
            for opener in ["我是", "这里是", "这边是", "我们是", "我这是", "我们这是"].map(\.scalarArray) {
                guard let at = t.firstIndex(of: opener) else { continue }
                var j = at + opener.count
                while j < t.count, j - at - opener.count < 16, TextNormaliser.isHan(t[j]) { j += 1 }
                let run = Array(t[(at + opener.count)..<j])
                if run.count >= 2, c.bodyWords.contains(where: run.contains)
                    || c.roleClasses.contains(where: { $0.role == .official && run.count >= $0.word.count && run.suffix($0.word.count).elementsEqual($0.word) }) {
                    return run.string
                }
            }
        }
        return nil
    }

    /// `请问是巴南区总工会吗？`: the body the questioner checks they have reached.
    static func identityCheck(_ question: [Unicode.Scalar], conventions c: TranscriptConventions) -> String? {
        guard let at = question.firstIndex(of: "是".scalarArray), let end = question[at...].firstIndex(where: { $0 == "吗" || $0 == "么" }) else { return nil }
        let run = Array(question[(at + 1)..<end])
        guard run.count >= 2, run.count <= 20, c.bodyWords.contains(where: run.contains) else { return nil }
        return run.string
    }
}

extension Array where Element == Unicode.Scalar {
    var string: String { String(String.UnicodeScalarView(self)) }
}

extension ArraySlice where Element == Unicode.Scalar {
    var string: String { String(String.UnicodeScalarView(self)) }
}

/// Organisation, department and surname of a speaker, from the label, the call header and
/// what the speaker says about themself.
struct SpeakerAttributes {
    let organisation: String?
    let department: String?
    let surname: String?

    static func read(label: String, role: Role, turns: [String], header: CallHeader?, person: String?,
                     documentOrganisation: String?, mentioned: String?, conventions c: TranscriptConventions) -> SpeakerAttributes {
        var surname = firstFound(in: turns) { selfStatedSurname($0, c) }
        let name = c.fold(label)
        if role == .caller || role == .narrator {
            // An organisation's initials (`CLB`), not `Q`.
            let fromLabel = LabelSet.isLatin(name) && label.count >= 2 && label.allSatisfy({ $0.isUppercase }) ? label : nil
            let org = firstFound(in: turns) { callerOrganisation($0, c) } ?? fromLabel
            surname = surname ?? person.flatMap(CallHeader.surname(of:))
            return SpeakerAttributes(organisation: org, department: nil, surname: surname)
        }
        // The body a label names, without the position that ends it (`镇劳保所所长` → `镇劳保所`).
        let rw = c.roleWord(endingAt: name)
        let body = rw.map { Array(label.unicodeScalars.dropLast($0.word.count)) } ?? Array(label.unicodeScalars)
        let namesBody = rw?.role != .answerLabel && c.bodyWords.contains(where: c.fold(body).contains)
        let fromLabel = namesBody ? CallHeader.parseMetadata(body, conventions: c) : nil
        let organisation = fromLabel?.organisation ?? header?.organisation ?? mentioned ?? documentOrganisation
        let department = fromLabel?.department ?? header?.department ?? firstFound(in: turns) { selfStatedDepartment($0, c) }
        if surname == nil, role == .official { surname = CallHeader.surname(of: header?.person) }
        surname = surname ?? person.flatMap(CallHeader.surname(of:))
        return SpeakerAttributes(organisation: role == .official ? organisation : nil, department: role == .official ? department : nil,
                                 surname: surname)
    }

    /// What `read` finds in the first turn that has it; each turn is read once.
    private static func firstFound(in turns: [String], _ read: (String) -> String?) -> String? {
        for t in turns { if let found = read(t) { return found } }
        return nil
    }

    /// `我姓曾`, `免贵姓李`, `本人姓王` → the surname, as written.
    static func selfStatedSurname(_ text: String, _ c: TranscriptConventions) -> String? {
        // 姓 has one form in either script; most turns lack it and need not be folded.
        guard text.unicodeScalars.contains("姓") else { return nil }
        let original = text.scalarArray
        let s = c.fold(original)
        var i = 0
        while i + 1 < s.count {
            if s[i] == "姓", i >= 1, s[i - 1] == "我" || s[i - 1] == "贵" || s[i - 1] == "人" {
                if s[i - 1] == "贵", i < 2 || s[i - 2] != "免" { i += 1; continue }  // `您贵姓` is the question
                let name = s[i + 1]
                if TextNormaliser.isHan(name), !"什啥名".unicodeScalars.contains(name) { return String(original[i + 1]) }
            }
            i += 1
        }
        return nil
    }

    static let departmentOpeners = ["这边", "这里", "这儿", "我这", "我们"].map(\.scalarArray)

    /// `这边是办公室`, `我们是劳动和经济工作部` → the department, as written; never from a negation
    /// (`我这儿不是办公室`).
    static func selfStatedDepartment(_ text: String, _ c: TranscriptConventions) -> String? {
        // Only 是 after an opener's last character can start one: most turns are passed over
        // without folding them.
        var previous: Unicode.Scalar = " "
        var plausible = false
        for s in text.unicodeScalars {
            if s == "是", case let p = c.fold(previous), departmentOpeners.contains(where: { $0.last == p }) {
                plausible = true
                break
            }
            previous = s
        }
        guard plausible else { return nil }
        let original = text.scalarArray
        let s = c.fold(original)
        var i = 2
        while i < s.count {
            if s[i] == "是", departmentOpeners.contains(where: { o in i >= o.count && Array(s[(i - o.count)..<i]) == o }) {
                var j = i + 1
                while j < s.count, j - i <= 12, TextNormaliser.isHan(s[j]) { j += 1 }
                let run = Array(s[(i + 1)..<j])
                for end in c.departmentEnds {
                    var at: Int?
                    var from = 0
                    while let k = run.firstIndex(of: end, from: from) { at = k; from = k + 1 }
                    if let at, at + end.count >= 2 {
                        return String(String.UnicodeScalarView(original[(i + 1)..<(i + 1 + at + end.count)]))
                    }
                }
            }
            i += 1
        }
        return nil
    }

    static let openers = ["我是从", "我这是从", "我这是", "我们是", "我是"].map(\.scalarArray)

    /// `我是从中国劳工通讯打来电话` → `中国劳工通讯`, as written.
    static func callerOrganisation(_ text: String, _ c: TranscriptConventions) -> String? {
        let original = text.scalarArray
        let s = c.fold(original)
        for opener in openers {
            guard let r = s.firstIndex(of: opener) else { continue }
            let start = r + opener.count
            var j = start
            while j < s.count, j - start < 16, TextNormaliser.isHan(s[j]) || s[j].properties.isAlphabetic { j += 1 }
            let run = Array(s[start..<j])
            for end in c.callerOrganisationEnds {
                var at: Int?
                var from = 0
                while let k = run.firstIndex(of: end, from: from) { at = k; from = k + 1 }
                if let at { return String(String.UnicodeScalarView(original[start..<(start + at + end.count)])) }
            }
        }
        return nil
    }
}
