import Foundation
import TuiweiCore
import TuiweiLexicon
import TuiweiPipeline
import TuiweiScoring
import TuiweiTranscript

/// `tuiwei lexicon check|mine`: lint lexicon files, or propose new phrases from a corpus.
enum LexiconCommand: Command {
    static let spec = CommandSpec(
        name: "lexicon",
        synopsis: "tuiwei lexicon check [LEXICON…] | tuiwei lexicon mine [CORPUS…] [--top N] [--min-count N]",
        summary: "Check deflection lexicons for mistakes, or mine a corpus for phrases they miss.",
        options: LexiconOptions.specs + [
            .value("--top", "N", "mine: how many candidates to list (default 40)."),
            .value("--min-count", "N", "mine: how often a phrase must occur in officials' turns (default 3)."),
        ],
        details: """
            check: reads the LEXICON files or folders (default: the shipped lexicons/deflection plus any
            --lexicon, the bodies table lexicons/scoring/bodies.tsv and lexicons/transcript) and reports
            syntax errors, unknown categories, duplicate entries, entries shadowed by another, and
            entries that can never match; a file named …bodies.tsv is checked as a bodies table (kinds,
            terms, follow lines), and a folder holding the transcript stage's files (roles.tsv,
            bodies.tsv, calls.tsv, labels.tsv) against their classes. Exit status 65 when there are errors.
            mine: lists word n-grams frequent in officials' turns and rare in callers' turns and in
            articles (ranked by a smoothed log-odds z-score), that no entry matches yet, with examples.
            CORPUS defaults to the bundled corpus/.
            """)

    static func run(_ args: ParsedArguments) async throws -> Int32 {
        guard let sub = args.positional.first else {
            throw UsageError(message: "name what to do: check or mine")
        }
        let rest = Array(args.positional.dropFirst())
        switch sub {
        case "check": return try check(rest, args)
        case "mine": return try mine(rest, args)
        default: throw UsageError(message: "unknown action '\(sub)'; use check or mine")
        }
    }

    static func check(_ files: [String], _ args: ParsedArguments) throws -> Int32 {
        var paths = files
        if paths.isEmpty {
            paths = try LexiconOptions.paths(args)
        } else {
            paths += args.all("--lexicon")
        }
        let folder = (try? ScriptFolder.shipped()) ?? ScriptFolder()
        // A folder of the transcript stage's words (lexicons/transcript) is checked against its own
        // schema, and bodies tables (`…bodies.tsv`) have a format of their own; with no files named,
        // the shipped ones are checked too, the bodies table against the orientation terms.
        let fm = FileManager.default
        func isTranscriptFolder(_ p: String) -> Bool {
            TranscriptConventions.schema.keys.contains { fm.fileExists(atPath: p + "/" + $0) }
        }
        var transcriptFolders = paths.filter(isTranscriptFolder)
        paths.removeAll(where: isTranscriptFolder)
        var bodyTables = paths.filter { $0.hasSuffix("bodies.tsv") }
        paths.removeAll { $0.hasSuffix("bodies.tsv") }
        var orientation: String?
        if files.isEmpty, let dir = ProjectLayout.lexiconsDirectory() {
            bodyTables.append(dir + "/scoring/bodies.tsv")
            orientation = dir + "/scoring/orientation.tsv"
            transcriptFolders.append(dir + "/transcript")
        }
        var diagnostics = paths.isEmpty ? [] : LexiconLint.check(paths: paths, folder: folder)
        for table in bodyTables {
            diagnostics += BodyTable.lint(path: table, orientation: orientation, fold: { $0 >= 0x3400 ? folder.fold($0) : $0 })
        }
        for dir in transcriptFolders { diagnostics += TranscriptConventions.check(directory: dir, folder: folder) }
        // Findings and the summary both go to standard error, as a compiler's do.
        for d in diagnostics { printError(d.description) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let count = (paths.isEmpty ? 0 : Lexicon.files(in: paths).count) + bodyTables.count
            + transcriptFolders.count * TranscriptConventions.schema.count
        printError("tuiwei lexicon check: \(count) lexicon file(s): \(errors) error(s), \(warnings) warning(s)")
        return errors > 0 ? ExitStatus.dataError : ExitStatus.ok
    }

    static func mine(_ corpus: [String], _ args: ParsedArguments) throws -> Int32 {
        let detection = try LexiconOptions.load(args)
        let documents = TranscriptReader.readDocuments(at: try CorpusArguments.paths(corpus))
        let unread = CorpusArguments.reportUnread(documents, command: "lexicon mine")
        // An excerpted copy of a call would count its phrases twice.
        let copies = Set(TranscriptReader.duplicates(in: documents).map { "\($0.document)#\($0.call)" })
        var official: [LexiconMiner.Text] = []
        var reference: [LexiconMiner.Text] = []
        for d in documents where d.status.isAnalysed {
            for c in d.calls where !copies.contains("\(d.id)#\(c.index)") {
                for t in c.turns {
                    let text = LexiconMiner.Text(text: t.text, label: "\(d.id):\(t.lines.lowerBound)",
                                                 tokens: detection.tokens(in: t.text))
                    switch t.role {
                    case .official: official.append(text)
                    case .caller: reference.append(text)
                    case .respondent, .narrator, .unknown: break
                    }
                }
            }
            for p in d.paragraphs {
                reference.append(LexiconMiner.Text(text: p.text, label: "\(d.id):\(p.lines.lowerBound)",
                                                   tokens: detection.tokens(in: p.text)))
            }
        }
        let miner = LexiconMiner(minimumCount: try args.integer("--min-count", in: 1...1000) ?? 3,
                                 limit: try args.integer("--top", in: 1...10000) ?? 40)
        let found = miner.mine(official: official, reference: reference, detector: detection.detector)
        print("score\tofficial\treference\tphrase\texample")
        for c in found {
            print(String(format: "%.2f", c.score) + "\t\(c.officialCount)\t\(c.referenceCount)\t\(c.phrase)\t\(c.examples.first ?? "")")
            for e in c.examples.dropFirst() { print("\t\t\t\t\(e)") }
        }
        printError("tuiwei lexicon mine: \(official.count) official turns, \(reference.count) reference texts; \(found.count) candidate(s) not covered by the lexicon")
        return unread ? ExitStatus.partial : ExitStatus.ok
    }
}

/// `--lexicon PATH` (repeatable) and `--no-default-lexicons`, shared by lexicon, kwic and eval.
enum LexiconOptions {
    static let specs: [OptionSpec] = [
        .value("--lexicon", "PATH", "Also use this lexicon file or folder (repeatable).", repeatable: true),
        .flag("--no-default-lexicons", "Do not load the shipped lexicons/deflection."),
    ]

    /// The lexicon files and folders the options select.
    static func paths(_ args: ParsedArguments) throws -> [String] {
        var paths: [String] = []
        if !args.flag("--no-default-lexicons") {
            guard let dir = Lexicon.shippedDirectory else {
                throw Diagnostic(.error, file: "lexicons/deflection", ProjectLayout.notFound("the shipped lexicons", option: "--no-default-lexicons --lexicon PATH"))
            }
            paths.append(dir)
        }
        paths += args.all("--lexicon")
        if paths.isEmpty {
            throw UsageError(message: "--no-default-lexicons needs at least one --lexicon PATH")
        }
        return paths
    }

    /// Loads the whole analysis engine (detector, segmenter, scoring files) the options select;
    /// lexicon errors are printed one per line and end the command.
    static func engine(_ args: ParsedArguments) throws -> AnalysisEngine {
        _ = try paths(args)
        do {
            let engine = try AnalysisEngine.load(lexicons: args.all("--lexicon"), defaultLexicons: !args.flag("--no-default-lexicons"))
            for w in engine.detection.detector.lexicon.warnings { printError(w.description) }
            return engine
        } catch let e as LexiconError {
            throw LexiconLoadFailure(message: e.description)
        }
    }

    /// Loads the detector; lexicon errors are printed one per line and end the command.
    static func load(_ args: ParsedArguments) throws -> DeflectionDetection {
        _ = try paths(args)
        do {
            let detection = try DeflectionDetection.load(extra: args.all("--lexicon"), defaults: !args.flag("--no-default-lexicons"))
            for w in detection.detector.lexicon.warnings { printError(w.description) }
            return detection
        } catch let e as LexiconError {
            throw LexiconLoadFailure(message: e.description)
        }
    }
}

/// Lexicon errors already formatted one per line (`file:line: error: …`).
struct LexiconLoadFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message + "\nfix the lines above (tuiwei lexicon check lists every problem)" }
}
