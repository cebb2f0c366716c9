import Foundation
import TuiweiCore
@testable import TuiweiScoring

/// The shipped scoring lexicons, loaded once for all tests.
let shipped: ScoringResources = {
    do { return try ScoringResources.loadDefault() } catch { fatalError("shipped scoring lexicons: \(error)") }
}()

/// Fixed weights for the feature tests, so that tuning the shipped file does not change what
/// the tests check; the word lists are the shipped ones.
let testResources: ScoringResources = {
    let path = ProjectLayout.root()! + "/Tests/Fixtures/scoring/test-weights.tsv"
    do {
        return ScoringResources(weights: try ScoringWeights.load(path: path), stopWords: shipped.stopWords,
                                cues: shipped.cues, orientation: shipped.orientation, bodies: shipped.bodies)
    } catch { fatalError("test weights: \(error)") }
}()

/// A detection of `text` found in `answer`, at its first occurrence.
func detect(_ code: Code, _ text: String, in answer: String, weight: Double = 1, line: Int = 10) -> Detection {
    let scalars = Array(answer.unicodeScalars)
    let needle = Array(text.unicodeScalars)
    var start = 0
    for i in 0...max(0, scalars.count - needle.count) where scalars.count >= needle.count && Array(scalars[i..<(i + needle.count)]) == needle {
        start = i
        break
    }
    return Detection(code: code, text: text, range: start..<(start + needle.count),
                     location: SourceLocation(document: "t", line: line, column: start + 1),
                     rule: RuleReference(file: "lexicons/test.tsv", line: 1), weight: weight)
}

/// Two-character words the stand-in segmenter knows; like the real one, it keeps other CJK
/// characters as one-character words.
let standInWords: Set<String> = ["政府", "统一", "管理", "职工", "事情", "各级", "工会", "我们", "这个", "不是", "清楚",
                                 "领导", "汇报", "部门", "负责", "企业", "复工", "防控", "疫情", "没有", "知道", "问题"]

/// A stand-in for the segmenter: greedy two-character words from `standInWords`, runs of ASCII
/// letters or digits one word, other characters one word each, spaces dropped.
func words(_ text: String) -> [String] {
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

/// A context with explicit word lists.
func context(question: String, questionWords: [String]? = nil, answer: String, answerWords: [String]? = nil,
             detections: [Detection] = [], events: [Event.Kind] = []) -> AnswerContext {
    AnswerContext(document: "t", call: 1, turn: 1, officialTurn: 1, question: question,
                  questionWords: questionWords ?? words(question), answer: answer,
                  answerWords: answerWords ?? words(answer), detections: detections, events: events)
}

func points(_ score: AnswerScore, _ feature: String) -> Double? {
    let hits = score.contributions.filter { $0.feature == feature }
    return hits.isEmpty ? nil : hits.reduce(0) { $0 + $1.points }
}

/// A passage whose scalars all sit on `line` from column 1.
func passage(_ text: String, document: String = "doc", line: Int) -> Passage {
    Passage(text: text, map: SourceMap(document: document, pieces: [.init(offset: 0, line: line, column: 1, length: text.unicodeScalars.count)]))
}
