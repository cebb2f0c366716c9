import Foundation
import TuiweiCore
import TuiweiCorpus
import TuiweiPipeline
import TuiweiTranscript

/// Reads a REFI-QDA package back into gold judgements: the codes on each official turn, as a
/// researcher left them in NVivo, ATLAS.ti, MAXQDA or any program that writes the standard.
///
/// The turns are found again by parsing each source's stored text, so the package alone is
/// enough: a selection belongs to the official turn that holds its first character (or, when
/// that falls between turns, the turn it overlaps most). Codes are known by name — the code
/// names of `docs/TAXONOMY.md` and `grade 0` … `grade 3`, `ungraded` — so codes a researcher
/// made themselves with those names count too.
public enum QDPXImport {
    public struct Result: Sendable {
        public let records: [GoldRecord]
        public let warnings: [Diagnostic]
    }

    /// - Parameter file: the package's path, for messages.
    /// - Throws: `QDAError` when the package or its project cannot be read.
    public static func gold(from archive: ZipArchive, file: String) throws(QDAError) -> Result {
        guard let qde = archive.entry(named: "project.qde") ?? archive.entries.first(where: { $0.name.lowercased().hasSuffix(".qde") }) else {
            throw QDAError("\(file): no project.qde inside; is this a .qdpx package?")
        }
        let project = try QDAProject(xml: Data(qde.data), file: "\(file)/\(qde.name)")
        return gold(from: project, archive: archive, file: file)
    }

    public static func gold(from project: QDAProject, archive: ZipArchive, file: String) -> Result {
        var warnings: [Diagnostic] = []
        func warn(_ m: String) { warnings.append(Diagnostic(.warning, file: file, m)) }
        let codes = project.codesByGUID
        var unknown = Set<String>()
        var records: [GoldRecord] = []
        for source in project.sources {
            guard let text = sourceText(source, archive) else {
                warn("source '\(source.name)' has no text in the package (plainTextPath \(source.plainTextPath ?? "none")); left out")
                continue
            }
            let id = source.name.isEmpty ? source.guid : source.name
            let document = TranscriptReader.parse(text: text, id: id, path: "\(file):\(source.name)")
            let stored = StoredText(lines: text)
            let chars = Array(text.unicodeScalars)

            struct Slot { let call: Int; let turn: Int; let span: Range<Int>; let text: String
                var grades: [Int?] = []; var codes = Set<Code>(); var evidence: [Code: String] = [:] }
            var slots: [Slot] = []
            /// Spans of the turns of other speakers, where a coding belongs to no official turn.
            var others: [Range<Int>] = []
            for call in document.calls {
                let officials = call.officialTurns
                for t in call.turns where !officials.contains(where: { $0.index == t.index }) { others.append(stored.span(t)) }
                for (k, t) in officials.enumerated() {
                    slots.append(Slot(call: call.index, turn: k + 1, span: stored.span(t), text: t.text))
                }
            }
            for sel in source.selections {
                let named = sel.codes.compactMap { codes[$0] }
                let readings = named.compactMap { c -> Reading? in
                    if let r = Reading(c.name) { return r }
                    if c.isCodable, !unknown.contains(c.name) {
                        unknown.insert(c.name)
                        warn("code '\(c.name)' is not a Tuiwei code (docs/TAXONOMY.md: IGNORANCE … COMMIT, grade 0–3, ungraded); its codings are left out")
                    }
                    return nil
                }
                if sel.codes.count > named.count {
                    warn("selection \(sel.guid) in '\(source.name)' refers to a code the code book does not have; that coding is left out")
                }
                guard !readings.isEmpty else { continue }
                let s = min(sel.start, chars.count), e = min(max(sel.end, s), chars.count)
                var best = slots.firstIndex { $0.span.contains(s) }
                if best == nil {
                    var most = 0
                    for (i, slot) in slots.enumerated() {
                        let overlap = min(e, slot.span.upperBound) - max(s, slot.span.lowerBound)
                        if overlap > most { most = overlap; best = i }
                    }
                }
                // Between turns (an event line such as a hang-up): the official turn before it.
                if best == nil, !others.contains(where: { $0.contains(s) }) {
                    best = slots.lastIndex { $0.span.lowerBound <= s }
                }
                guard let i = best else {
                    warn("'\(source.name)' characters \(sel.start)–\(sel.end) (\(readings.map(\.name).joined(separator: ", "))) lie in no official turn; left out")
                    continue
                }
                let selected = String(String.UnicodeScalarView(chars[s..<e].filter { !TextNormaliser.isBlank($0) }))
                for r in readings {
                    switch r {
                    case .grade(let g): slots[i].grades.append(g)
                    case .code(let c):
                        slots[i].codes.insert(c)
                        if slots[i].evidence[c] == nil, !selected.isEmpty { slots[i].evidence[c] = selected }
                    }
                }
            }
            for slot in slots {
                var grade: Int? = nil
                let distinct = Set(slot.grades)
                if distinct.count > 1 {
                    let numbers = slot.grades.compactMap { $0 }
                    grade = numbers.min()
                    warn("'\(source.name)' call \(slot.call) official turn \(slot.turn) has several grades (\(distinct.map { $0.map(String.init) ?? "ungraded" }.sorted().joined(separator: ", "))); kept the lowest")
                } else {
                    grade = distinct.first ?? nil
                }
                let starts = String(String.UnicodeScalarView(slot.text.unicodeScalars.filter { !TextNormaliser.isBlank($0) }.prefix(12)))
                records.append(GoldRecord(document: id, call: slot.call, turn: slot.turn, starts: starts, grade: grade,
                                          codes: slot.codes, evidence: slot.evidence, file: file, line: 0))
            }
        }
        return Result(records: records, warnings: warnings)
    }

    /// A code name read as a Tuiwei code or grade.
    enum Reading {
        case code(Code)
        case grade(Int?)

        init?(_ raw: String) {
            let name = raw.trimmingCharacters(in: .whitespaces)
            let lower = name.lowercased()
            if lower == "ungraded" { self = .grade(nil); return }
            if lower.hasPrefix("grade"), let g = Int(lower.dropFirst(5).trimmingCharacters(in: .whitespaces)), (0...3).contains(g) {
                self = .grade(g)
                return
            }
            // `IGNORANCE`, `ignorance`, `Non-commitment`, or `IGNORANCE: claims not to know`.
            let word = name.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "—" || $0 == "(" }).first.map(String.init) ?? name
            let key = word.uppercased().replacingOccurrences(of: "-", with: "_")
            guard let c = Code(rawValue: key) else { return nil }
            self = .code(c)
        }

        var name: String {
            switch self {
            case .code(let c): c.rawValue
            case .grade(let g): QDACodeBook.name(grade: g)
            }
        }
    }

    static func sourceText(_ source: QDAProject.TextSource, _ archive: ZipArchive) -> String? {
        if let inline = source.plainTextContent { return inline }
        guard var path = source.plainTextPath else { return nil }
        if path.hasPrefix("internal://") { path = "sources/" + path.dropFirst("internal://".count) }
        let entry = archive.entry(named: path) ?? archive.entry(named: "sources/" + (path as NSString).lastPathComponent)
        return entry.map { String(decoding: $0.data, as: UTF8.self) }
    }
}

extension StoredText {
    /// The stored text of a package, whose lines end in `\n` (any other line end counts too).
    init(lines text: String) {
        self.init(SourceText(id: "", path: "", encoding: "UTF-8", text: text))
    }
}

/// Writes gold records as JSON Lines, in the layout of the shipped gold files
/// (`doc`, `call`, `turn`, `starts`, `grade`, `codes`, `evidence`; codes in name order).
public enum GoldWriter {
    public static func jsonLines(_ records: [GoldRecord]) -> String {
        var out = ""
        for r in records.sorted(by: { ($0.document, $0.call, $0.turn) < ($1.document, $1.call, $1.turn) }) {
            let codes = r.codes.map(\.rawValue).sorted()
            let evidence = r.evidence.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\(string($0.key.rawValue)): \(string($0.value))" }.joined(separator: ", ")
            out += "{\"doc\": \(string(r.document)), \"call\": \(r.call), \"turn\": \(r.turn), \"starts\": \(string(r.starts)), "
            out += "\"grade\": \(r.grade.map(String.init) ?? "null"), \"codes\": [\(codes.map(string).joined(separator: ", "))], "
            out += "\"evidence\": {\(evidence)}}\n"
        }
        return out
    }

    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
