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

    /// Parses the text of a weights file.
    /// - Throws: a `Diagnostic` naming `file` and the line, for an unknown feature, a value that is
    ///   not a number, a feature given twice, or missing or unordered grade thresholds.
    public static func parse(_ text: String, file: String) throws(Diagnostic) -> ScoringWeights {
        var values: [String: Double] = [:]
        var lineOf: [String: Int] = [:]
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = Substring(rawLine)
            if lineNumber == 1, line.first == "\u{FEFF}" { line = line.dropFirst() }
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
        try parse(try readText(path), file: path)
    }
}

/// Reads a UTF-8 text file or throws a diagnostic that says what to do.
func readText(_ path: String) throws(Diagnostic) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw Diagnostic(.error, file: path, "cannot read the file; check that it exists and is readable")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw Diagnostic(.error, file: path, "the file is not valid UTF-8; save it as UTF-8")
    }
    return text
}
