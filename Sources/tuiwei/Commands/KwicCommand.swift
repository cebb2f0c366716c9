import Foundation
import TuiweiCore
import TuiweiLexicon
import TuiweiPipeline
import TuiweiTranscript

/// `tuiwei kwic PATTERN`: every place a lexicon pattern matches, with its context.
enum KwicCommand: Command {
    static let spec = CommandSpec(
        name: "kwic",
        synopsis: "tuiwei kwic PATTERN [CORPUS…] [--csv] [--width N] [--officials]",
        summary: "Keyword in context: where a pattern (lexicon syntax) occurs, in every speaker's turns and in articles.",
        options: LexiconOptions.specs + [
            .flag("--csv", "Write CSV (document,line,column,speaker,role,left,match,right) instead of a table."),
            .value("--width", "N", "Characters of context on each side (default 12)."),
            .flag("--officials", "Only officials' turns."),
        ],
        details: """
            PATTERN uses the lexicon syntax: alternatives (a|b), optional parts x? and (ab)?, gaps … or
            …{N}, word anchors <…>. Matching folds traditional to simplified, full-width to ASCII and
            digits to 0, as the detector does. The last column says which lexicon code (if any) the
            detector gives that span, so a new phrase can be checked before it is added.
            CORPUS defaults to the bundled corpus/.
            """)

    struct Row {
        let document: String, line: Int, column: Int, speaker: String, role: String
        let left: String, match: String, right: String, codes: String
    }

    static func run(_ args: ParsedArguments) async throws -> Int32 {
        guard let source = args.positional.first else { throw UsageError(message: "give a PATTERN to search for") }
        let detection = try LexiconOptions.load(args)
        let folder = detection.detector.lexicon.folder
        let pattern: Pattern
        do {
            pattern = try Pattern(source, folder: folder)
        } catch {
            throw UsageError(message: "invalid pattern '\(source)': \(error)")
        }
        let automaton = PhraseAutomaton(patterns: [pattern])
        let width = try args.integer("--width", in: 0...200) ?? 12
        let documents = TranscriptReader.readDocuments(at: try CorpusArguments.paths(Array(args.positional.dropFirst())))
        var rows: [Row] = []
        func scan(_ passage: Passage, document: String, speaker: String, role: String, turn: Turn?) {
            let scalars = Array(passage.text.unicodeScalars)
            let folded = scalars.map { folder.fold($0.value) }
            let tokens = detection.tokens(in: passage.text)
            let matches = automaton.matches(in: folded, boundaries: tokens.map { WordBoundaries(tokens: $0, length: folded.count) })
            if matches.isEmpty { return }
            let detections = turn.map { detection.detector.detect(in: $0, tokens: tokens) } ?? []
            for m in matches {
                func text(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[r])) }
                let loc = passage.map.location(at: m.range.lowerBound)
                let codes = detections.filter { $0.range.overlaps(m.range) }.map { "\($0.code.rawValue)@\($0.rule)" }
                rows.append(Row(document: document, line: loc.line, column: loc.column, speaker: speaker, role: role,
                                left: text(max(0, m.range.lowerBound - width)..<m.range.lowerBound), match: text(m.range),
                                right: text(m.range.upperBound..<min(scalars.count, m.range.upperBound + width)),
                                codes: codes.joined(separator: " ")))
            }
        }
        for d in documents where d.status.isAnalysed {
            for c in d.calls {
                for t in c.turns where !args.flag("--officials") || t.role == .official {
                    scan(t.passage, document: d.id, speaker: c.speakers[t.speaker].label, role: t.role.rawValue, turn: t)
                }
            }
            if !args.flag("--officials") {
                for p in d.paragraphs { scan(p, document: d.id, speaker: "-", role: "article", turn: nil) }
            }
        }
        if args.flag("--csv") {
            print("document,line,column,speaker,role,left,match,right,codes")
            for r in rows {
                print([r.document, "\(r.line)", "\(r.column)", r.speaker, r.role, r.left, r.match, r.right, r.codes].map(csv).joined(separator: ","))
            }
        } else {
            for r in rows {
                let left = r.left.count < width ? String(repeating: "　", count: width - r.left.count) + r.left : r.left
                print("\(r.document):\(r.line):\(r.column)\t\(r.speaker)\t\(left) [\(r.match)] \(r.right)\t\(r.codes)")
            }
            printError("\(rows.count) match(es) of '\(source)' in \(documents.count) document(s)")
        }
        return ExitStatus.ok
    }

    static func csv(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
