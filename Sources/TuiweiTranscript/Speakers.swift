import TuiweiCore
import TuiweiCorpus

/// Decides which label is the caller: the side that introduces itself and asks.
struct RoleAssignment {
    let caller: String?

    static let introMarkers = MarkerPhrases(["打来电话", "打来的电话", "打电话来", "打这个电话", "劳工通讯", "我是从", "我这是从",
                                             "想请教", "想问一下", "想了解一下", "请问是", "请问您是", "我们是一个", "我是记者", "我们是研究"])
    static let officialLabelWords = ["工会", "政府", "委员会", "委", "局", "部", "办", "公司", "主席", "部长", "书记", "主任",
                                     "科长", "处长", "经理", "厅", "院"].map(\.scalarArray)

    /// The label names an organisation or an office holder (`巴南区总工会`, `苏主席`).
    static func looksOfficial(_ label: String) -> Bool {
        let f = MarkerFolding.fold(label)
        return officialLabelWords.contains(where: f.contains)
    }

    init(calls: [[(label: String, text: String)]]) {
        var score: [String: Double] = [:]
        var turns: [String: Int] = [:]
        var questions: [String: Int] = [:]
        /// Bit k: the label's turns use intro marker k.
        var intros: [String: UInt64] = [:]
        var folded: [Unicode.Scalar] = []
        for call in calls {
            for (n, (label, text)) in call.enumerated() {
                folded.removeAll(keepingCapacity: true)
                for s in text.unicodeScalars { folded.append(MarkerFolding.fold(s)) }
                turns[label, default: 0] += 1
                if folded.contains("?") || folded.last == "吗" || folded.last == "呢" { questions[label, default: 0] += 1 }
                let found = RoleAssignment.introMarkers.found(in: folded)
                if found != 0 { intros[label, default: 0] |= found }
                // Whoever answers the phone with a bare greeting is the called side.
                if n == 0, folded.count <= 8, folded.contains("喂") || folded.contains("您".scalarArray + ["好"]) || folded.contains("你好".scalarArray) {
                    score[label, default: 0] -= 2
                }
            }
        }
        for (label, count) in turns {
            var s = score[label] ?? 0
            s += 4 * Double(min(3, (intros[label] ?? 0).nonzeroBitCount))
            s += 3 * Double(questions[label] ?? 0) / Double(max(1, count))
            if RoleAssignment.looksOfficial(label) { s -= 6 }
            score[label] = s
        }
        let ranked = score.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        if let best = ranked.first, best.value > 0 {
            caller = best.key
        } else {
            caller = nil
        }
    }

    func role(of label: String) -> Role {
        guard let caller else { return .unknown }
        return label == caller ? .caller : .official
    }
}

/// Organisation, department and surname of a speaker, from the label, the call header and
/// what the speaker says about themself.
struct SpeakerAttributes {
    let organisation: String?
    let department: String?
    let surname: String?

    static func read(label: String, role: Role, turns: [String], header: CallHeader?, fullName: String?,
                     documentOrganisation: String?) -> SpeakerAttributes {
        var surname = firstFound(in: turns, selfStatedSurname)
        if role == .caller {
            let org = firstFound(in: turns, callerOrganisation) ?? label
            surname = surname ?? fullName.flatMap(CallHeader.surname(of:))
            return SpeakerAttributes(organisation: org, department: nil, surname: surname)
        }
        let fromLabel = RoleAssignment.looksOfficial(label) ? CallHeader.parseMetadata(label) : nil
        let organisation = fromLabel?.organisation ?? header?.organisation ?? documentOrganisation
        let department = fromLabel?.department ?? header?.department ?? firstFound(in: turns, selfStatedDepartment)
        if surname == nil, role == .official { surname = CallHeader.surname(of: header?.person) }
        surname = surname ?? fullName.flatMap(CallHeader.surname(of:))
        return SpeakerAttributes(organisation: organisation, department: department, surname: surname)
    }

    /// What `read` finds in the first turn that has it; each turn is read once.
    private static func firstFound(in turns: [String], _ read: (String) -> String?) -> String? {
        for t in turns { if let found = read(t) { return found } }
        return nil
    }

    /// `我姓曾`, `免贵姓李`, `本人姓王` → the surname, as written.
    static func selfStatedSurname(_ text: String) -> String? {
        // 姓 has one form in either script; most turns lack it and need not be folded.
        guard text.unicodeScalars.contains("姓") else { return nil }
        let original = text.scalarArray
        let s = MarkerFolding.fold(original)
        var i = 0
        while i + 1 < s.count {
            if s[i] == "姓", i >= 1, s[i - 1] == "我" || s[i - 1] == "贵" || s[i - 1] == "人" {
                if s[i - 1] == "贵", i < 2 || s[i - 2] != "免" { i += 1; continue }  // `您贵姓` is the question
                let name = s[i + 1]
                if Folding.isHan(name), !"什啥名".unicodeScalars.contains(name) { return String(original[i + 1]) }
            }
            i += 1
        }
        return nil
    }

    static let departmentEnds = ["工作部", "办公室", "部", "处", "科", "室", "中心"].map(\.scalarArray)
    static let departmentOpeners = ["这边", "这里", "这儿", "我这", "我们"].map(\.scalarArray)

    /// `这边是办公室`, `我们是劳动和经济工作部` → the department, as written; never from a negation
    /// (`我这儿不是办公室`).
    static func selfStatedDepartment(_ text: String) -> String? {
        // Only 是 after an opener's last character can start one: most turns are passed over
        // without folding them.
        var previous: Unicode.Scalar = " "
        var plausible = false
        for s in text.unicodeScalars {
            if s == "是", case let p = MarkerFolding.fold(previous), departmentOpeners.contains(where: { $0.last == p }) {
                plausible = true
                break
            }
            previous = s
        }
        guard plausible else { return nil }
        let original = text.scalarArray
        let s = MarkerFolding.fold(original)
        var i = 2
        while i < s.count {
            if s[i] == "是", departmentOpeners.contains(where: { o in i >= o.count && Array(s[(i - o.count)..<i]) == o }) {
                var j = i + 1
                while j < s.count, j - i <= 12, Folding.isHan(s[j]) { j += 1 }
                let run = Array(s[(i + 1)..<j])
                for end in departmentEnds {
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

    static let organisationEnds = ["通讯", "媒体", "网站", "大学", "研究所", "研究中心", "中心", "报社", "报", "电视台", "杂志", "协会", "组织"]
        .map(\.scalarArray)
    static let openers = ["我是从", "我这是从", "我这是", "我们是", "我是"].map(\.scalarArray)

    /// `我是从中国劳工通讯打来电话` → `中国劳工通讯`, as written.
    static func callerOrganisation(_ text: String) -> String? {
        let original = text.scalarArray
        let s = MarkerFolding.fold(original)
        for opener in openers {
            guard let r = s.firstIndex(of: opener) else { continue }
            let start = r + opener.count
            var j = start
            while j < s.count, j - start < 16, Folding.isHan(s[j]) || s[j].properties.isAlphabetic { j += 1 }
            let run = Array(s[start..<j])
            for end in organisationEnds {
                var at: Int?
                var from = 0
                while let k = run.firstIndex(of: end, from: from) { at = k; from = k + 1 }
                if let at { return String(String.UnicodeScalarView(original[start..<(start + at + end.count)])) }
            }
        }
        return nil
    }
}
