import Foundation
import TuiweiCore

/// One human judgement of an official turn, as in the gold files (one JSON object per line).
public struct GoldRecord: Sendable, Hashable {
    public let document: String
    /// 1-based call index in the document.
    public let call: Int
    /// 1-based index among the call's official turns.
    public let turn: Int
    /// First characters of the turn's text, whitespace removed.
    public let starts: String
    /// 0–3, nil when the turn is ungraded.
    public let grade: Int?
    public let codes: Set<Code>
    /// Words the annotator gave as evidence, by code.
    public let evidence: [Code: String]
    /// Where the record was read.
    public let file: String
    public let line: Int

    public init(document: String, call: Int, turn: Int, starts: String, grade: Int?, codes: Set<Code>,
                evidence: [Code: String] = [:], file: String = "", line: Int = 0) {
        self.document = document
        self.call = call
        self.turn = turn
        self.starts = starts
        self.grade = grade
        self.codes = codes
        self.evidence = evidence
        self.file = file
        self.line = line
    }
}

/// Reads gold files: `.jsonl` files, or folders holding them.
public enum GoldReader {
    /// - Throws: `GoldError` listing every unreadable file and malformed line; nothing is
    ///   returned half-read.
    public static func read(paths: [String]) throws(GoldError) -> [GoldRecord] {
        let fm = FileManager.default
        var files: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                let found = (fm.enumerator(atPath: path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
                files += found.map { (path.hasSuffix("/") ? path : path + "/") + $0 }
            } else {
                files.append(path)
            }
        }
        var records: [GoldRecord] = []
        var problems: [Diagnostic] = []
        for file in files {
            guard let data = fm.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                problems.append(Diagnostic(.error, file: file, "cannot read this gold file; check the path"))
                continue
            }
            let parsed = parse(text: text, file: file)
            records += parsed.records
            problems += parsed.diagnostics
        }
        if files.isEmpty {
            problems.append(Diagnostic(.error, file: paths.joined(separator: " "), "no gold files (.jsonl) found"))
        }
        if !problems.isEmpty { throw GoldError(diagnostics: problems) }
        return records
    }

    /// Parses one gold file's text; malformed lines become diagnostics.
    public static func parse(text: String, file: String) -> (records: [GoldRecord], diagnostics: [Diagnostic]) {
        var records: [GoldRecord] = []
        var problems: [Diagnostic] = []
        var lineNumber = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            func fail(_ m: String) { problems.append(Diagnostic(.error, file: file, line: lineNumber, m)) }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                fail("not a JSON object; each line holds one object with doc, call, turn, starts, grade, codes")
                continue
            }
            guard let doc = object["doc"] as? String, let call = object["call"] as? Int, let turn = object["turn"] as? Int,
                  let starts = object["starts"] as? String, let codeNames = object["codes"] as? [String] else {
                fail("missing or mistyped key: doc (string), call (number), turn (number), starts (string), codes (list) are required")
                continue
            }
            var codes = Set<Code>()
            var unknown: [String] = []
            for name in codeNames {
                if let c = Code(rawValue: name) { codes.insert(c) } else { unknown.append(name) }
            }
            if !unknown.isEmpty {
                fail("unknown code(s) \(unknown.joined(separator: ", ")); use the codes of TAXONOMY.md")
                continue
            }
            var evidence: [Code: String] = [:]
            for (k, v) in object["evidence"] as? [String: String] ?? [:] {
                if let c = Code(rawValue: k) { evidence[c] = v }
            }
            let grade = object["grade"] as? Int
            records.append(GoldRecord(document: doc, call: call, turn: turn, starts: starts, grade: grade, codes: codes,
                                      evidence: evidence, file: file, line: lineNumber))
        }
        return (records, problems)
    }
}

/// Gold files that could not be used.
public struct GoldError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A gold record paired with the parsed turn it judges.
public struct AlignedTurn: Sendable {
    public let record: GoldRecord
    public let document: Document
    public let call: Call
    public let turn: Turn
}

/// A gold record that matches no parsed turn, and why.
public struct Misalignment: Sendable, Hashable, Codable {
    public let document: String
    public let call: Int
    public let turn: Int
    public let reason: String
    public let file: String
    public let line: Int
}

/// Gold records matched to parsed turns by document, call and official-turn index, each checked
/// against the record's `starts`.
public struct GoldAlignment: Sendable {
    public let aligned: [AlignedTurn]
    public let misaligned: [Misalignment]

    public init(gold: [GoldRecord], documents: [Document]) {
        let byID = Dictionary(documents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var aligned: [AlignedTurn] = []
        var misaligned: [Misalignment] = []
        for r in gold {
            func miss(_ reason: String) {
                misaligned.append(Misalignment(document: r.document, call: r.call, turn: r.turn, reason: reason,
                                               file: r.file, line: r.line))
            }
            guard let d = byID[r.document] else { miss("document \(r.document) is not in the corpus read"); continue }
            guard let call = d.calls.first(where: { $0.index == r.call }) else {
                miss("document \(r.document) has \(d.calls.count) call(s), no call \(r.call)")
                continue
            }
            let officials = call.officialTurns
            guard r.turn >= 1, r.turn <= officials.count else {
                miss("call \(r.call) has \(officials.count) official turns, no turn \(r.turn)")
                continue
            }
            let turn = officials[r.turn - 1]
            let want = Self.squeeze(r.starts)
            if Self.squeeze(turn.text).hasPrefix(want) {
                aligned.append(AlignedTurn(record: r, document: d, call: call, turn: turn))
            } else {
                var reason = "official turn \(r.turn) starts '\(String(Self.squeeze(turn.text).prefix(12)))', not '\(want)'"
                if let k = officials.firstIndex(where: { Self.squeeze($0.text).hasPrefix(want) }) {
                    reason += "; that text is official turn \(k + 1)"
                }
                miss(reason)
            }
        }
        self.aligned = aligned
        self.misaligned = misaligned
    }

    static func squeeze(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { !$0.properties.isWhitespace }))
    }
}

/// Precision, recall and F1 of one code over turns (a code counts once per turn).
public struct CodeMetrics: Sendable, Hashable, Codable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    /// Nil when nothing was predicted.
    public var precision: Double? {
        truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
    }
    /// Nil when the gold has none.
    public var recall: Double? {
        truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives)
    }
    /// Nil when neither gold nor prediction has the code; 0 when one of them is empty.
    public var f1: Double? {
        let d = 2 * truePositives + falsePositives + falseNegatives
        return d == 0 ? nil : Double(2 * truePositives) / Double(d)
    }

    static func + (a: CodeMetrics, b: CodeMetrics) -> CodeMetrics {
        CodeMetrics(truePositives: a.truePositives + b.truePositives, falsePositives: a.falsePositives + b.falsePositives,
                    falseNegatives: a.falseNegatives + b.falseNegatives)
    }
}

/// A code the detector and the gold disagree on, with the words involved.
public struct CodeDisagreement: Sendable, Hashable, Codable {
    public let document: String
    public let call: Int
    public let turn: Int
    public let code: Code
    /// For a false positive: the matched words and their lexicon entry; for a false negative: the
    /// gold evidence, or the turn's beginning when the annotator gave none.
    public let text: String
    public let rule: String?
    public let location: SourceLocation?
}

/// The result of comparing detections with gold codes.
public struct GoldEvaluationReport: Sendable {
    public let perCode: [Code: CodeMetrics]
    public let aligned: Int
    public let misaligned: [Misalignment]
    public let falsePositives: [CodeDisagreement]
    public let falseNegatives: [CodeDisagreement]

    /// Micro-averaged over the twelve deflection codes.
    public var deflection: CodeMetrics {
        Code.deflections.reduce(CodeMetrics()) { $0 + (perCode[$1] ?? CodeMetrics()) }
    }
    /// Micro-averaged over every code.
    public var allCodes: CodeMetrics {
        Code.allCases.reduce(CodeMetrics()) { $0 + (perCode[$1] ?? CodeMetrics()) }
    }

    /// The machine-readable summary; its keys are a stable interface (`eval --json`).
    public var jsonObject: [String: Any] {
        func num(_ v: Double?) -> Any { v.map { ($0 * 10000).rounded() / 10000 } ?? NSNull() }
        var per: [String: Any] = [:]
        for c in Code.allCases {
            let m = perCode[c] ?? CodeMetrics()
            per[c.rawValue] = ["precision": num(m.precision), "recall": num(m.recall), "f1": num(m.f1),
                               "tp": m.truePositives, "fp": m.falsePositives, "fn": m.falseNegatives]
        }
        return [
            "codes_micro_f1": num(allCodes.f1 ?? 0),
            "deflection_micro_f1": num(deflection.f1 ?? 0),
            "deflection_precision": num(deflection.precision ?? 0),
            "deflection_recall": num(deflection.recall ?? 0),
            "per_code": per,
            "aligned": aligned,
            "misaligned": misaligned.count,
            "misalignments": misaligned.map { ["doc": $0.document, "call": $0.call, "turn": $0.turn, "reason": $0.reason] },
        ]
    }
}

/// Compares the codes found in officials' turns with the gold codes, turn by turn.
public enum GoldEvaluation {
    /// - Parameters:
    ///   - alignment: gold records paired with parsed turns.
    ///   - detect: the detections of one aligned turn.
    public static func evaluate(_ alignment: GoldAlignment,
                                detect: (AlignedTurn) -> [Detection]) -> GoldEvaluationReport {
        var per: [Code: CodeMetrics] = [:]
        var fps: [CodeDisagreement] = []
        var fns: [CodeDisagreement] = []
        for a in alignment.aligned {
            let detections = detect(a)
            let found = Set(detections.map(\.code))
            let r = a.record
            for code in Code.allCases {
                let inGold = r.codes.contains(code), inFound = found.contains(code)
                switch (inGold, inFound) {
                case (true, true): per[code, default: CodeMetrics()].truePositives += 1
                case (false, true):
                    per[code, default: CodeMetrics()].falsePositives += 1
                    let ds = detections.filter { $0.code == code }
                    fps.append(CodeDisagreement(document: r.document, call: r.call, turn: r.turn, code: code,
                                                text: ds.map(\.text).joined(separator: " | "),
                                                rule: ds.map(\.rule.description).joined(separator: ", "),
                                                location: ds.first?.location))
                case (true, false):
                    per[code, default: CodeMetrics()].falseNegatives += 1
                    fns.append(CodeDisagreement(document: r.document, call: r.call, turn: r.turn, code: code,
                                                text: r.evidence[code] ?? String(a.turn.text.prefix(40)),
                                                rule: nil, location: a.turn.passage.map.location(at: 0)))
                case (false, false): break
                }
            }
        }
        return GoldEvaluationReport(perCode: per, aligned: alignment.aligned.count, misaligned: alignment.misaligned,
                                    falsePositives: fps, falseNegatives: fns)
    }
}
