import TuiweiCore
import TuiweiScoring

/// A detection of `text` found in `answer`, at its first occurrence.
public func detect(_ code: Code, _ text: String, in answer: String, weight: Double = 1, line: Int = 10) -> Detection {
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

/// A context with explicit word lists.
public func context(question: String, questionWords: [String]? = nil, answer: String, answerWords: [String]? = nil,
             detections: [Detection] = [], events: [Event.Kind] = []) -> AnswerContext {
    AnswerContext(document: "t", call: 1, turn: 1, officialTurn: 1, question: question,
                  questionWords: questionWords ?? words(question), answer: answer,
                  answerWords: answerWords ?? words(answer), detections: detections, events: events)
}

public func points(_ score: AnswerScore, _ feature: String) -> Double? {
    let hits = score.contributions.filter { $0.feature == feature }
    return hits.isEmpty ? nil : hits.reduce(0) { $0 + $1.points }
}

/// A passage whose scalars all sit on `line` from column 1.
public func passage(_ text: String, document: String = "doc", line: Int) -> Passage {
    Passage(text: text, map: SourceMap(document: document, pieces: [.init(offset: 0, line: line, column: 1, length: text.unicodeScalars.count)]))
}
