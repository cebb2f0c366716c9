/// Two-character words the stand-in segmenter knows; like the real one, it keeps other CJK
/// characters as one-character words.
public let standInWords: Set<String> = ["政府", "统一", "管理", "职工", "事情", "各级", "工会", "我们", "这个", "不是", "清楚",
                                        "领导", "汇报", "部门", "负责", "企业", "复工", "防控", "疫情", "没有", "知道", "问题"]

/// A stand-in for the segmenter, so that scoring and report tests do not load the dictionary:
/// greedy two-character words from `standInWords`, runs of ASCII letters or digits one word,
/// other characters one word each, spaces dropped.
public func words(_ text: String) -> [String] {
    var out: [String] = []
    let chars = Array(text)
    var i = 0
    while i < chars.count {
        let ch = chars[i]
        if ch.isASCII, ch.isLetter || ch.isNumber {
            var j = i
            while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber { j += 1 }
            out.append(String(chars[i..<j]))
            i = j
        } else if i + 1 < chars.count, standInWords.contains(String(chars[i...(i + 1)])) {
            out.append(String(chars[i...(i + 1)]))
            i += 2
        } else {
            if ch != " " { out.append(String(ch)) }
            i += 1
        }
    }
    return out
}
