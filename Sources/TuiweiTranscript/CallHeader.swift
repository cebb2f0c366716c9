import TuiweiCorpus

/// A line that opens a call: `第一通电话：重庆市巴南区总工会办公室曾女士`, `第二通电话 安阳市总工会 劳动和经济工作部`.
struct CallHeader: Sendable, Equatable {
    let organisation: String?
    let department: String?
    let person: String?

    static let numerals: Set<Unicode.Scalar> = Set("0123456789一二三四五六七八九十百两〇零".unicodeScalars)

    /// Recognises the header shape `第<numeral>通电话` (also `个电话`, `次通话`, `次电话`, and their
    /// traditional forms) and reads organisation, department and person from the rest of the line.
    static func parse(_ content: [Unicode.Scalar]) -> CallHeader? {
        // Almost no line starts with 第: tell that before folding the line.
        guard let first = content.first, MarkerFolding.fold(first) == "第" else { return nil }
        let f = MarkerFolding.fold(content)
        var i = 1
        while i < f.count, numerals.contains(f[i]) { i += 1 }
        guard i > 1 else { return nil }
        let rest = Array(f[i...])
        var start: Int
        if ["通电话", "个电话", "次通话", "次电话"].contains(where: { rest.hasPrefix($0.scalarArray) }) {
            start = i + 3
        } else if rest.hasPrefix("通话".scalarArray) {
            start = i + 2
        } else {
            return nil
        }
        let separators = Set(":：-—,， ".unicodeScalars)
        while start < f.count, separators.contains(f[start]) || Folding.isSpace(f[start]) { start += 1 }
        return parseMetadata(Array(content[start...]))
    }

    static let organisationEnds = ["工会委员会", "工会联合会", "总工会", "工会", "联合会", "人民政府", "政府", "委员会"].map(\.scalarArray)
    static let departmentEnds = ["工作部", "办公室", "部", "处", "科", "室", "中心", "办"].map(\.scalarArray)
    static let personEnds = ["女士", "先生", "主席", "副主席", "部长", "副部长", "书记", "主任", "科长", "处长", "老师", "同志", "经理", "小姐"]
        .map(\.scalarArray).sorted { $0.count > $1.count }

    static func parseMetadata(_ text: String) -> CallHeader { parseMetadata(text.scalarArray) }

    /// Organisation, department and person of a header's text (or a label). Words are found in
    /// the folded text; what is returned is cut from the original at the same offsets.
    static func parseMetadata(_ scalars: [Unicode.Scalar]) -> CallHeader {
        let original = scalars.filter { !Folding.isSpace($0) }
        let f = MarkerFolding.fold(original)
        func text(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(original[r])) }
        var lo = 0, hi = f.count
        var organisation: String?
        var department: String?
        var person: String?
        // The organisation: the shortest prefix ending in an organisation word.
        var bestEnd: Int?
        for end in organisationEnds {
            if let at = f.firstIndex(of: end), bestEnd == nil || at + end.count < bestEnd! { bestEnd = at + end.count }
        }
        if let e = bestEnd {
            organisation = text(0..<e)
            lo = e
        }
        // A surname and a title close the header: `曾女士`, `李副主席`.
        for end in personEnds where hi - lo > end.count && Array(f[(hi - end.count)..<hi]) == end {
            person = text((hi - end.count - 1)..<hi)
            hi -= end.count + 1
            break
        }
        if lo < hi {
            let rest = Array(f[lo..<hi])
            for end in departmentEnds {
                // The last occurrence: `劳动和经济工作部` ends at its final 部.
                var at: Int?
                var from = 0
                while let k = rest.firstIndex(of: end, from: from) { at = k; from = k + 1 }
                if let at {
                    department = text(lo..<(lo + at + end.count))
                    break
                }
            }
            if department == nil, organisation == nil { organisation = text(lo..<hi) }
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
    static func isKey(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "挂", "断", "接", "拨", "打", "语", "录", "留", "铃", "音", "应": return true
        default: return false
        }
    }
    static let decoration: Set<Unicode.Scalar> = Set("-—–―_ ~～*·[]【】()（）<>《》「」".unicodeScalars)

    /// The kind of event a line (label-free) reports, if any.
    static func kind(of content: [Unicode.Scalar]) -> Event.Kind? {
        // Nearly every line has none of the key characters: tell that before folding the line.
        guard content.contains(where: { isKey(MarkerFolding.fold($0)) }) else { return nil }
        let text = MarkerFolding.fold(content)
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
        content.contains { "]】)）〕".unicodeScalars.contains(MarkerFolding.fold($0)) }
    }
}

import Foundation
import TuiweiCore
