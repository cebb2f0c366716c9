import Foundation
import TuiweiCore
import TuiweiCorpus
import TuiweiScoring
import TuiweiTranscript

/// A document's text as a QDA project stores it: decoded, UTF-8, one `\n` between lines, so
/// that a character position means the same in every program whatever line ends the file had.
public struct StoredText: Sendable {
    public let text: String
    /// Scalar offset where each line starts (line 1 at index 0).
    let lineStarts: [Int]
    let scalarCount: Int

    public init(_ source: SourceText) {
        var scalars = String.UnicodeScalarView()
        var starts: [Int] = []
        var n = 0
        for (i, line) in source.lines.enumerated() {
            if i > 0 { scalars.append("\n"); n += 1 }
            starts.append(n)
            scalars.append(contentsOf: line.scalars)
            n += line.scalars.count
        }
        text = String(scalars)
        lineStarts = starts
        scalarCount = n
    }

    /// The character position of an original line and column.
    public func position(_ location: SourceLocation) -> Int {
        guard location.line >= 1, location.line <= lineStarts.count else { return location.line < 1 ? 0 : scalarCount }
        return min(scalarCount, lineStarts[location.line - 1] + max(0, location.column - 1))
    }

    /// Positions of scalars `range` of a passage: from its first character to just after its last.
    public func span(_ passage: Passage, _ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else { let p = position(passage.map.location(at: range.lowerBound)); return p..<p }
        let start = position(passage.map.location(at: range.lowerBound))
        let end = position(passage.map.location(at: range.upperBound - 1)) + 1
        return start..<max(start, end)
    }

    /// The whole turn, its label included.
    public func span(_ turn: Turn) -> Range<Int> {
        let speech = span(turn.passage, 0..<turn.passage.text.unicodeScalars.count)
        guard let label = turn.label else { return speech }
        let start = position(label.start)
        return min(start, speech.lowerBound)..<speech.upperBound
    }
}

/// One document read for exchange: its structure, its stored text and its scored answers.
public struct ExchangeDocument: Sendable {
    public let document: Document
    public let text: StoredText
    public let answers: [ScoredAnswer]

    public init(document: Document, text: StoredText, answers: [ScoredAnswer]) {
        self.document = document
        self.text = text
        self.answers = answers
    }

    /// Reads and parses a source the way every command does (same decoder, same parser);
    /// nil with the reason when it cannot be read.
    public static func read(_ source: CorpusSource) -> Result<(Document, StoredText), Diagnostic> {
        let bytes: [UInt8]
        do { bytes = try CorpusSources.bytes(of: source) } catch let d as Diagnostic {
            return .failure(Diagnostic(.error, file: source.path, d.message))
        } catch {
            return .failure(Diagnostic(.error, file: source.path, "\(error)"))
        }
        switch TextDecoder.decode(bytes) {
        case .failure(let f): return .failure(Diagnostic(.error, file: source.path, f.description))
        case .success(let decoded):
            let text = SourceText(id: source.id, path: source.path, encoding: decoded.encoding, text: decoded.text,
                                  warnings: source.notes + decoded.warnings)
            return .success((TranscriptParser.parse(text), StoredText(text)))
        }
    }
}

/// The codes of a Tuiwei project in QDA software: the categories of `docs/TAXONOMY.md` and the
/// grades, with GUIDs that stay the same from one export to the next.
public enum QDACodeBook {
    public static func guid(_ code: Code) -> String { QDAGUID.make("code", code.rawValue) }
    public static func guid(grade: Int?) -> String { QDAGUID.make("grade", grade.map(String.init) ?? "none") }
    public static func name(grade: Int?) -> String { grade.map { "grade \($0)" } ?? "ungraded" }

    static let descriptions: [Code: String] = [
        .ignorance: "claims not to know", .referral: "sends the caller elsewhere", .jurisdiction: "\"not ours\"",
        .deferUp: "waits for superiors / the Party group", .deferAdmin: "hands the union's role to government",
        .nonCommitment: "refuses to promise anything",
        .gatekeeping: "procedural blocking, questions the caller's right to ask",
        .resourceExcuse: "blames lack of staff, money, scale", .vagueFuture: "unspecific promises about later",
        .boilerplate: "slogans and set phrases in place of content", .counterQuestion: "turns the question on the caller",
        .termination: "ends the exchange", .hedge: "weakens what is said (modifier)",
        .backchannel: "a turn that is only 嗯 / 对 / 好 (modifier)",
        .direct: "a clear yes/no or a stated fact that answers what was asked",
        .specific: "numbers, dates, names, documents", .acknowledge: "concedes the caller's point",
        .commit: "a concrete next step the speaker will take themself",
    ]
    /// The grade scale of docs/TAXONOMY.md.
    static let gradeDescriptions = [
        "does not answer: ignorance, referral, refusal, counter-question, hang-up",
        "talks around the question: hedged, boilerplate, deferral, with little that answers",
        "partly answers: on the question, but incomplete or generic",
        "answers what was asked, directly, with substance",
    ]

    public static var codes: [QDAProject.Code] {
        func group(_ name: String, _ kind: Code.Kind, _ description: String) -> QDAProject.Code {
            QDAProject.Code(guid: QDAGUID.make("group", name), name: name, isCodable: false, description: description,
                            children: Code.allCases.filter { $0.kind == kind }.map {
                                QDAProject.Code(guid: guid($0), name: $0.rawValue, isCodable: true, description: descriptions[$0])
                            })
        }
        let grades = QDAProject.Code(
            guid: QDAGUID.make("group", "Grades"), name: "Grades", isCodable: false,
            description: "The 0–3 responsiveness grade of an official turn, applied to the selection of the whole turn.",
            children: (0...3).map { QDAProject.Code(guid: guid(grade: $0), name: name(grade: $0), isCodable: true, description: gradeDescriptions[$0]) }
                + [QDAProject.Code(guid: guid(grade: nil), name: name(grade: nil), isCodable: true,
                                   description: "backchannel or greeting only: not graded")])
        return [
            group("Deflections", .deflection, "What an official says instead of answering (docs/TAXONOMY.md)."),
            group("Modifiers", .modifier, "Counted, but not deflections on their own."),
            group("Answer signs", .answer, "Signs of a real answer."),
            grades,
        ]
    }
}

/// Builds a REFI-QDA package (`.qdpx`) from analysed documents.
public enum QDPXExport {
    public static let userGUID = QDAGUID.make("user", "tuiwei")

    /// The project: every official turn a selection coded with its grade (its score and the
    /// score's contributions in a note), every detection a selection coded at its exact span.
    public static func project(_ documents: [ExchangeDocument]) -> QDAProject {
        var sources: [QDAProject.TextSource] = []
        var notes: [QDAProject.Note] = []
        for d in documents {
            let doc = d.document
            let sourceGUID = QDAGUID.make("source", doc.id)
            var selections: [QDAProject.Selection] = []
            let calls = Dictionary(doc.calls.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
            for a in d.answers {
                let s = a.score
                guard let call = calls[s.call], s.turn >= 0, s.turn < call.turns.count else { continue }
                let turn = call.turns[s.turn]
                let where_ = "call \(s.call), official turn \(s.officialTurn)"
                let noteGUID = QDAGUID.make("note", doc.id, "\(s.call)", "\(s.officialTurn)")
                var note = "\(doc.id) \(where_) (line \(a.line)): score \(String(format: "%.1f", s.score)), \(QDACodeBook.name(grade: s.grade))\n"
                if !a.question.isEmpty { note += "question: \(a.question)\n" }
                for c in s.contributions {
                    note += String(format: "%+.1f", c.points) + " \(c.feature)" + (c.detail.isEmpty ? "" : " — \(c.detail)") + "\n"
                }
                notes.append(QDAProject.Note(guid: noteGUID, name: "\(doc.id) \(where_)", text: note))
                let turnSpan = d.text.span(turn)
                selections.append(QDAProject.Selection(
                    guid: QDAGUID.make("turn", doc.id, "\(s.call)", "\(s.officialTurn)"), name: where_,
                    start: turnSpan.lowerBound, end: turnSpan.upperBound,
                    description: "\(a.speaker): score \(String(format: "%.1f", s.score)), \(QDACodeBook.name(grade: s.grade))",
                    codes: [QDACodeBook.guid(grade: s.grade)], notes: [noteGUID], creatingUser: userGUID))
                for det in s.detections {
                    var span = d.text.span(turn.passage, det.range)
                    // A hang-up is found in the event after the turn, not in its words: select the event.
                    // The event is the one charged to this turn whose words the detection quotes.
                    if det.range.isEmpty, let event = call.events.first(where: {
                        call.officialTurn(before: $0)?.index == s.turn && $0.passage.text.contains(det.text)
                    }) {
                        span = d.text.span(event.passage, 0..<event.passage.text.unicodeScalars.count)
                    }
                    selections.append(QDAProject.Selection(
                        guid: QDAGUID.make("detection", doc.id, "\(s.call)", "\(s.officialTurn)", det.code.rawValue,
                                           "\(det.range.lowerBound)", "\(det.range.upperBound)"),
                        name: "\(det.code.rawValue): \(det.text)", start: span.lowerBound, end: span.upperBound,
                        description: "\(where_); lexicon entry \(det.rule)", codes: [QDACodeBook.guid(det.code)],
                        creatingUser: userGUID))
                }
            }
            sources.append(QDAProject.TextSource(
                guid: sourceGUID, name: doc.id, plainTextPath: "internal://\(sourceGUID).txt",
                description: "\(doc.path) (\(doc.encoding ?? "?")), read by Tuiwei \(TuiweiVersion.string)", selections: selections))
        }
        return QDAProject(name: "Tuiwei codes", origin: "Tuiwei \(TuiweiVersion.string)",
                          users: [QDAProject.User(guid: userGUID, name: "Tuiwei")], codes: QDACodeBook.codes,
                          sources: sources, notes: notes)
    }

    /// The package: `project.qde` and every source's text under `sources/`.
    public static func package(_ documents: [ExchangeDocument]) -> ZipArchive {
        let project = project(documents)
        var entries = [ZipArchive.Entry(name: "project.qde", data: Array(project.xml.utf8))]
        for (d, src) in zip(documents, project.sources) {
            entries.append(ZipArchive.Entry(name: "sources/\(src.guid).txt", data: Array(d.text.text.utf8)))
        }
        return ZipArchive(entries: entries)
    }
}
