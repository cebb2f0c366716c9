import Foundation
import TuiweiCore

/// The tunable numbers of the responsiveness score, read from `lexicons/scoring/weights.tsv`.
///
/// Each line is `feature<TAB or spaces>value`, optionally followed by `# comment`. A feature that
/// is absent counts 0 points; the grade thresholds are required so that every score maps to a grade.
public struct ScoringWeights: Sendable, Hashable {
    /// Feature name → value, as written in the file.
    public let values: [String: Double]
    /// Path of the file the weights came from (for messages and provenance).
    public let source: String

    public init(values: [String: Double], source: String = "(built-in)") {
        self.values = values
        self.source = source
    }

    /// The value of `feature`, or 0 when the file leaves it out.
    public subscript(_ feature: String) -> Double { values[feature] ?? 0 }

    /// Minimum scores for grades 1, 2 and 3.
    public var gradeThresholds: (one: Double, two: Double, three: Double) {
        (self["grade.1"], self["grade.2"], self["grade.3"])
    }

    /// Maps a 0–100 score to the 0–3 grade scale with the file's thresholds.
    public func grade(for score: Double) -> Int {
        let t = gradeThresholds
        if score >= t.three { return 3 }
        if score >= t.two { return 2 }
        if score >= t.one { return 1 }
        return 0
    }

    /// Every feature name the file may use; anything else is a typo and rejected.
    public static let knownFeatures: Set<String> = {
        var s: Set<String> = [
            "base", "deflection.repeat", "deflection.others",
            "answer.DIRECT", "answer.SPECIFIC", "answer.ACKNOWLEDGE", "answer.COMMIT", "answer.repeat",
            "hedge", "hedge.max", "backchannel",
            "question.yesno.answered", "question.yesno.unanswered",
            "question.which.answered", "question.which.unanswered",
            "overlap", "content.per_word", "content.max", "content.none",
            "event.hang-up", "event.voicemail", "event.refused-call-back",
            "grade.1", "grade.2", "grade.3",
            "bootstrap.samples", "bootstrap.level", "bootstrap.seed",
            "boilerplate.n", "boilerplate.top",
        ]
        for code in Code.deflections { s.insert("deflection.\(code.rawValue)") }
        return s
    }()

    static let required = ["grade.1", "grade.2", "grade.3"]

    /// What a setting may be: every value is checked against its rule when the file is read, so
    /// no setting can trap or make a meaningless report later.
    enum Rule: Sendable {
        /// A whole number in the range (a count, a length, a seed).
        case whole(ClosedRange<Int>)
        /// Any number in the range.
        case number(ClosedRange<Double>)
        /// A number strictly between the bounds.
        case between(Double, Double)

        /// Nil when `value` keeps the rule, else the message.
        func check(_ feature: String, _ value: Double, written: Substring) -> String? {
            switch self {
            case .whole(let r):
                if value.rounded() == value, value >= Double(r.lowerBound), value <= Double(r.upperBound) { return nil }
                return "\(feature) must be a whole number from \(r.lowerBound) to \(r.upperBound), not \(written)"
            case .number(let r):
                if r.contains(value) { return nil }
                return "\(feature) must be a number from \(Self.text(r.lowerBound)) to \(Self.text(r.upperBound)), not \(written)"
            case .between(let low, let high):
                if value > low, value < high { return nil }
                return "\(feature) must be a number greater than \(Self.text(low)) and less than \(Self.text(high)), not \(written)"
            }
        }

        private static func text(_ x: Double) -> String { x.rounded() == x ? String(Int(x)) : String(x) }
    }

    /// The rule of each setting; points and multipliers not listed here take `points`.
    static let rules: [String: Rule] = [
        "grade.1": .number(0...100), "grade.2": .number(0...100), "grade.3": .number(0...100),
        "bootstrap.samples": .whole(1...100_000),
        "bootstrap.level": .between(0, 1),
        "bootstrap.seed": .whole(0...(1 << 53)),
        "boilerplate.n": .whole(1...10),
        "boilerplate.top": .whole(1...100),
        "hedge.max": .number(0...1000), "content.max": .number(0...1000),
    ]
    static let points = Rule.number(-1000...1000)

    /// Parses the text of a weights file.
    /// - Throws: a `Diagnostic` naming `file` and the line, for an unknown feature, a value that is
    ///   not a number, a feature given twice, or missing or unordered grade thresholds.
    public static func parse(_ text: String, file: String) throws(Diagnostic) -> ScoringWeights {
        var values: [String: Double] = [:]
        var lineOf: [String: Int] = [:]
        for (lineNumber, rawLine) in DataFile.lines(text) {
            var line = rawLine
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " || $0 == "\r" })
            if fields.isEmpty { continue }
            let feature = String(fields[0])
            guard fields.count == 2 else {
                throw Diagnostic(.error, file: file, line: lineNumber,
                                 "expected 'feature<TAB>value' (and an optional '# comment'), found \(fields.count) fields in '\(line.trimmingCharacters(in: .whitespaces))'")
            }
            guard knownFeatures.contains(feature) else {
                let hint = knownFeatures.sorted().first { $0.lowercased() == feature.lowercased() }
                    ?? knownFeatures.sorted().first { $0.hasPrefix(feature.split(separator: ".").first.map(String.init) ?? feature) }
                throw Diagnostic(.error, file: file, line: lineNumber,
                                 "unknown feature '\(feature)'" + (hint.map { " (did you mean '\($0)'?)" } ?? "")
                                 + "; the features are listed in lexicons/README.md")
            }
            guard let value = Double(fields[1]), value.isFinite else {
                throw Diagnostic(.error, file: file, line: lineNumber,
                                 "the value of '\(feature)' must be a number such as -12.5, not '\(fields[1])'")
            }
            if let problem = (rules[feature] ?? points).check(feature, value, written: fields[1]) {
                throw Diagnostic(.error, file: file, line: lineNumber, problem)
            }
            if let first = lineOf[feature] {
                throw Diagnostic(.error, file: file, line: lineNumber,
                                 "'\(feature)' is already set on line \(first); keep one of the two lines")
            }
            values[feature] = value
            lineOf[feature] = lineNumber
        }
        for name in required where values[name] == nil {
            throw Diagnostic(.error, file: file,
                             "missing '\(name)': the grade thresholds grade.1, grade.2 and grade.3 (minimum score of each grade) are required")
        }
        let g1 = values["grade.1"]!, g2 = values["grade.2"]!, g3 = values["grade.3"]!
        guard g1 <= g2, g2 <= g3 else {
            throw Diagnostic(.error, file: file, line: lineOf["grade.3"],
                             "grade thresholds must rise: grade.1 (\(g1)) ≤ grade.2 (\(g2)) ≤ grade.3 (\(g3))")
        }
        return ScoringWeights(values: values, source: file)
    }

    /// Reads and parses a weights file.
    public static func load(path: String) throws(Diagnostic) -> ScoringWeights {
        try parse(try DataFile.text(path, what: "weights file"), file: path)
    }
}

/// Reads a scoring file the way every data file is read.
func readText(_ path: String) throws(Diagnostic) -> String {
    try DataFile.text(path, what: "scoring file")
}
