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

/// Gold records matched to parsed turns by their text: within a document, each gold file's
/// records are aligned in order with the official turns whose text begins with the record's
/// `starts` (white space and punctuation ignored), call and official-turn index only breaking
/// ties — so a turn the gold leaves out, or one it has and the parse does not, misaligns only
/// itself.
public struct GoldAlignment: Sendable {
    public let aligned: [AlignedTurn]
    public let misaligned: [Misalignment]

    public init(gold: [GoldRecord], documents: [Document]) {
        let byID = Dictionary(documents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var aligned: [AlignedTurn] = []
        var misaligned: [Misalignment] = []
        // One gold file judging one document is aligned on its own: two annotators' files of the
        // same document each get every turn.
        var groups: [String: [GoldRecord]] = [:]
        var order: [String] = []
        for r in gold {
            let key = r.file + "\u{0}" + r.document
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(r)
        }
        for key in order {
            let records = groups[key]!.sorted { ($0.call, $0.turn, $0.line) < ($1.call, $1.turn, $1.line) }
            guard let d = byID[records[0].document] else {
                for r in records { misaligned.append(Self.miss(r, "document \(r.document) is not in the corpus read")) }
                continue
            }
            let result = Self.align(records, in: d)
            aligned += result.aligned
            misaligned += result.misaligned
        }
        self.aligned = aligned.sorted { ($0.record.file, $0.record.line) < ($1.record.file, $1.record.line) }
        self.misaligned = misaligned.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    }

    /// Aligned turns whose record names another call or official-turn index than the turn it was
    /// matched to by its text.
    public var realigned: [AlignedTurn] {
        aligned.filter { a in
            a.record.call != a.call.index || a.call.officialTurns.firstIndex(where: { $0.index == a.turn.index }).map { $0 + 1 } != a.record.turn
        }
    }

    private static func miss(_ r: GoldRecord, _ reason: String) -> Misalignment {
        Misalignment(document: r.document, call: r.call, turn: r.turn, reason: reason, file: r.file, line: r.line)
    }

    /// The records of one gold file for `document`, sorted by call and turn, matched to its official
    /// turns in order: the most records matched, then the most matched at the call and index
    /// they name (a longest common subsequence over "the turn starts with the record's text").
    static func align(_ records: [GoldRecord], in document: Document) -> (aligned: [AlignedTurn], misaligned: [Misalignment]) {
        struct Slot { let call: Call; let position: Int; let turn: Turn; let text: String }
        var slots: [Slot] = []
        for call in document.calls {
            for (k, t) in call.officialTurns.enumerated() { slots.append(Slot(call: call, position: k + 1, turn: t, text: squeeze(t.text))) }
        }
        let wants = records.map { squeeze($0.starts) }
        let n = records.count, m = slots.count
        func fits(_ i: Int, _ j: Int) -> Bool { slots[j].text.hasPrefix(wants[i]) }
        func exact(_ i: Int, _ j: Int) -> Int { slots[j].call.index == records[i].call && slots[j].position == records[i].turn ? 1 : 0 }
        /// Matches, then matches at the call and index the record names.
        struct Tally: Comparable {
            var matches = 0, exact = 0
            static func < (a: Tally, b: Tally) -> Bool { (a.matches, a.exact) < (b.matches, b.exact) }
        }
        func taking(_ i: Int, _ j: Int, _ rest: Tally) -> Tally { Tally(matches: rest.matches + 1, exact: rest.exact + exact(i, j)) }
        // best[i][j]: the best tally over records[i...] and slots[j...].
        var best = [[Tally]](repeating: [Tally](repeating: Tally(), count: m + 1), count: n + 1)
        if n > 0, m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    var b: Tally = Swift.max(best[i + 1][j], best[i][j + 1])
                    if fits(i, j) { b = Swift.max(b, taking(i, j, best[i + 1][j + 1])) }
                    best[i][j] = b
                }
            }
        }
        var aligned: [AlignedTurn] = []
        var matchedSlots = Set<Int>()
        var unmatched: [Int] = []
        var i = 0, j = 0
        while i < n {
            if j < m, fits(i, j), taking(i, j, best[i + 1][j + 1]) == best[i][j] {
                aligned.append(AlignedTurn(record: records[i], document: document, call: slots[j].call, turn: slots[j].turn))
                matchedSlots.insert(j)
                i += 1; j += 1
            } else if j < m, best[i][j + 1] == best[i][j] {
                j += 1
            } else {
                unmatched.append(i)
                i += 1
            }
        }
        let misaligned = unmatched.map { i -> Misalignment in
            let r = records[i]
            var reason: String
            if document.calls.isEmpty {
                reason = "document \(r.document) has no calls (status: \(document.status))"
            } else if let call = document.calls.first(where: { $0.index == r.call }) {
                let officials = call.officialTurns
                reason = "no official turn of the document starts '\(wants[i])'"
                if r.turn >= 1, r.turn <= officials.count {
                    reason += " (official turn \(r.turn) of call \(r.call) starts '\(String(squeeze(officials[r.turn - 1].text).prefix(12)))')"
                } else {
                    reason += " (call \(r.call) has \(officials.count) official turns, no turn \(r.turn))"
                }
            } else {
                reason = "document \(r.document) has \(document.calls.count) call(s), no call \(r.call), and no official turn in it starts '\(wants[i])'"
            }
            if let j = slots.indices.first(where: { fits(i, $0) }) {
                reason += "; official turn \(slots[j].position) of call \(slots[j].call.index) starts so, but "
                    + (matchedSlots.contains(j) ? "another record is matched to it" : "out of order with the records around it")
            } else if let t = document.calls.lazy.flatMap(\.turns).first(where: { $0.role != .official && squeeze($0.text).hasPrefix(wants[i]) }) {
                reason += "; a \(t.role.rawValue) turn at line \(t.lines.lowerBound) starts so"
            }
            return miss(r, reason)
        }
        return (aligned, misaligned)
    }

    /// The text with white space and punctuation removed, as gold `starts` are written.
    static func squeeze(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter {
            !$0.properties.isWhitespace && !$0.properties.generalCategory.isPunctuationOrSymbolMark
        }))
    }
}

extension Unicode.GeneralCategory {
    /// Punctuation, and the symbols transcripts use as punctuation (`～`, `|`).
    var isPunctuationOrSymbolMark: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .modifierSymbol, .otherSymbol: true
        default: false
        }
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

/// The figures of one document's gold turns.
public struct DocumentEvaluation: Sendable {
    public let document: String
    public let aligned: Int
    public let misaligned: Int
    public let perCode: [Code: CodeMetrics]

    /// Micro-averaged over the twelve deflection codes.
    public var deflection: CodeMetrics { perCode.micro(Code.deflections) }
    /// Micro-averaged over every code.
    public var allCodes: CodeMetrics { perCode.micro(Code.allCases) }
}

extension Dictionary where Key == Code, Value == CodeMetrics {
    /// The counts of `codes` summed: micro-averaged precision, recall and F1.
    func micro(_ codes: [Code]) -> CodeMetrics {
        codes.reduce(CodeMetrics()) { $0 + (self[$1] ?? CodeMetrics()) }
    }
}

/// The result of comparing detections with gold codes: pooled over every aligned turn, and per document.
public struct GoldEvaluationReport: Sendable {
    public let perCode: [Code: CodeMetrics]
    public let aligned: Int
    public let misaligned: [Misalignment]
    /// Aligned turns matched by their text at another call or index than their record names.
    public let realigned: Int
    public let falsePositives: [CodeDisagreement]
    public let falseNegatives: [CodeDisagreement]
    /// Every document with gold records, by id.
    public let documents: [DocumentEvaluation]

    /// Micro-averaged over the twelve deflection codes.
    public var deflection: CodeMetrics { perCode.micro(Code.deflections) }
    /// Micro-averaged over every code.
    public var allCodes: CodeMetrics { perCode.micro(Code.allCases) }

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
            "misalignments": misaligned.map { ["doc": $0.document, "call": $0.call, "turn": $0.turn, "reason": $0.reason,
                                                "file": $0.file, "line": $0.line] },
            "realigned": realigned,
            "per_document": Dictionary(uniqueKeysWithValues: documents.map { d -> (String, Any) in
                (d.document, ["aligned": d.aligned, "misaligned": d.misaligned,
                              "deflection_micro_f1": num(d.deflection.f1), "deflection_precision": num(d.deflection.precision),
                              "deflection_recall": num(d.deflection.recall), "codes_micro_f1": num(d.allCodes.f1),
                              "deflection_tp": d.deflection.truePositives, "deflection_fp": d.deflection.falsePositives,
                              "deflection_fn": d.deflection.falseNegatives] as [String: Any])
            }),
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
        var byDocument: [String: [Code: CodeMetrics]] = [:]
        var fps: [CodeDisagreement] = []
        var fns: [CodeDisagreement] = []
        for a in alignment.aligned {
            let detections = detect(a)
            let found = Set(detections.map(\.code))
            let r = a.record
            var mine = byDocument[r.document] ?? [:]
            defer { byDocument[r.document] = mine }
            for code in Code.allCases {
                let inGold = r.codes.contains(code), inFound = found.contains(code)
                switch (inGold, inFound) {
                case (true, true): mine[code, default: CodeMetrics()].truePositives += 1
                case (false, true):
                    mine[code, default: CodeMetrics()].falsePositives += 1
                    let ds = detections.filter { $0.code == code }
                    fps.append(CodeDisagreement(document: r.document, call: r.call, turn: r.turn, code: code,
                                                text: ds.map(\.text).joined(separator: " | "),
                                                rule: ds.map(\.rule.description).joined(separator: ", "),
                                                location: ds.first?.location))
                case (true, false):
                    mine[code, default: CodeMetrics()].falseNegatives += 1
                    fns.append(CodeDisagreement(document: r.document, call: r.call, turn: r.turn, code: code,
                                                text: r.evidence[code] ?? String(a.turn.text.prefix(40)),
                                                rule: nil, location: a.turn.passage.map.location(at: 0)))
                case (false, false): break
                }
            }
        }
        // Pooled: every aligned turn of every document counts once.
        var per: [Code: CodeMetrics] = [:]
        for counts in byDocument.values {
            for (code, m) in counts { per[code] = (per[code] ?? CodeMetrics()) + m }
        }
        let alignedCount = Dictionary(grouping: alignment.aligned, by: \.record.document).mapValues(\.count)
        let missedCount = Dictionary(grouping: alignment.misaligned, by: \.document).mapValues(\.count)
        let documents = Set(alignedCount.keys).union(missedCount.keys).sorted().map {
            DocumentEvaluation(document: $0, aligned: alignedCount[$0] ?? 0, misaligned: missedCount[$0] ?? 0,
                               perCode: byDocument[$0] ?? [:])
        }
        return GoldEvaluationReport(perCode: per, aligned: alignment.aligned.count, misaligned: alignment.misaligned,
                                    realigned: alignment.realigned.count, falsePositives: fps, falseNegatives: fns,
                                    documents: documents)
    }
}
