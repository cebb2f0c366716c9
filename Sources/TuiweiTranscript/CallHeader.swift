import TuiweiCorpus

/// A line that opens a call: `第一通电话：重庆市巴南区总工会办公室曾女士`, `第二通电话 安阳市总工会 劳动和经济工作部`.
struct CallHeader: Sendable, Equatable {
    let organisation: String?
    let department: String?
    let person: String?

    static let numerals: Set<Unicode.Scalar> = Set("0123456789一二三四五六七八九十百两〇零".unicodeScalars)

    /// Recognises the header shape `第<numeral>通电话` (also `个电话`, `次通话`, `次电话`) and reads
    /// organisation, department and person from the rest of the line.
    static func parse(_ content: [Unicode.Scalar]) -> CallHeader? {
        let f = content.map(Folding.fold)
        guard f.first == "第" else { return nil }
        var i = 1
        while i < f.count, numerals.contains(f[i]) { i += 1 }
        guard i > 1, i + 2 < f.count + 1 else { return nil }
        let rest = String(String.UnicodeScalarView(f[i...]))
        var tail: Substring
        if rest.hasPrefix("通电话") || rest.hasPrefix("个电话") || rest.hasPrefix("次通话") || rest.hasPrefix("次电话") {
            tail = rest.dropFirst(3)
        } else if rest.hasPrefix("通") && rest.dropFirst().hasPrefix("话") {
            tail = rest.dropFirst(2)
        } else {
            return nil
        }
        tail = tail.drop { $0 == ":" || $0 == "：" || $0 == " " || $0 == "-" || $0 == "—" || $0 == "," || $0 == "，" }
        return parseMetadata(String(tail))
    }

    static let organisationEnds = ["工会委员会", "工会联合会", "总工会", "工会", "联合会", "人民政府", "政府", "委员会"]
    static let departmentEnds = ["工作部", "办公室", "部", "处", "科", "室", "中心", "办"]
    static let personEnds = ["女士", "先生", "主席", "副主席", "部长", "副部长", "书记", "主任", "科长", "处长", "老师", "同志", "经理", "小姐"]

    static func parseMetadata(_ text: String) -> CallHeader {
        var rest = Substring(text.filter { !$0.isWhitespace })
        var organisation: String?
        var department: String?
        var person: String?
        // The organisation: shortest prefix ending in an organisation word, extended over
        // directly following organisation words (`市总工会` not `市总`).
        var bestEnd: String.Index?
        for end in organisationEnds {
            if let r = rest.range(of: end), bestEnd == nil || r.upperBound < bestEnd! { bestEnd = r.upperBound }
        }
        if let e = bestEnd {
            organisation = String(rest[..<e])
            rest = rest[e...]
        }
        // A surname and a title close the header: `曾女士`, `李副主席`.
        for end in personEnds.sorted(by: { $0.count > $1.count }) where rest.hasSuffix(end) && rest.count > end.count {
            let start = rest.index(rest.endIndex, offsetBy: -(end.count + 1))
            person = String(rest[start...])
            rest = rest[..<start]
            break
        }
        if !rest.isEmpty {
            for end in departmentEnds {
                if let r = rest.range(of: end, options: .backwards) {
                    department = String(rest[..<r.upperBound])
                    break
                }
            }
            if department == nil, organisation == nil { organisation = String(rest) }
        }
        return CallHeader(organisation: organisation, department: department, person: person)
    }

    /// Surname from a person string such as `曾女士`.
    static func surname(of person: String?) -> String? {
        guard let p = person, let first = p.unicodeScalars.first, Folding.isHan(first) else { return nil }
        return String(first)
    }
}

/// Lines that report what happened rather than what was said.
enum EventMarker {
    static let hangUp = ["挂断", "挂了电话", "挂掉电话", "挂掉了电话", "挂了", "电话被挂", "电话中断", "通话中断", "断线"].map(\.scalarArray)
    static let refused = ["不再接听", "无人接听", "没有接听", "没人接听", "未接听", "不接电话", "拒接", "无法接通", "没有再接"].map(\.scalarArray)
    static let retry = ["再次拨打", "再拨打", "重新拨打", "再次致电", "回拨", "再打过去", "又打了", "再次打"].map(\.scalarArray)
    static let voicemail = ["语音", "答录", "录音", "留言", "自动应答", "彩铃", "提示音"].map(\.scalarArray)
    /// Every marker has one of these characters; lines without any are skipped cheaply.
    static let keyScalars: Set<Unicode.Scalar> = Set("挂断接拨打语录留铃音应".unicodeScalars)
    static let decoration: Set<Unicode.Scalar> = Set("-—–―_ ~～*·[]【】()（）<>《》「」".unicodeScalars)

    /// The kind of event a line (label-free) reports, if any.
    static func kind(of content: [Unicode.Scalar]) -> Event.Kind? {
        guard content.contains(where: keyScalars.contains) else { return nil }
        let text = content.map(Folding.fold)
        if isVoicemailStart(text) { return .voicemail }
        var s = 0, e = text.count
        while s < e, decoration.contains(text[s]) { s += 1 }
        while e > s, decoration.contains(text[e - 1]) { e -= 1 }
        let core = Array(text[s..<e])
        guard core.count <= 40 else { return nil }
        if refused.contains(where: core.contains) || (retry.contains(where: core.contains) && core.contains("接")) {
            return .refusedCallBack
        }
        if hangUp.contains(where: core.contains), core.count <= 20 { return .hangUp }
        return nil
    }

    /// `[语音答录：…]`: a bracketed recording, which may wrap over several lines.
    static func isVoicemailStart(_ folded: [Unicode.Scalar]) -> Bool {
        guard let first = folded.first, "[【(（〔".unicodeScalars.contains(first) else { return false }
        let head = Array(folded.prefix(8))
        return voicemail.contains { head.contains($0) }
    }

    static func closesBracket(_ content: [Unicode.Scalar]) -> Bool {
        content.contains { "]】)）〕".unicodeScalars.contains(Folding.fold($0)) }
    }
}

import Foundation
import TuiweiCore
