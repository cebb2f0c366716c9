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
            …{N}, word anchors <…>, and the word classes of the lexicons (@know). Matching folds traditional to simplified, full-width to ASCII and
            digits to 0, as the detector does. The last column says which lexicon code (if any) the
            detector gives that span, so a new phrase can be checked before it is added.
            CORPUS defaults to the bundled corpus/. Exit status 1 when a document could not be read.
            """)

    static func run(_ args: ParsedArguments) async throws -> Int32 {
        guard let source = args.positional.first else { throw UsageError(message: "give a PATTERN to search for") }
        let (detection, conventions) = try LexiconOptions.load(args)
        let normaliser = detection.detector.lexicon.normaliser
        let pattern: Pattern
        do {
            pattern = try Pattern(source, normaliser: normaliser, classes: detection.detector.lexicon.classes)
        } catch {
            throw UsageError(message: "invalid pattern '\(source)': \(error)")
        }
        let width = try args.integer("--width", in: 0...200) ?? 12
        // Each document is read, searched and let go: a corpus of any size is searched in the
        // memory of its largest document.
        let sources = TranscriptReader.sources(at: try CorpusArguments.paths(Array(args.positional.dropFirst())))
        let search = Kwic.Search(pattern, detection: detection, width: width, officialsOnly: args.flag("--officials"))
        let asCSV = args.flag("--csv")
        if asCSV { print("document,line,column,speaker,role,left,match,right,codes") }
        var unread = false
        var matches = 0
        func show(_ rows: [Kwic.Row]) {
            for r in rows {
                matches += 1
                if asCSV {
                    print([r.document, "\(r.line)", "\(r.column)", r.speaker, r.role, r.left, r.match, r.right, r.codes.joined(separator: " ")].map(csv).joined(separator: ","))
                } else {
                    let left = r.left.count < width ? String(repeating: "　", count: width - r.left.count) + r.left : r.left
                    print("\(r.document):\(r.line):\(r.column)\t\(r.speaker)\t\(left) [\(r.match)] \(r.right)\t\(r.codes.joined(separator: " "))")
                }
            }
        }
        let streamedBytes = try CorpusArguments.streamedBytes()
        for input in sources {
            // A large transcript file is searched a call at a time.
            if let plan = StreamedTranscript.plan(input, conventions: conventions, minimumBytes: streamedBytes) {
                var calls = plan.calls()
                while let c = calls.next() { show(search.rows(in: plan.document(with: [c]))) }
                continue
            }
            let document = TranscriptReader.read(input, conventions: conventions)
            if CorpusArguments.reportUnread([document], command: "kwic") { unread = true }
            show(search.rows(in: document))
        }
        if !asCSV { printError("tuiwei kwic: \(matches) match(es) of '\(source)' in \(sources.count) document(s)") }
        return unread ? ExitStatus.partial : ExitStatus.ok
    }

    static func csv(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
